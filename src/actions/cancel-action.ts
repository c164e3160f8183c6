// A Cancel click: only the requester cancels, in the conversation of the card, and only while the
// request is open; taking the entry makes any later Confirm find nothing.
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import type { ActionDeps } from './deps';
import { analystOf, auditPerson, samePerson } from './people';
import { refuse } from './refuse';

export async function cancelAction(id: string, clicker: Requester, deps: ActionDeps): Promise<Outcome> {
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
    requester: auditPerson(taken.requester),
    actor: auditPerson(clicker),
    reason: taken.reason,
    conversationId: deps.conversationId,
  });
  return { kind: 'actionCancelled', request: taken, by: analystOf(clicker).name, at: deps.now().toISOString(), replacesClickedCard: true };
}
