// The response-action commands, SDK-free: ask (→ confirmation card, nothing sent), confirm or approve
// (→ exactly one POST, as the person who clicked), cancel, and status. The confirmation is bound
// server-side to one pending request; the card carries only its opaque id, so a forged, edited,
// stale, cancelled, cross-conversation or cross-user click finds nothing it may send. Of several
// clicks on one card (double taps, redeliveries, two analysts at once), the store's atomic take()
// lets exactly one through.
import { randomUUID } from 'node:crypto';
import type { Command } from '../commands/types';
import type { DefenderClient, ResponseActionsClient } from '../defender/client-types';
import { DefenderError } from '../defender/errors';
import { isFinalStatus, type MachineAction, ACTION_ENDPOINTS } from '../defender/machine-action';
import type { LogonUser, Machine } from '../defender/model';
import { errorOutcome, signInOutcome } from '../handlers/error-outcome';
import { knownLogonUsers } from '../handlers/known-answers';
import type { Outcome } from '../handlers/outcome';
import { resolveMachine } from '../handlers/resolve-machine';
import type { Requester, TokenProvider } from '../tokens/types';
import type { ActionAudit, ActionAuditPerson } from '../audit/action-audit';
import { checkReason } from '../commands/response-actions';
import { ACTIONS, optionBody } from './catalog';
import type { PendingStore } from './pending-store';
import type { ActionRefusal, Analyst, PendingAction, ResponseActionSettings } from './types';

export type ActionClient = DefenderClient & ResponseActionsClient;

export interface ActionDeps {
  settings: ResponseActionSettings;
  store: PendingStore<PendingAction>;
  tokens: TokenProvider;
  /** A client calling with the given token (the asker's, or the clicker's). */
  clientFor(getToken: () => Promise<string>): ActionClient;
  /** The conversation this turn is in: a confirmation is only valid where its card was posted. */
  conversationId: string;
  now(): Date;
  audit: ActionAudit;
}

export type ActionCommand = Extract<Command, { kind: 'responseAction' | 'actionStatus' | 'confirmAction' | 'cancelAction' }>;

export function isActionCommand(command: Command): command is ActionCommand {
  return (
    command.kind === 'responseAction' ||
    command.kind === 'actionStatus' ||
    command.kind === 'confirmAction' ||
    command.kind === 'cancelAction'
  );
}

/** `deps` undefined: nobody configured RESPONSE_ACTIONS. */
export async function runActionCommand(command: ActionCommand, requester: Requester, deps: ActionDeps | undefined): Promise<Outcome> {
  if (deps === undefined) {
    return refuse(undefined, requester, command.kind === 'responseAction' ? command.action : 'isolate', {
      kind: 'disabled',
      action: command.kind === 'responseAction' ? command.action : 'isolate',
    });
  }
  switch (command.kind) {
    case 'responseAction':
      return request(command, requester, deps);
    case 'confirmAction':
      return confirm(command, requester, deps);
    case 'cancelAction':
      return cancel(command.pendingId, requester, deps);
    case 'actionStatus':
      return status(command.actionId, requester, deps);
  }
}

function refuse(
  deps: ActionDeps | undefined,
  actor: Requester,
  action: PendingAction['action'] | undefined,
  refusal: ActionRefusal,
  pending?: PendingAction,
  pendingId?: string,
): Outcome {
  deps?.audit({
    step: 'refused',
    refusal: refusal.kind,
    actor: person(actor),
    ...(action === undefined ? {} : { action }),
    ...(pending === undefined ? {} : { machineId: pending.machineId, requester: pending.requester, reason: pending.reason }),
    ...(pendingId === undefined ? {} : { pendingId }),
    conversationId: deps.conversationId,
  });
  return { kind: 'actionRefused', refusal };
}

export function analystOf(r: Requester): Analyst {
  return {
    teamsUserId: r.teamsUserId,
    ...(r.aadObjectId === undefined ? {} : { aadObjectId: r.aadObjectId }),
    name: r.displayName ?? r.aadObjectId ?? r.teamsUserId,
  };
}

