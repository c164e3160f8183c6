// After Defender accepted an action (201, or the one already in progress), follow it with
// GET /api/machineactions/{id} until it is Succeeded, Failed, TimeOut or Cancelled, backing off between
// polls (each poll spends the shared budget like any other call), and show every change on the card
// (the Teams layer edits it in place). Gives up at the time limit and says how to ask. One poll is one
// step (pollOnce); between steps the record waits in the state store (./follow-up-scheduler.ts), so any
// replica can take the next step, also after the one that sent the action stopped.
import { DefenderError } from '../defender/errors';
import { isFinalStatus, type MachineAction } from '../defender/machine-action';
import type { Requester, TokenResult } from '../tokens/types';
import type { ActionAudit } from '../audit/action-audit';
import type { ActionClient } from './deps';
import type { FollowUpRecord } from './follow-up-record';
import type { ActionOutcome, ActionStatusView, FollowUpSettings } from './types';

export type StatusOutcome = Extract<ActionOutcome, { kind: 'actionStatus' }>;

/** What a poll needs from the Teams layer and the rest of the bot. */
export interface FollowUpDeps<Ref> {
  settings: FollowUpSettings;
  /** The analyst's token, got again each time as a sign-in resume gets it (never kept in the record). */
  token(record: FollowUpRecord<Ref>): Promise<TokenResult>;
  clientFor(getToken: () => Promise<string>, as: Requester): ActionClient;
  /** Shows `outcome` on the record's card; the id of the message that shows it now (another one where Teams refused the edit). */
  show(record: FollowUpRecord<Ref>, outcome: StatusOutcome): Promise<string | undefined>;
  audit: ActionAudit;
  now(): number;
}

/** Transient: throttled, slow or briefly down. The next poll tries again, within the time limit. */
const TRANSIENT: ReadonlySet<string> = new Set(['throttled', 'personalShareUsed', 'timeout', 'serverError', 'unreachable']);

/** The record of a follow-up starting now, or undefined when its status is already final (audited). */
export function firstRecord<Ref>(
  view: ActionStatusView,
  actionId: string,
  as: Requester,
  where: { reference: Ref; cardId: string },
  deps: Pick<FollowUpDeps<Ref>, 'settings' | 'audit' | 'now'>,
): FollowUpRecord<Ref> | undefined {
  if (isFinalStatus(view.action.status)) {
    auditFinal(view, actionId, deps.audit);
    return undefined;
  }
  const now = deps.now();
  const { firstDelayMs, maxDelayMs, maxDurationMs } = deps.settings;
  return {
    actionId,
    view,
    as,
    reference: where.reference,
    cardId: where.cardId,
    startedAt: now,
    deadline: now + maxDurationMs,
    nextPollAt: now + firstDelayMs,
    delayMs: Math.min(firstDelayMs * 2, maxDelayMs),
  };
}

/** One poll: the record to keep for the next one, or undefined when following ended (final status, given up). */
export async function pollOnce<Ref>(record: FollowUpRecord<Ref>, deps: FollowUpDeps<Ref>): Promise<FollowUpRecord<Ref> | undefined> {
  const { actionId, as } = record;
  let current = record;
  const show = async (view: ActionStatusView): Promise<void> => {
    const cardId = await deps.show(current, { kind: 'actionStatus', status: view });
    current = { ...current, view, ...(cardId === undefined ? {} : { cardId }) };
  };
  const giveUp = async (why: string): Promise<undefined> => {
    await show({ ...current.view, gaveUp: why });
    return undefined;
  };
  let action: MachineAction | undefined;
  try {
    const token = await deps.token(record);
    if (token.kind !== 'token') return giveUp(`Stopped following: sign in again and ask with "action status ${actionId}".`);
    const accessToken = token.token;
    action = await deps.clientFor(async () => accessToken, as).getMachineAction(actionId);
  } catch (e) {
    if (!(e instanceof DefenderError && TRANSIENT.has(e.code)))
      return giveUp(
        `Could not read the action's status (${e instanceof DefenderError ? e.code : 'error'}); ask with "action status ${actionId}".`,
      );
  }
  const seen = current.view.action;
  if (action !== undefined && (action.status !== seen.status || action.lastUpdateDateTimeUtc !== seen.lastUpdateDateTimeUtc))
    await show({ ...current.view, action });
  if (isFinalStatus(current.view.action.status)) {
    auditFinal(current.view, actionId, deps.audit);
    return undefined;
  }
  const now = deps.now();
  if (now + current.delayMs > current.deadline) {
    const minutes = Math.round((current.deadline - current.startedAt) / 60_000);
    return giveUp(`Still ${current.view.action.status} after ${minutes} min; ask again with "action status ${actionId}".`);
  }
  return { ...current, nextPollAt: now + current.delayMs, delayMs: Math.min(current.delayMs * 2, deps.settings.maxDelayMs) };
}

function auditFinal(view: ActionStatusView, actionId: string, audit: ActionAudit): void {
  audit({
    step: 'finalStatus',
    actionId,
    action: view.kind,
    machineId: view.action.machineId,
    status: view.action.status,
    reason: view.reason,
  });
}
