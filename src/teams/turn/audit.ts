// The audit line of an answered command: one per command, whichever way it was answered.
import { auditRecord } from '../../audit/audit-record';
import type { Outcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import type { Turn } from './turn';

/** `undelivered`: why the connector did not take the reply (it is not resent: it may have arrived). */
export function auditAnswer(logger: Logger, turn: Turn, outcome: Outcome, deferred: boolean, undelivered?: string): void {
  const conversation = turn.reference.conversation;
  const record = auditRecord({
    requester: turn.requester,
    conversation: { type: conversation?.conversationType, id: conversation?.id },
    via: turn.via,
    command: turn.command,
    outcome,
    meter: turn.meter,
    latencyMs: performance.now() - turn.started,
    deferred,
    ...(undelivered === undefined ? {} : { undelivered }),
    ...(turn.inboundToken === undefined ? {} : { inboundToken: turn.inboundToken }),
  });
  if (undelivered === undefined) logger.info({ audit: record }, 'command answered');
  else logger.error({ audit: record }, 'command answered, but the reply did not reach Teams');
}