function person(r: Requester | Analyst): ActionAuditPerson {
  const a = 'name' in r ? r : analystOf(r);
  return { teamsUserId: a.teamsUserId, ...(a.aadObjectId === undefined ? {} : { aadObjectId: a.aadObjectId }), name: a.name };
}

/** The same person: by Entra object id when both have one, else by Teams user id. */
function samePerson(a: Analyst, b: Requester): boolean {
  if (a.aadObjectId !== undefined && b.aadObjectId !== undefined) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.teamsUserId === b.teamsUserId;
}

type WithToken = { ok: true; client: ActionClient } | { ok: false; outcome: Outcome };

async function clientAs(requester: Requester, deps: ActionDeps): Promise<WithToken> {
  try {
    const token = await deps.tokens.getDefenderToken(requester);
    if (token.kind === 'signInRequired') return { ok: false, outcome: { kind: 'error', error: signInOutcome(token) } };
    const accessToken = token.token;
    return { ok: true, client: deps.clientFor(async () => accessToken) };
  } catch (e) {
    const error = errorOutcome(e);
    if (error === undefined) throw e;
    return { ok: false, outcome: { kind: 'error', error } };
  }
}

// ---- ask: a confirmation card, nothing sent ----

async function request(command: Extract<Command, { kind: 'responseAction' }>, requester: Requester, deps: ActionDeps): Promise<Outcome> {
  if (!deps.settings.enabled.has(command.action))
    return refuse(deps, requester, command.action, { kind: 'disabled', action: command.action });
  const as = await clientAs(requester, deps);
  if (!as.ok) return as.outcome;
  const query =
    command.machine.kind === 'deviceId'
      ? command.machine.id
      : command.machine.kind === 'hostName'
        ? command.machine.host
        : command.machine.ip;
  let machine: Machine;
  let isolatedSince: string | undefined;
  let loggedOn: LogonUser[] | undefined;
  try {
    const resolved = await resolveMachine(command.machine, as.client, deps.now());
    if (resolved.kind === 'none') return { kind: 'error', error: { kind: 'machineNotFound', query } };
    // Several records: the analyst picks one by its id (details), then asks again with it.
    if (resolved.kind === 'several') return { kind: 'chooseMachine', query, purpose: 'machineDetails', candidates: resolved.candidates };
    machine = resolved.entity ?? (await as.client.getMachine(resolved.label.id));
    isolatedSince = await isolationOf(as.client, machine.id);
    loggedOn = await knownLogonUsers(as.client, machine.id);
  } catch (e) {
    const error = errorOutcome(e, { kind: 'machineNotFound', query });
    if (error === undefined) throw e;
    return { kind: 'error', error };
  }
  const now = deps.now();
  const pending: PendingAction = {
    id: randomUUID(),
    action: command.action,
    ...(command.option === undefined ? {} : { option: command.option }),
    machineId: machine.id,
    ...(machine.computerDnsName === undefined ? {} : { machineName: machine.computerDnsName }),
    ...(command.reason === undefined ? {} : { reason: command.reason }),
    requester: analystOf(requester),
    conversationId: deps.conversationId,
    approval: deps.settings.approval,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.settings.confirmMinutes * 60_000).toISOString(),
  };
  // Kept twice as long as it is valid, so a late click is told "expired" rather than "unknown".
  await deps.store.put(pending.id, pending, 2 * deps.settings.confirmMinutes * 60_000);
  deps.audit({
    step: 'requested',
    pendingId: pending.id,
    action: pending.action,
    machineId: pending.machineId,
    requester: person(requester),
    reason: pending.reason,
    conversationId: deps.conversationId,
  });
  return {
    kind: 'actionConfirm',
    request: pending,
    machine,
    ...(isolatedSince === undefined ? {} : { isolatedSince }),
    ...(loggedOn === undefined ? {} : { loggedOn }),
  };
}

/**
 * When the device was isolated, if it still is: the newest finished Isolate/Unisolate decides. The
 * machine entity has no isolation field, so the device's actions say it. Best effort: a failure
 * leaves it unsaid rather than failing the card.
 */
