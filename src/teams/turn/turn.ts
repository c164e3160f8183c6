// One command on its way through the pipeline: what was asked, by whom, where to answer, and what
// answering it cost so far. receive.ts makes one from a message; the sign-in resume makes one from
// the command that waited.
import type { ConversationReference } from 'botbuilder';
import { newCallMeter, type CallMeter } from '../../audit/call-meter';
import type { Command } from '../../commands/types';
import type { Outcome } from '../../handlers/outcome';
import type { InboundTokenSummary } from '../inbound-identity';
import type { PendingCommand } from '../sign-in/pending-commands';

export type AskedCommand = PendingCommand<Partial<ConversationReference>>;

export interface Turn extends AskedCommand {
  /** performance.now() when the command arrived (or resumed): the audit's latency starts here. */
  started: number;
  /** Defender calls and cache hits of this command, for its audit line and the card's "cached" note. */
  meter: CallMeter;
  /** The verified inbound token's issuer and app id (production only), for the audit line. */
  inboundToken?: InboundTokenSummary;
  /** A Refresh click: ask Defender, not the answer cache. */
  fresh?: boolean;
  /** The clicked card showed another person's view (its buttons' `by` tag is not the clicker's). */
  replacesOtherView?: boolean;
  /**
   * The command was already counted against the asker's command rate with its redelivery check (one
   * Redis step, receive.ts); the handler's own count is answered from here once instead.
   */
  admission?: { refusal: { retryAfterSeconds: number; perMinute: number } | undefined };
}

/** A 1:1 chat with the bot: the only place where "your" names one person. */
export function isPersonal(turn: Pick<Turn, 'reference'>): boolean {
  return turn.reference.conversation?.conversationType === 'personal';
}

/**
 * What running a command comes to. Sign-in is an outcome of its own: deliver.ts answers it with a
 * sign-in prompt (the card of `outcome` where no sign-in exists, e.g. the demo).
 */
export type TurnResult = { kind: 'answer'; outcome: Outcome } | { kind: 'signIn'; outcome: Outcome & { kind: 'error' } };

export function turnOf(asked: AskedCommand): Turn {
  return { ...asked, started: performance.now(), meter: newCallMeter() };
}

/** The part of a turn that waits for a sign-in: no meter, no clock. */
export function askedCommandOf(turn: Turn): AskedCommand {
  const { command, requester, reference, via, activityId, editActivityId } = turn;
  return {
    command,
    requester,
    reference,
    via,
    ...(activityId === undefined ? {} : { activityId }),
    ...(editActivityId === undefined ? {} : { editActivityId }),
  };
}

/**
 * Only commands that call Defender can need a sign-in or take long enough for a typing indicator: every
 * command but these, so that a new Defender command (alerts, …) gets the sign-in flow without a change here.
 */
export function needsDefender(command: Command): boolean {
  return (
    command.kind !== 'help' &&
    command.kind !== 'signOut' &&
    command.kind !== 'about' &&
    command.kind !== 'feedback' &&
    command.kind !== 'cancelAction' &&
    command.kind !== 'invalid' &&
    command.kind !== 'unknown'
  );
}
