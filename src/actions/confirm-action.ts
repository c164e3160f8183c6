// A Confirm (or, with four-eyes, Approve) click: every check a click must pass, then the one gate —
// of every click on this card (double taps, redeliveries, two analysts, several replicas) only the
// one that takes the pending entry goes on to send it, as the person who clicked.
import type { Command } from '../commands/types';
import { checkReason } from '../commands/response-actions';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import { clientAs } from './client-as';
import type { ActionDeps } from './deps';
import { analystOf, samePerson } from './people';
import { refuse } from './refuse';
import { sendAction } from './send-action';
import type { PendingAction } from './types';

export async function confirmAction(
  command: Extract<Command, { kind: 'confirmAction' }>,
  clicker: Requester,
  deps: ActionDeps,
): Promise<Outcome> {
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
    const expired = { kind: 'expired', minutes: deps.settings.confirmMinutes, request: pending } as const;
    return { ...refuse(deps, clicker, pending.action, expired, pending, id), replacesClickedCard: true };
  }
  const self = samePerson(pending.requester, clicker);
  if (pending.approval === 'second-analyst' && self) {
    refuse(deps, clicker, pending.action, { kind: 'selfApproval' }, pending, id);
    return waitingForSecondAnalyst(pending, deps.now());
  }
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
  const approver = taken.approval === 'second-analyst' ? analystOf(clicker) : undefined;
  return sendAction({ pending: taken, reason, clicker, approver, client: as.client }, deps);
}

/**
 * Four-eyes, the requester clicked Approve: the request stays open for someone else, and its card says
 * so in place. Drawn from the pending request alone (no Defender call, no device data kept for it).
 */
function waitingForSecondAnalyst(pending: PendingAction, now: Date): Outcome {
  const machine = {
    id: pending.machineId,
    ...(pending.machineName === undefined ? {} : { computerDnsName: pending.machineName }),
    machineTags: [],
    ipAddresses: [],
  };
  return { kind: 'actionConfirm', request: pending, machine, selfApprovalAt: now.toISOString(), replacesClickedCard: true };
}