export async function isolationOf(client: ResponseActionsClient, machineId: string): Promise<string | undefined> {
  let actions: MachineAction[];
  try {
    actions = await client.listMachineActions(machineId);
  } catch (e) {
    if (e instanceof DefenderError) return undefined;
    throw e;
  }
  const last = actions
    .filter((a) => a.status === 'Succeeded' && (a.type === 'Isolate' || a.type === 'Unisolate'))
    .sort((a, b) =>
      (b.lastUpdateDateTimeUtc ?? b.creationDateTimeUtc ?? '').localeCompare(a.lastUpdateDateTimeUtc ?? a.creationDateTimeUtc ?? ''),
    )[0];
  return last?.type === 'Isolate' ? (last.lastUpdateDateTimeUtc ?? last.creationDateTimeUtc) : undefined;
}

// ---- confirm / approve: exactly one POST, as the clicker ----

async function confirm(command: Extract<Command, { kind: 'confirmAction' }>, clicker: Requester, deps: ActionDeps): Promise<Outcome> {
  const id = command.pendingId;
  if (command.tampered) return refuse(deps, clicker, undefined, { kind: 'tampered' }, undefined, id);
  const pending = await deps.store.get(id);
  if (pending === undefined) return refuse(deps, clicker, undefined, { kind: 'notOpen' }, undefined, id);
  if (pending.conversationId !== deps.conversationId)
    return refuse(deps, clicker, pending.action, { kind: 'otherConversation' }, pending, id);
  if (!deps.settings.enabled.has(pending.action))
    return refuse(deps, clicker, pending.action, { kind: 'disabled', action: pending.action }, pending, id);
  if (Date.parse(pending.expiresAt) <= deps.now().getTime()) {
    await deps.store.take(id);
    return refuse(deps, clicker, pending.action, { kind: 'expired', minutes: deps.settings.confirmMinutes }, pending, id);
  }
  const self = samePerson(pending.requester, clicker);
  if (pending.approval === 'second-analyst' && self) return refuse(deps, clicker, pending.action, { kind: 'selfApproval' }, pending, id);
  if (pending.approval === 'none' && !self)
    return refuse(deps, clicker, pending.action, { kind: 'notRequester', requester: pending.requester.name }, pending, id);
  let reason = pending.reason;
  if (reason === undefined) {
    if (command.reason === undefined) return refuse(deps, clicker, pending.action, { kind: 'reasonMissing' }, pending, id);
    const checked = checkReason(command.reason);
    if (!checked.ok) return refuse(deps, clicker, pending.action, { kind: 'reasonInvalid', detail: checked.reason }, pending, id);
    reason = checked.value;
  }
  // The token first: a sign-in prompt leaves the request open, and the click is replayed after it.
  const as = await clientAs(clicker, deps);
  if (!as.ok) return as.outcome;
  // The one gate: of every click on this card, only the one that takes the entry goes on.
  const taken = await deps.store.take(id);
  if (taken === undefined) return refuse(deps, clicker, pending.action, { kind: 'notOpen' }, pending, id);
  const approver = pending.approval === 'second-analyst' ? analystOf(clicker) : undefined;
  const base = {
    pendingId: id,
    action: taken.action,
    machineId: taken.machineId,
    requester: person(taken.requester),
    ...(approver === undefined ? {} : { approver: person(approver) }),
    actor: person(clicker),
    reason,
    conversationId: deps.conversationId,
  };
  deps.audit({ ...base, step: approver === undefined ? 'confirmed' : 'approved' });
  const comment =
    approver === undefined
      ? `requested by ${taken.requester.name} via Teams: ${reason}`
      : `requested by ${taken.requester.name}, approved by ${approver.name} via Teams: ${reason}`;
  const view = {
    kind: taken.action,
    ...(taken.machineName === undefined ? {} : { machineName: taken.machineName }),
    requestedBy: taken.requester.name,
    ...(approver === undefined ? {} : { approvedBy: approver.name }),
    decidedAt: deps.now().toISOString(),
    reason,
  };
  try {
    const action = await as.client.runResponseAction(taken.machineId, taken.action, {
      Comment: comment,
      ...optionBody(taken.action, taken.option),
    });
    deps.audit({ ...base, step: 'sent', actionId: action.id, status: action.status });
    return { kind: 'actionStatus', status: { ...view, action, existing: false }, followUp: { actionId: action.id, as: clicker } };
  } catch (e) {
    if (!(e instanceof DefenderError)) throw e;
    const info = ACTIONS[taken.action];
    if (e.code === 'badRequest' && isAlreadyInProgress(e)) {
      const existing = await runningAction(as.client, taken.machineId, ACTION_ENDPOINTS[taken.action].type);
      deps.audit({
        ...base,
        step: 'alreadyInProgress',
        ...(existing === undefined ? {} : { actionId: existing.id, status: existing.status }),
      });
      if (existing !== undefined) {
        return {
          kind: 'actionStatus',
          status: { ...view, action: existing, existing: true },
          followUp: { actionId: existing.id, as: clicker },
        };
      }
    }
    if (e.code === 'forbidden') {
      deps.audit({ ...base, step: 'refused', refusal: 'forbidden' });
      return { kind: 'actionRefused', refusal: { kind: 'forbidden', action: taken.action, permission: info.permission, role: info.role } };
    }
    if (e.code === 'notFound') {
      deps.audit({ ...base, step: 'refused', refusal: 'notVisible' });
      return { kind: 'actionRefused', refusal: { kind: 'notVisible', machine: taken.machineName ?? taken.machineId } };
    }
    deps.audit({ ...base, step: 'failed', refusal: e.code });
    const error = errorOutcome(e, { kind: 'machineNotFound', query: taken.machineId });
    if (error === undefined) throw e;
    return { kind: 'error', error };
  }
}

