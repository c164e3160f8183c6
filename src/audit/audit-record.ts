// One audit record per command or click: who asked what, about what, and what came of it. Never the
// message text (only the parsed command), never a token.
import type { Command } from '../commands/types';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import type { CallMeter } from './call-meter';

export interface AuditRecord {
  kind: 'audit';
  tenantId?: string | undefined;
  userObjectId?: string | undefined;
  teamsUserId: string;
  conversationType?: string | undefined;
  conversationId?: string | undefined;
  /** typed | click */
  via: 'typed' | 'click';
  command: Command['kind'];
  /** The user name or machine the command was about, as parsed (validated, so safe to log). */
  target?: string | undefined;
  outcome: string;
  resultCount: number;
  defenderCalls: number;
  cacheHits: number;
  latencyMs: number;
  /** True when the card was delivered later, proactively, because Defender was slow. */
  deferred: boolean;
  /** Set when the answer did not reach Teams: why (throttled, serverError, timeout, connectionLost, unreachable). */
  undelivered?: string | undefined;
  correlationIds: string[];
  /** The verified inbound token's issuer and app id (a channel token has none) and audience: who vouched for the activity. */
  inboundToken?: { iss?: string | undefined; appid?: string; aud?: string };
}

export interface AuditInput {
  requester: Requester;
  conversation: { type?: string | undefined; id?: string | undefined };
  via: 'typed' | 'click';
  command: Command;
  outcome: Outcome;
  meter: CallMeter;
  latencyMs: number;
  deferred?: boolean | undefined;
  undelivered?: string | undefined;
  inboundToken?: { iss?: string | undefined; appid?: string; aud?: string };
}

export function auditRecord(input: AuditInput): AuditRecord {
  const { requester, conversation, command, outcome, meter } = input;
  const target = targetOf(command);
  return {
    kind: 'audit',
    ...(requester.tenantId ? { tenantId: requester.tenantId } : {}),
    ...(requester.aadObjectId ? { userObjectId: requester.aadObjectId } : {}),
    teamsUserId: requester.teamsUserId,
    ...(conversation.type ? { conversationType: conversation.type } : {}),
    ...(conversation.id ? { conversationId: conversation.id } : {}),
    via: input.via,
    command: command.kind,
    ...(target === undefined ? {} : { target }),
    outcome: outcome.kind === 'error' ? `error:${outcome.error.kind}` : outcome.kind,
    resultCount: resultCount(outcome),
    defenderCalls: meter.defenderCalls,
    cacheHits: meter.cacheHits,
    latencyMs: Math.round(input.latencyMs),
    deferred: input.deferred ?? false,
    ...(input.undelivered === undefined ? {} : { undelivered: input.undelivered }),
    correlationIds:
      outcome.kind === 'error' && 'correlationId' in outcome.error && outcome.error.correlationId ? [outcome.error.correlationId] : [],
    ...(input.inboundToken === undefined ? {} : { inboundToken: input.inboundToken }),
  };
}

function targetOf(command: Command): string | undefined {
  switch (command.kind) {
    case 'machinesForUser':
      return command.user.kind === 'userName' ? command.user.name : `@mention:${command.user.teamsUserId}`;
    case 'logonUsers':
    case 'machineDetails': {
      const m = command.machine;
      return m.kind === 'deviceId' ? m.id : m.kind === 'hostName' ? m.host : m.ip;
    }
    case 'alerts':
      return command.about.kind === 'user'
        ? targetOf({ kind: 'machinesForUser', user: command.about.user, page: command.page })
        : targetOf({ kind: 'machineDetails', machine: command.about.machine });
    case 'alert':
      return command.alertId;
    default:
      return undefined;
  }
}

function resultCount(outcome: Outcome): number {
  switch (outcome.kind) {
    case 'machines':
      return outcome.page.total;
    case 'logonUsers':
      return outcome.page.total;
    case 'chooseMachine':
      return outcome.candidates.length;
    case 'machineDetails':
    case 'alertDetails':
      return 1;
    case 'alerts':
      return outcome.page.total;
    default:
      return 0;
  }
}
