// Response actions in the simulated tenant: what a POST to /api/machines/{id}/<action> creates, and
// how its status moves on (Pending → InProgress → Succeeded) with time, read lazily from the clock so
// a test's injected clock drives it too. A second request of the same kind while one is Pending or
// InProgress is refused with 400 ActiveRequestAlreadyExists, as Defender does.
import { randomUUID } from 'node:crypto';
import type { WireMachine } from './data/types';
import type { ACTION_ROUTES, ActionEndpoint } from './endpoints';
import { SimHttpError } from './http';
import type { Persona } from './personas';

export type SimActionKind = (typeof ACTION_ROUTES)[ActionEndpoint];

export interface ActionTimings {
  /** Pending until this long after the request (default 1000 ms). */
  inProgressAfterMs: number;
  /** Succeeded this long after the request (default 3000 ms). */
  doneAfterMs: number;
}

export const DEFAULT_ACTION_TIMINGS: ActionTimings = { inProgressAfterMs: 1000, doneAfterMs: 3000 };

const TYPES: Readonly<Record<SimActionKind, string>> = {
  isolate: 'Isolate',
  release: 'Unisolate',
  scan: 'RunAntiVirusScan',
  collect: 'CollectInvestigationPackage',
  restrict: 'RestrictCodeExecution',
  unrestrict: 'UnrestrictCodeExecution',
};

interface Recorded {
  id: string;
  kind: SimActionKind;
  requestor: string;
  requestorComment: string;
  machineId: string;
  computerDnsName: string | null;
  createdAt: number;
  extra: Record<string, string>;
}

export const MACHINE_ACTION_CONTEXT = 'https://api.securitycenter.microsoft.com/api/$metadata#MachineActions';

export class MachineActionBook {
  private readonly actions: Recorded[] = [];

  constructor(private readonly timings: ActionTimings = DEFAULT_ACTION_TIMINGS) {}

  /** Checks the role and the body, refuses a duplicate in progress, records the action. */
  create(kind: SimActionKind, machine: WireMachine, analyst: Persona, rawBody: string, now: number): Record<string, unknown> {
    const allowed = kind === 'collect' ? analyst.alertsInvestigation === true : analyst.activeRemediation === true;
    if (!allowed) {
      const role = kind === 'collect' ? 'Alerts investigation' : 'Active remediation actions';
      throw new SimHttpError(403, 'Forbidden', `The user does not have the role permission "${role}" needed for this operation.`);
    }
    const body = parseBody(rawBody);
    const comment = body['Comment'];
    if (typeof comment !== 'string' || comment.trim() === '') throw new SimHttpError(400, 'InvalidInput', 'Comment is required.');
    const extra: Record<string, string> = {};
    if (kind === 'isolate') extra['isolationType'] = enumField(body, 'IsolationType', ['Full', 'Selective', 'UnManagedDevice'], 'Full');
    if (kind === 'scan') extra['scanType'] = enumField(body, 'ScanType', ['Quick', 'Full'], 'Quick');
    const running = this.actions.find((a) => a.machineId === machine.id && a.kind === kind && !this.isDone(a, now));
    if (running !== undefined) {
      throw new SimHttpError(400, 'ActiveRequestAlreadyExists', `Action is already in progress (${running.id}).`);
    }
    const recorded: Recorded = {
      id: randomUUID(),
      kind,
      requestor: analyst.userPrincipalName,
      requestorComment: comment,
      machineId: machine.id,
      computerDnsName: machine.computerDnsName ?? null,
      createdAt: now,
      extra,
    };
    this.actions.push(recorded);
    return { '@odata.context': `${MACHINE_ACTION_CONTEXT}/$entity`, ...this.wire(recorded, now) };
  }

  /** The action by id, if its machine is visible to the caller. */
  get(actionId: string, visible: (machineId: string) => boolean, now: number): Record<string, unknown> {
    const found = this.actions.find((a) => a.id === actionId.toLowerCase());
    if (found === undefined || !visible(found.machineId))
      throw new SimHttpError(404, 'ResourceNotFound', `Machine action ${actionId} was not found.`);
    return { '@odata.context': `${MACHINE_ACTION_CONTEXT}/$entity`, ...this.wire(found, now) };
  }

  /** Newest first; `machineId` from a `$filter=machineId eq '…'`. */
  list(machineId: string | undefined, visible: (machineId: string) => boolean, now: number): Record<string, unknown> {
    const value = this.actions
      .filter((a) => visible(a.machineId) && (machineId === undefined || a.machineId === machineId))
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((a) => this.wire(a, now));
    return { '@odata.context': MACHINE_ACTION_CONTEXT, value };
  }

  /** When the device was last isolated and is still isolated (an Isolate succeeded after any Unisolate), else undefined. */
  isolatedSince(machineId: string, now: number): number | undefined {
    let since: number | undefined;
    for (const a of [...this.actions].sort((x, y) => x.createdAt - y.createdAt)) {
      if (a.machineId !== machineId || !this.isDone(a, now)) continue;
      if (a.kind === 'isolate') since = a.createdAt + this.timings.doneAfterMs;
      if (a.kind === 'release') since = undefined;
    }
    return since;
  }

  private isDone(a: Recorded, now: number): boolean {
    return now - a.createdAt >= this.timings.doneAfterMs;
  }

  private status(a: Recorded, now: number): string {
    const age = now - a.createdAt;
    if (age >= this.timings.doneAfterMs) return 'Succeeded';
    return age >= this.timings.inProgressAfterMs ? 'InProgress' : 'Pending';
  }

  private wire(a: Recorded, now: number): Record<string, unknown> {
    const status = this.status(a, now);
    const updated =
      status === 'Succeeded'
        ? a.createdAt + this.timings.doneAfterMs
        : status === 'InProgress'
          ? a.createdAt + this.timings.inProgressAfterMs
          : a.createdAt;
    return {
      id: a.id,
      type: TYPES[a.kind],
      scope: a.extra['isolationType'] ?? a.extra['scanType'] ?? null,
      requestor: a.requestor,
      requestorComment: a.requestorComment,
      status,
      machineId: a.machineId,
      computerDnsName: a.computerDnsName,
      creationDateTimeUtc: new Date(a.createdAt).toISOString(),
      lastUpdateDateTimeUtc: new Date(updated).toISOString(),
      relatedFileInfo: null,
    };
  }
}

function parseBody(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new SimHttpError(400, 'InvalidInput', 'The request body must be a JSON object with a Comment.');
}

function enumField(body: Record<string, unknown>, key: string, allowed: readonly string[], fallback: string): string {
  const v = body[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v))
    throw new SimHttpError(400, 'InvalidInput', `${key} must be one of ${allowed.join(', ')}.`);
  return v;
}

/** The machine id of `$filter=machineId eq '…'`, the one filter the bot sends here. */
export function machineIdFilter(query: URLSearchParams): string | undefined {
  const filter = query.get('$filter');
  if (filter === null) return undefined;
  const m = /^\s*machineId\s+eq\s+'([0-9a-fA-F]{40})'\s*$/.exec(filter);
  if (m?.[1] === undefined) throw new SimHttpError(400, 'InvalidInput', "Only $filter=machineId eq '<device id>' is supported here.");
  return m[1].toLowerCase();
}