function isAlreadyInProgress(e: DefenderError): boolean {
  return e.apiCode === 'ActiveRequestAlreadyExists' || /already in progress/i.test(e.message);
}

async function runningAction(client: ResponseActionsClient, machineId: string, type: string): Promise<MachineAction | undefined> {
  try {
    const actions = await client.listMachineActions(machineId);
    return actions.find((a) => a.type === type && !isFinalStatus(a.status));
  } catch (e) {
    if (e instanceof DefenderError) return undefined;
    throw e;
  }
}

// ---- cancel ----

async function cancel(id: string, clicker: Requester, deps: ActionDeps): Promise<Outcome> {
  const pending = await deps.store.get(id);
  if (pending === undefined) return refuse(deps, clicker, undefined, { kind: 'notOpen' }, undefined, id);
  if (pending.conversationId !== deps.conversationId)
    return refuse(deps, clicker, pending.action, { kind: 'otherConversation' }, pending, id);
  if (!samePerson(pending.requester, clicker))
    return refuse(deps, clicker, pending.action, { kind: 'notRequester', requester: pending.requester.name }, pending, id);
  const taken = await deps.store.take(id);
  if (taken === undefined) return refuse(deps, clicker, pending.action, { kind: 'notOpen' }, pending, id);
  deps.audit({
    step: 'cancelled',
    pendingId: id,
    action: taken.action,
    machineId: taken.machineId,
    requester: person(taken.requester),
    actor: person(clicker),
    reason: taken.reason,
    conversationId: deps.conversationId,
  });
  return { kind: 'actionCancelled', request: taken, by: analystOf(clicker).name };
}

// ---- status ----

async function status(actionId: string, requester: Requester, deps: ActionDeps): Promise<Outcome> {
  const as = await clientAs(requester, deps);
  if (!as.ok) return as.outcome;
  try {
    const action = await as.client.getMachineAction(actionId);
    deps.audit({
      step: 'status',
      actionId,
      actor: person(requester),
      status: action.status,
      machineId: action.machineId,
      conversationId: deps.conversationId,
    });
    return {
      kind: 'actionStatus',
      status: { action, existing: false, ...(action.computerDnsName === undefined ? {} : { machineName: action.computerDnsName }) },
    };
  } catch (e) {
    if (e instanceof DefenderError && e.code === 'notFound')
      return refuse(deps, requester, undefined, { kind: 'statusNotFound', actionId });
    const error = errorOutcome(e);
    if (error === undefined) throw e;
    return { kind: 'error', error };
  }
}
