// A response-action step that sends nothing: one audit line (who was refused, why, for which request)
// and the answer that says so.
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import type { ActionDeps } from './deps';
import { auditPerson } from './people';
import type { ActionRefusal, PendingAction } from './types';

export function refuse(
  deps: ActionDeps | undefined,
  actor: Requester,
  action: PendingAction['action'] | undefined,
  refusal: ActionRefusal,
  pending?: PendingAction,
  pendingId?: string,
): Extract<Outcome, { kind: 'actionRefused' }> {
  deps?.audit({
    step: 'refused',
    refusal: refusal.kind,
    actor: auditPerson(actor),
    ...(action === undefined ? {} : { action }),
    ...(pending === undefined ? {} : { machineId: pending.machineId, requester: pending.requester, reason: pending.reason }),
    ...(pendingId === undefined ? {} : { pendingId }),
    conversationId: deps.conversationId,
  });
  return { kind: 'actionRefused', refusal };
}
