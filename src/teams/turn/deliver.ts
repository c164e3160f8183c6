// Step 3: answer a turn's result, the same way on every path (in the turn that asked, later when
// Defender is slow, or after a sign-in): a card, or a sign-in prompt when the result asks for one,
// then one audit line. A reply the connector did not take is logged and audited, not resent.
import type { BotAdapter, TurnContext } from 'botbuilder';
import type { Outcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import { ConnectorDeliveryError } from '../connector-transport';
import { answersBesideClickedCard } from '../../actions/placement';
import { actionValueFor } from '../../commands';
import { requesterOf, viewerTagOf } from '../activity-input';
import type { CardFor, CardView } from '../reply';
import { updateOrPost } from './in-place';
import { answerPrivately, answersPrivately, type PrivateAdapter } from './private-reply';
import type { SignInFlow } from '../sign-in/sign-in-flow';
import { startTyping } from '../typing';
import type { StartFollowUp } from './action-follow-up';
import type { WorkTracker } from '../work-tracker';
import { auditAnswer } from './audit';
import { settledWithin } from '../../shared/timeout';
import { askedCommandOf, isPersonal, needsDefender, type Turn, type TurnResult } from './turn';

export interface DeliverDeps {
  /** Opens the turns that answer after their own: the bot's TeamsAdapter. */
  adapter: Pick<BotAdapter, 'continueConversationAsync'>;
  /** The bot's app id for proactive messages ('' in demo mode). */
  botAppId: string;
  /** Answers delivered after their turn register here so shutdown waits for them. */
  tracker: WorkTracker;
  logger: Logger;
  /** Past this, reply "still working" and deliver the answer proactively. */
  slowReplyMs: number;
  card: CardFor;
  /** Production: answers a sign-in result with a prompt. Absent in the demo, where its card is shown. */
  signIn?: SignInFlow;
  /** Told about every delivered answer and the id Teams gave its message (response actions follow theirs up in place). */
  afterDelivery?: StartFollowUp;
  /** CHANNEL_RESULTS: answers asked outside a 1:1 chat go to that thread (default) or privately to the asker. */
  channelResults?: 'thread' | 'private';
  /** Opens the 1:1 chat for CHANNEL_RESULTS=private. */
  privateChats?: PrivateAdapter;
}

export interface Delivery {
  /** Answers in the turn that asked; past the deadline says "still working" and answers later. */
  answer(context: TurnContext, turn: Turn, work: Promise<TurnResult>): Promise<void>;
  /** After this turn, in a new one in the command's conversation: runs `work` there and answers (sign-in resume). */
  resume(turn: Turn, work: (context: TurnContext) => Promise<TurnResult>): void;
  /** A card that answers no command (e.g. Teams reporting a failed sign-in): sent, not audited. */
  notify(context: TurnContext, outcome: Outcome): Promise<void>;
}

export const STILL_WORKING = 'Defender is slow to answer. I am still working on it and will post the result here as soon as it arrives.';

export function createDelivery(deps: DeliverDeps): Delivery {
  const { adapter, botAppId, tracker, logger, card, signIn } = deps;

  const channelResults = deps.channelResults ?? 'thread';
  /** Sends the answer; the id of the message holding it, where later steps may revise it. */
  const send = async (context: TurnContext, turn: Turn, result: TurnResult): Promise<string | undefined> => {
    if (result.kind === 'signIn' && signIn !== undefined) {
      await signIn.prompt(context, askedCommandOf(turn));
      return undefined;
    }
    if (deps.privateChats !== undefined && answersPrivately(channelResults, turn)) {
      // The 1:1 chat is the asker's own: "your" access, and its buttons edit in place there (clicks there are personal turns).
      const activity = card(result.outcome, turn.requester, turn.meter, cardView(turn, result.outcome, true));
      await answerPrivately(context, deps.privateChats, botAppId, turn, activity, logger);
      return undefined;
    }
    const activity = card(result.outcome, turn.requester, turn.meter, cardView(turn, result.outcome, isPersonal(turn)));
    if (turn.editActivityId === undefined || answersBesideClickedCard(turn.command, result.outcome))
      return (await context.sendActivity(activity))?.id;
    return updateOrPost(context, turn.editActivityId, activity, logger);
  };

  const deliver = async (context: TurnContext, turn: Turn, result: TurnResult, deferred: boolean): Promise<void> => {
    let sentId: string | undefined;
    try {
      sentId = await send(context, turn, result);
    } catch (e) {
      // Anything but a failed delivery is a bug: app.error answers it with a reference id.
      if (!(e instanceof ConnectorDeliveryError)) throw e;
      logger.error({ err: e, event: 'replyNotDelivered', activityId: turn.activityId }, 'could not deliver the answer to Teams');
      auditAnswer(logger, turn, result.outcome, deferred, e.code);
      return;
    }
    auditAnswer(logger, turn, result.outcome, deferred);
    deps.afterDelivery?.(turn.reference, turn.requester, result.outcome, sentId);
  };

  /** Runs `step` after this turn; shutdown waits for it. */
  const afterTurn = (failure: string, step: () => Promise<void>): void => {
    void tracker.run(async () => {
      try {
        await step();
      } catch (e) {
        logger.error({ err: e }, failure);
      }
    });
  };
  const inConversation = (turn: Turn, step: (later: TurnContext) => Promise<void>): Promise<void> =>
    adapter.continueConversationAsync(botAppId, turn.reference, step);

  return {
    async answer(context, turn, work) {
      const result = await whileTyping(context, turn, settledWithin(work, deps.slowReplyMs));
      if (result !== undefined) return deliver(context, turn, result, false);
      // Too slow to answer before Teams redelivers (~15 s): say so now, deliver the answer into the
      // same conversation (and thread) when it is ready.
      await context.sendActivity({ type: 'message', text: STILL_WORKING, summary: 'Still working on it…' }).catch((e: unknown) => {
        const fields = { err: e, event: 'replyNotDelivered', activityId: turn.activityId };
        logger.warn(fields, 'could not say "still working"; the answer follows anyway');
      });
      afterTurn('could not deliver a deferred answer', async () => {
        const late = await work;
        await inConversation(turn, (later) => deliver(later, turn, late, true));
      });
    },
    resume(turn, work) {
      afterTurn('could not deliver a command that waited for sign-in', () =>
        inConversation(turn, async (later) => deliver(later, turn, await whileTyping(later, turn, work(later)), true)),
      );
    },
    async notify(context, outcome) {
      try {
        await context.sendActivity(card(outcome, requesterOf(context.activity)));
      } catch (e) {
        if (!(e instanceof ConnectorDeliveryError)) throw e;
        logger.error({ err: e, event: 'replyNotDelivered', activityId: context.activity.id }, 'could not deliver a notice to Teams');
      }
    },
  };
}

/**
 * What the card says about the turn: in a group chat or channel it names whose access it reflects (the
 * authenticated sender's name, never a click's word) and tags its in-place buttons; a transient error
 * offers the command again as Retry (a fresh one if the failed click was a Refresh).
 */
function cardView(turn: Turn, outcome: Outcome, personal: boolean): CardView {
  const command = actionValueFor(turn.command);
  const retry = command === undefined ? undefined : { ...command, ...(turn.fresh === true ? { refresh: true as const } : {}) };
  return {
    ...(retry === undefined || outcome.kind !== 'error' ? {} : { retry }),
    ...(personal
      ? {}
      : {
          accessHolder: turn.requester.displayName ?? 'the asker',
          viewerTag: viewerTagOf(turn.requester),
          ...(turn.replacesOtherView === true ? { replacesOtherView: true } : {}),
        }),
  };
}

/**
 * Only commands that call Defender can take long enough to need an indicator, and only answers slower
 * than TYPING_DELAY_MS (../typing.ts) get one; it stops when `work` settles.
 */
async function whileTyping<T>(context: TurnContext, turn: Turn, work: Promise<T>): Promise<T> {
  const stopTyping = needsDefender(turn.command) ? startTyping(context) : () => undefined;
  try {
    return await work;
  } finally {
    stopTyping();
  }
}
