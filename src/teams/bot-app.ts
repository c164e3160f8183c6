// The bot's routes on teams-ai's Application. Every message (typed, or a button's messageBack) is one
// turn through ./turn: receive (redelivery, who is asking) → run (the SDK-free handler) → deliver
// (deadline, "still working", deferred delivery, sign-in prompt, audit). In production the asker may
// first have to sign in: the sign-in invokes (./sign-in) resume the waiting command through the same
// run and deliver steps. Activities from tenants outside the allow-list stop before any route
// (./tenant-gate.ts).
import { randomUUID } from 'node:crypto';
import type { Application, TeamsAdapter, TurnState } from './teams-ai';
import { ActivityTypes } from 'botbuilder';
import type { RenderContext } from '../cards/types';
import type { Logger } from '../logging/logger';
import { createLabelSeal } from '../shared/label-seal';
import { PrefixAnswers } from '../search';
import { newTeamsApplication } from './application';
import { addFindDevice, isInsertedCard } from './message-extension';
import { cardRenderer } from './reply';
import { isSignInInvoke, signInInvokeHandler } from './sign-in/invokes';
import { resumer } from './sign-in/resume';
import { SignInFlow, type SignInFlowOptions } from './sign-in/sign-in-flow';
import { tenantGate } from './tenant-gate';
import { welcomeOnce } from './welcome';
import { createDelivery } from './turn/deliver';
import { receiver } from './turn/receive';
import { runner, type TurnHandlerDeps } from './turn/run';
import type { WorkTracker } from './work-tracker';
import { actionFollowUps } from './turn/action-follow-up';
import { actionClient } from './turn/run';
import { newCallMeter } from '../audit/call-meter';
import type { StateStore } from '../state/state-store';
import { MemoryStateStore } from '../state/memory-store';

export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** Everything runCommand needs except what depends on the turn (roster, sign-out); Defender clients report to the turn's meter. */
  deps: TurnHandlerDeps;
  render: Omit<RenderContext, 'now' | 'tenantId'>;
  logger: Logger;
  /** Past this, reply "still working" and deliver the card proactively. */
  slowReplyMs: number;
  /** The bot's app id for proactive messages ('' in demo mode). */
  botAppId: string;
  /** Deferred deliveries register here so shutdown waits for them. */
  tracker: WorkTracker;
  /** CHANNEL_RESULTS: answers asked in a channel or group chat go to that thread or privately to the asker. */
  channelResults?: 'thread' | 'private';
  /** Production: Teams SSO / OAuth sign-in and the sign-in invokes. Absent in the demo. */
  signIn?: Omit<SignInFlowOptions, 'logger' | 'render'>;
  /** Production: only these Entra tenants are answered. Absent in the demo (loopback only). */
  allowedTenantIds?: readonly string[];
  /** Aborted at shutdown: stops following response actions. */
  stopping?: AbortSignal;
  /** Redelivery and token-exchange dedup, commands waiting for sign-in: shared between replicas with REDIS_URL. */
  store?: StateStore;
  /** The label-seal key all replicas share (REDIS_URL); absent: a random key of this process. */
  labelSealKey?: Buffer;
}

export function createBotApplication(options: BotAppOptions): Application<TurnState> {
  const { adapter, deps, logger, botAppId, tracker, slowReplyMs } = options;
  const app = newTeamsApplication(adapter);
  // Before any handler: activities from other tenants cost nothing and reach nothing.
  if (options.allowedTenantIds !== undefined) {
    const gate = tenantGate(options.allowedTenantIds, logger);
    app.turn('beforeTurn', (context) => gate(context));
  }

  // Machine labels on buttons are sealed with the replicas' shared key, or with one made here: then a
  // restart (or another replica) makes old ones show the id.
  const labelSeal = createLabelSeal(options.labelSealKey);
  const card = cardRenderer({ ...options.render, sealLabel: labelSeal.seal }, deps.now);
  const withStore = options.store === undefined ? {} : { store: options.store };
  const signIn =
    options.signIn === undefined
      ? undefined
      : new SignInFlow({
          ...options.signIn,
          logger,
          render: card,
          ...(options.store === undefined ? {} : { pendingStore: options.store }),
        });
  const withSignIn = signIn === undefined ? {} : { signIn };
  const receive = receiver({
    logger,
    labelSeal,
    ...withSignIn,
    ...withStore,
    ...(deps.admitOnDelivery === undefined ? {} : { admitOnDelivery: deps.admitOnDelivery }),
  });
  const run = runner({ handler: deps, logger, ...withSignIn });
  const actions = deps.responseActions;
  // With no action enabled nothing is followed: no timers, and no Redis reads for follow-ups to resume.
  const afterDelivery =
    actions === undefined || actions.settings.enabled.size === 0
      ? undefined
      : actionFollowUps({
          adapter,
          botAppId,
          logger,
          card,
          tokens: deps.tokens,
          clientFor: (getToken, as) => actionClient(deps.defenderFor(getToken, newCallMeter(), as)),
          settings: actions.settings.followUp,
          audit: (record) => actions.audit(record),
          store: options.store ?? new MemoryStateStore(),
          tracker,
          ...withSignIn,
          signal: options.stopping ?? new AbortController().signal,
        });
  const channelResults = options.channelResults ?? 'thread';
  const delivery = createDelivery({
    adapter,
    botAppId,
    tracker,
    logger,
    slowReplyMs,
    card,
    channelResults,
    privateChats: adapter,
    ...withSignIn,
    ...(afterDelivery === undefined ? {} : { afterDelivery }),
  });

  app.activity(ActivityTypes.Message, async (context) => {
    if (isInsertedCard(context.activity))
      return logger.info({ event: 'insertedCard' }, 'a card inserted from the search box: nothing to answer');
    const turn = await receive(context);
    if (turn !== undefined) await delivery.answer(context, turn, run(context, turn));
  });

  if (signIn !== undefined) {
    const invokes = signInInvokeHandler({
      flow: signIn,
      logger,
      resume: resumer({ run, delivery }),
      reply: (context, outcome) => delivery.notify(context, outcome),
      ...withStore,
    });
    app.activity((context) => Promise.resolve(isSignInInvoke(context.activity)), invokes);
  }

  addFindDevice(app, { handler: deps, prefixAnswers: new PrefixAnswers(), render: options.render, logger, ...withSignIn });

  // Say what the bot is when it is added, rather than waiting in silence.
  const welcome = welcomeOnce((context) => context.sendActivity(card({ kind: 'welcome' })));
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await welcome(context, 'membersAdded');
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (context.activity.action === 'add') await welcome(context, 'installationUpdate');
  });

  app.error(async (context, error) => {
    const referenceId = randomUUID();
    logger.error({ err: error, referenceId, activityId: context.activity.id }, 'unhandled error in turn');
    await context
      .sendActivity(card({ kind: 'error', error: { kind: 'internal', referenceId } }))
      .catch((e: unknown) => logger.error({ err: e }, 'could not send the error card'));
  });

  return app;
}
