// Step 1 of a message turn: is this a new command, what is it, and who is asking. (The tenant gate
// runs before this, as a beforeTurn handler for every activity type: ../tenant-gate.ts.)
import { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import { commandOf, requesterOf } from '../activity-input';
import { inboundTokenOf } from '../inbound-identity';
import { RecentActivities } from '../redelivery';
import type { SignInFlow } from '../sign-in/sign-in-flow';
import type { StateStore } from '../../state/state-store';
import { needsDefender, turnOf, type Turn } from './turn';

export interface ReceiveDeps {
  logger: Logger;
  /** Production only: looks up a sign-in the token service already holds. */
  signIn?: SignInFlow;
  /** Where delivered activity ids are remembered (shared between replicas with REDIS_URL). */
  store?: StateStore;
}

/** The turn for a message activity, or undefined for a redelivery of one already being answered. */
export function receiver(deps: ReceiveDeps): (context: TurnContext) => Promise<Turn | undefined> {
  const recent = new RecentActivities(deps.store === undefined ? {} : { store: deps.store });
  return async (context) => {
    const { activity } = context;
    if (activity.id && !(await recent.firstDelivery(`${activity.conversation?.id ?? ''}|${activity.id}`))) {
      deps.logger.info({ event: 'redelivery', activityId: activity.id }, 'duplicate delivery ignored: the first one is answered');
      return undefined;
    }
    const turn = turnOf({
      command: commandOf(activity),
      requester: requesterOf(activity),
      via: activity.value === undefined || activity.value === null ? 'typed' : 'click',
      reference: TurnContext.getConversationReference(activity),
      ...(activity.id === undefined ? {} : { activityId: activity.id }),
    });
    // Who vouched for this activity (the verified Bot Framework token's iss/appid/aud), for the audit line.
    const inboundToken = inboundTokenOf(context);
    if (inboundToken !== undefined) turn.inboundToken = inboundToken;
    // A token from the token service (sign-in button, channel OAuth card) counts as signed in.
    if (deps.signIn !== undefined && needsDefender(turn.command)) await deps.signIn.prime(context, turn.requester);
    return turn;
  };
}
