// Running a command that waited for its asker to sign in. The invoke that completed the sign-in is
// answered first (Teams expects invokes to be quick); the command then runs proactively in the
// conversation it came from, as the person who asked, with a typing indicator (if it takes a while), a card (or another
// prompt if the new sign-in is already unusable) and an audit line like any other answer.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import { auditRecord } from '../../audit/audit-record';
import { newCallMeter, type CallMeter } from '../../audit/call-meter';
import type { Outcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import type { Requester } from '../../tokens/types';
import { startTyping } from '../typing';
import type { WorkTracker } from '../work-tracker';
import type { Pending, SignInFlow } from './sign-in-flow';

export interface ResumeDeps {
  adapter: TeamsAdapter;
  botAppId: string;
  tracker: WorkTracker;
  logger: Logger;
  flow: SignInFlow;
  /** runCommand for the requester, in the given turn, counting Defender calls on `meter`. */
  run(turn: TurnContext, pending: Pending, meter: CallMeter): Promise<Outcome>;
  card(outcome: Outcome, requester: Requester, meter: CallMeter): Partial<Activity>;
}

/** Returns `deliver(pending, outcome?)`: runs the waiting command, or delivers `outcome` for it, after this turn. */
export function pendingDelivery(deps: ResumeDeps): (pending: Pending, outcome?: Outcome) => void {
  const { adapter, botAppId, tracker, logger, flow } = deps;

  const deliverIn = async (later: TurnContext, pending: Pending, precomputed: Outcome | undefined): Promise<void> => {
    const { command, requester } = pending;
    const started = performance.now();
    const meter = newCallMeter();
    let outcome = precomputed;
    if (outcome === undefined) {
      const stopTyping = startTyping(later);
      try {
        outcome = await deps.run(later, pending, meter);
      } finally {
        stopTyping();
      }
    }
    if (outcome.kind === 'error' && outcome.error.kind === 'signInRequired') await flow.prompt(later, pending);
    else await later.sendActivity(deps.card(outcome, requester, meter));
    const conversation = pending.reference.conversation;
    const record = auditRecord({ requester, conversation: { type: conversation?.conversationType, id: conversation?.id }, via: pending.via, command, outcome, meter, latencyMs: performance.now() - started, deferred: true });
    logger.info({ audit: record }, 'command answered');
  };

  return (pending, precomputed) => {
    void tracker.run(async () => {
      try {
        await adapter.continueConversationAsync(botAppId, pending.reference, async (later) => {
          await deliverIn(later, pending, precomputed);
        });
      } catch (e) {
        logger.error({ err: e }, 'could not deliver a command that waited for sign-in');
      }
    });
  };
}
