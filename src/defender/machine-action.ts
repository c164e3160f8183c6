// Response actions (write): the requests that start one, and the MachineAction entity Defender
// answers with (201) and reports on (GET /api/machineactions/{id}). Pure: no I/O.
import { DefenderError } from './errors';
import { odataString } from './requests';
import type { Page, ParseResult } from './parse';

/** What the bot can ask Defender to do to a device. */
export const RESPONSE_ACTION_KINDS = ['isolate', 'release', 'scan', 'collect', 'restrict', 'unrestrict'] as const;
export type ResponseActionKind = (typeof RESPONSE_ACTION_KINDS)[number];

/** The statuses the docs list; anything else is kept as sent and treated as still running. */
export const FINAL_ACTION_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;

export interface MachineAction {
  id: string;
  /** Isolate, Unisolate, RunAntiVirusScan, CollectInvestigationPackage, RestrictCodeExecution, UnrestrictCodeExecution, … */
  type?: string;
  /** Who Defender recorded as having asked (the token's user). */
  requestor?: string;
  requestorComment?: string;
  status: string;
  machineId?: string;
  computerDnsName?: string;
  creationDateTimeUtc?: string;
  lastUpdateDateTimeUtc?: string;
}

export interface ActionRequestBody {
  Comment: string;
  IsolationType?: 'Full' | 'Selective';
  ScanType?: 'Quick' | 'Full';
}

export interface PostRequest {
  method: 'POST';
  path: string;
  body: ActionRequestBody;
}

/** The API path segment after /api/machines/{id}/ and the MachineAction `type` of each action. */
export const ACTION_ENDPOINTS: Readonly<Record<ResponseActionKind, { segment: string; type: string }>> = {
  isolate: { segment: 'isolate', type: 'Isolate' },
  release: { segment: 'unisolate', type: 'Unisolate' },
  scan: { segment: 'runAntiVirusScan', type: 'RunAntiVirusScan' },
  collect: { segment: 'collectInvestigationPackage', type: 'CollectInvestigationPackage' },
  restrict: { segment: 'restrictCodeExecution', type: 'RestrictCodeExecution' },
  unrestrict: { segment: 'unrestrictCodeExecution', type: 'UnrestrictCodeExecution' },
};

export function isFinalStatus(status: string): boolean {
  return (FINAL_ACTION_STATUSES as readonly string[]).includes(status);
}

/** POST /api/machines/{id}/<action>. Only a 40-hex device id is sent: a response action never goes by name. */
export function actionRequest(machineId: string, kind: ResponseActionKind, body: ActionRequestBody): PostRequest {
  if (!/^[0-9a-f]{40}$/i.test(machineId)) throw new DefenderError('badRequest', 'a response action needs a device id');
  if (body.Comment.trim() === '') throw new DefenderError('badRequest', 'a response action needs a comment');
  return { method: 'POST', path: `/api/machines/${machineId.toLowerCase()}/${ACTION_ENDPOINTS[kind].segment}`, body };
}

/** GET /api/machineactions/{id}: Defender's action ids are GUIDs. */
export function machineActionPath(actionId: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(actionId)) {
    throw new DefenderError('badRequest', 'a machine action id is a GUID');
  }
  return `/api/machineactions/${actionId.toLowerCase()}`;
}

/** GET /api/machineactions?$filter=machineId eq '…': a device's actions, for "already in progress" and isolation state. */
export function machineActionsOfPath(machineId: string): string {
  if (!/^[0-9a-f]{40}$/i.test(machineId)) throw new DefenderError('badRequest', 'machine actions are listed by device id');
  return `/api/machineactions?$filter=${encodeURIComponent(`machineId eq ${odataString(machineId.toLowerCase())}`)}`;
}

export function parseMachineAction(raw: unknown): MachineAction | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  const s = (key: string): string | undefined => (typeof o[key] === 'string' && o[key] !== '' ? (o[key] as string) : undefined);
  const id = s('id');
  const status = s('status');
  if (id === undefined || status === undefined) return undefined;
  const out: MachineAction = { id, status };
  for (const key of [
    'type',
    'requestor',
    'requestorComment',
    'machineId',
    'computerDnsName',
    'creationDateTimeUtc',
    'lastUpdateDateTimeUtc',
  ] as const) {
    const v = s(key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export function parseMachineActionBody(body: unknown): ParseResult<MachineAction> {
  const action = parseMachineAction(body);
  return action === undefined ? { ok: false, reason: 'not a machine action (no string id and status)' } : { ok: true, value: action };
}

export function parseMachineActionPage(body: unknown): ParseResult<Page<MachineAction>> {
  const value: unknown = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['value'] : undefined;
  if (!Array.isArray(value)) return { ok: false, reason: 'no "value" array' };
  const items = value.map(parseMachineAction).filter((a): a is MachineAction => a !== undefined);
  const next: unknown = (body as Record<string, unknown>)['@odata.nextLink'];
  return { ok: true, value: { items, skipped: value.length - items.length, ...(typeof next === 'string' ? { nextLink: next } : {}) } };
}
