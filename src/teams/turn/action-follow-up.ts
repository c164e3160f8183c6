// After a response action's status card is delivered, follow the action (../../actions/follow-up.ts)
// and edit that same card in place (updateActivity) as Defender moves it on. Polls run as the
// analyst who clicked, through the same budgeted client as every other call; shutdown stops them.
import { setTimeout as delay } from 'node:timers/promises';
import type { BotAdapter, ConversationReference } from 'botbuilder';
import { followUp } from '../../actions/follow-up';
import type { ActionClient } from '../../actions/handle-action';
import type { FollowUpSettings } from '../../actions/types';
import type { ActionAuditRecord } from '../../audit/action-audit';
import type { Outcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import type { Requester, TokenProvider } from '../../tokens/types';
import type { CardFor } from '../reply';
import { updateOrPost } from './in-place';

export interface ActionFollowUpDeps {
  adapter: Pick<BotAdapter, 'continueConversationAsync'>;
  botAppId: string;
  logger: Logger;
  card: CardFor;
  tokens: TokenProvider;
  clientFor(getToken: () => Promise<string>, as: Requester): ActionClient;
  settings: FollowUpSettings;
  audit(record: ActionAuditRecord): void;
  /** Aborted at shutdown: every follow-up stops at its next wait. */
  signal: AbortSignal;
}

export type StartFollowUp = (
  reference: Partial<ConversationReference>,
  requester: Requester,
  outcome: Outcome,
  activityId: string | undefined,
) => void;

export function actionFollowUps(deps: ActionFollowUpDeps): StartFollowUp {
  // true after `ms`; false as soon as shutdown aborts the wait.
  const sleep = (ms: number): Promise<boolean> => delay(ms, true, { signal: deps.signal }).catch(() => false);

  return (reference, requester, outcome, activityId) => {
    if (outcome.kind !== 'actionStatus' || outcome.followUp === undefined || activityId === undefined) return;
    const { actionId, as } = outcome.followUp;
    // The same edit as paging's: where Teams refuses it, the status comes as a new message, and later
    // updates edit that one.
    let cardId = activityId;
    const update = (next: Outcome): Promise<void> =>
      deps.adapter.continueConversationAsync(deps.botAppId, reference, async (context) => {
        cardId = (await updateOrPost(context, cardId, deps.card(next, requester), deps.logger)) ?? cardId;
      });
    void followUp(outcome.status, actionId, as, {
      settings: deps.settings,
      tokens: deps.tokens,
      clientFor: deps.clientFor,
      update,
      audit: (record) => deps.audit({ kind: 'action', ...record }),
      sleep,
      now: Date.now,
    }).catch((e: unknown) => deps.logger.error({ err: e, event: 'actionFollowUpFailed', actionId }, 'following a response action failed'));
  };
}
