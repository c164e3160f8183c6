// After a response action's status card is delivered, follow the action (../../actions/follow-up.ts)
// and edit that same card in place (updateActivity) as Defender moves it on. The follow-up waits in the
// state store between polls (../../actions/follow-up-scheduler.ts): with REDIS_URL a replica that stops
// leaves it to the others, which carry it on, in a proactive turn in the card's conversation. Polls run
// as the analyst who clicked, through the same budgeted client as every other call; their token is got
// again each time as a sign-in resume gets it (production: the Bot Framework token service on a miss).
import { randomUUID } from 'node:crypto';
import type { BotAdapter, ConversationReference } from 'botbuilder';
import type { ActionClient } from '../../actions/deps';
import { firstRecord, type FollowUpDeps } from '../../actions/follow-up';
import { FollowUpScheduler } from '../../actions/follow-up-scheduler';
import { FollowUpStore } from '../../actions/follow-up-store';
import type { FollowUpSettings } from '../../actions/types';
import type { ActionAuditRecord } from '../../audit/action-audit';
import type { Outcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import type { StateStore } from '../../state/state-store';
import type { Requester, TokenProvider } from '../../tokens/types';
import type { CardFor } from '../reply';
import type { SignInFlow } from '../sign-in/sign-in-flow';
import type { WorkTracker } from '../work-tracker';
import { updateOrPost } from './in-place';

type Reference = Partial<ConversationReference>;

export interface ActionFollowUpDeps {
  adapter: Pick<BotAdapter, 'continueConversationAsync'>;
  botAppId: string;
  logger: Logger;
  card: CardFor;
  tokens: TokenProvider;
  /** Production: asks the token service for an analyst's token this replica does not hold. Absent in the demo. */
  signIn?: Pick<SignInFlow, 'prime'>;
  clientFor(getToken: () => Promise<string>, as: Requester): ActionClient;
  settings: FollowUpSettings;
  audit(record: ActionAuditRecord): void;
  /** Where follow-ups wait between polls: shared between replicas with REDIS_URL. */
  store: StateStore;
  /** Polls in flight register here so shutdown waits for them. */
  tracker: Pick<WorkTracker, 'run'>;
  /** Aborted at shutdown: this replica stops polling and leaves its follow-ups to the others. */
  signal: AbortSignal;
}

export type StartFollowUp = (reference: Reference, requester: Requester, outcome: Outcome, activityId: string | undefined) => void;

export function actionFollowUps(deps: ActionFollowUpDeps): StartFollowUp {
  const { adapter, botAppId, logger } = deps;
  const store = new FollowUpStore<Reference>(deps.store, {
    parseRef: parseReference,
    onUnreadable: (actionId) => logger.warn({ event: 'followUpUnreadable', actionId }, 'a stored action follow-up did not parse: dropped'),
    now: Date.now,
  });
  const poll: FollowUpDeps<Reference> = {
    settings: deps.settings,
    token: async (record) => {
      const held = await deps.tokens.getDefenderToken(record.as);
      if (held.kind === 'token' || deps.signIn === undefined) return held;
      // Not held by this replica (it restarted, or another one sent the action): the token service has it.
      const signIn = deps.signIn;
      await adapter.continueConversationAsync(botAppId, record.reference, (context) => signIn.prime(context, record.as));
      return deps.tokens.getDefenderToken(record.as);
    },
    clientFor: deps.clientFor,
    // The same edit as paging's: where Teams refuses it, the status comes as a new message, and later polls edit that one.
    show: async (record, outcome) => {
      let shownIn: string | undefined;
      await adapter.continueConversationAsync(botAppId, record.reference, async (context) => {
        shownIn = await updateOrPost(context, record.cardId, deps.card(outcome, record.as), logger);
      });
      return shownIn;
    },
    audit: (record) => deps.audit({ kind: 'action', ...record }),
    now: Date.now,
  };
  const scheduler = new FollowUpScheduler<Reference>({
    store,
    poll,
    owner: randomUUID(),
    audit: poll.audit,
    onError: (e, actionId) => logger.error({ err: e, event: 'actionFollowUpFailed', actionId }, 'following a response action failed'),
    track: (work) => deps.tracker.run(work),
  });
  if (deps.signal.aborted) return () => undefined;
  deps.signal.addEventListener('abort', () => scheduler.stop(), { once: true });
  scheduler.run();

  return (reference, _requester, outcome, activityId) => {
    if (outcome.kind !== 'actionStatus' || outcome.followUp === undefined || activityId === undefined) return;
    const { actionId, as } = outcome.followUp;
    const record = firstRecord(outcome.status, actionId, as, { reference, cardId: activityId }, poll);
    if (record === undefined) return;
    scheduler
      .begin(record)
      .catch((e: unknown) => logger.error({ err: e, event: 'actionFollowUpFailed', actionId }, 'following a response action failed'));
  };
}

/** Our own record's conversation reference, checked for what a proactive turn needs before it is used. */
function parseReference(raw: unknown): Reference | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const conversation: unknown = Reflect.get(raw, 'conversation');
  const serviceUrl: unknown = Reflect.get(raw, 'serviceUrl');
  if (typeof serviceUrl !== 'string' || typeof conversation !== 'object' || conversation === null) return undefined;
  if (typeof Reflect.get(conversation, 'id') !== 'string') return undefined;
  return raw as Reference;
}
