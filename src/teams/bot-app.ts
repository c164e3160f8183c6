// teams-ai Application: every message (typed or a button's messageBack) goes through one route:
// parse → runCommand → renderOutcome → one card reply. In production the asker may first have to
// sign in: then the reply is a sign-in prompt, and the command runs once the sign-in invoke arrives
// (./sign-in). Activities from tenants outside the allow-list stop before any route (./tenant-gate.ts).
import { Application, type TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TeamsInfo, TurnContext } from 'botbuilder';
import { renderOutcome } from '../cards';
import type { RenderContext } from '../cards/types';
import { normalizeUserName } from '../commands';
import type { HandlerDeps } from '../handlers/run-command';
import { runCommand } from '../handlers/run-command';
import type { Logger } from '../logging/logger';
import { commandOf, requesterOf } from './activity-input';
import { replyActivity } from './reply';
import { startTyping, withoutTeamsAiTypingTimer } from './typing';
import type { WorkTracker } from './work-tracker';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import type { Command } from '../commands/types';
import { auditRecord } from '../audit/audit-record';
import { newCallMeter, type CallMeter } from '../audit/call-meter';
import type { DefenderClient } from '../defender/client-types';
import { RecentActivities } from './redelivery';
import { isSignInInvoke, signInInvokeHandler } from './sign-in/invokes';
import { pendingDelivery } from './sign-in/resume';
import { SignInFlow, type SignInFlowOptions } from './sign-in/sign-in-flow';
import { tenantGate } from './tenant-gate';
import { inboundTokenOf } from './inbound-identity';
import { ConnectorDeliveryError } from './connector-transport';
import { randomUUID } from 'node:crypto';

export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** Everything runCommand needs except the roster lookup, which needs the turn; Defender clients report to the turn's meter. */
  deps: Omit<HandlerDeps, 'resolveMention' | 'defenderFor'> & {
    /** A client for this requester; its calls are counted on the turn's meter and cached per person. */
    defenderFor(getToken: () => Promise<string>, meter: CallMeter, requester: Requester): DefenderClient;
  };
  render: Omit<RenderContext, 'now' | 'tenantId'>;
  logger: Logger;
  /** Past this, reply "still working" and deliver the card proactively. */
  slowReplyMs: number;
  /** The bot's app id for proactive messages ('' in demo mode). */
  botAppId: string;
  /** Deferred deliveries register here so shutdown waits for them. */
  tracker: WorkTracker;
  /** Production: Teams SSO / OAuth sign-in and the sign-in invokes. Absent in the demo. */
  signIn?: Omit<SignInFlowOptions, 'logger' | 'render'>;
  /** Production: only these Entra tenants are answered. Absent in the demo (loopback only). */
  allowedTenantIds?: readonly string[];
}

const STILL_WORKING = 'Defender is slow to answer. I am still working on it and will post the result here as soon as it arrives.';

/** The outcome if it settles within `ms`, else undefined (the work keeps running). */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function createBotApplication(options: BotAppOptions): Application<TurnState> {
  const { adapter, deps, render, logger, slowReplyMs, botAppId, tracker } = options;
  const app = withoutTeamsAiTypingTimer(new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false, turnStateFactory: () => new TurnState() }));
  // Before any handler: activities from other tenants cost nothing and reach nothing.
  if (options.allowedTenantIds !== undefined) {
    const gate = tenantGate(options.allowedTenantIds, logger);
    app.turn('beforeTurn', (context) => gate(context));
  }

  const cardFor = (outcome: Outcome, requester: Requester, meter?: CallMeter) =>
    replyActivity(renderOutcome(outcome, { ...render, now: deps.now(), ...(requester.tenantId ? { tenantId: requester.tenantId } : {}), ...(meter?.fetchedAt && meter.cacheHits > 0 ? { dataFetchedAt: meter.fetchedAt } : {}) }));
  const signIn = options.signIn === undefined ? undefined : new SignInFlow({ ...options.signIn, logger, render: (outcome, requester) => cardFor(outcome, requester) });

  /** What runCommand needs for one turn: the requester's Defender client on this turn's meter, the roster, sign-out. */
  const depsFor = (context: TurnContext, requester: Requester, meter: CallMeter) => ({
    ...deps,
    defenderFor: (getToken: () => Promise<string>) => deps.defenderFor(getToken, meter, requester),
    resolveMention: (id: string) => memberUserName(context, id, logger),
    ...(signIn === undefined ? {} : { signOut: (r: Requester) => signIn.signOut(context, r) }),
  });

  const recent = new RecentActivities();

  const answer = async (context: TurnContext): Promise<void> => {
    const { activity } = context;
    if (activity.id && !recent.firstDelivery(`${activity.conversation?.id ?? ''}|${activity.id}`)) {
      logger.info({ event: 'redelivery', activityId: activity.id }, 'duplicate delivery ignored: the first one is answered');
      return;
    }
    const started = performance.now();
    const command = commandOf(activity);
    const requester = requesterOf(activity);
    const meter = newCallMeter();
    const via = activity.value === undefined || activity.value === null ? 'typed' : 'click';
    const inboundToken = inboundTokenOf(context);
    // Production: a token from the token service (sign-in button, channel OAuth card) counts as signed in.
    if (signIn !== undefined && needsDefender(command)) await signIn.prime(context, requester);
    const work = runCommand(command, requester, depsFor(context, requester, meter));
    const renderReply = (outcome: Outcome) => cardFor(outcome, requester, meter);
    /** Not signed in (or expired): a sign-in prompt instead of a card; the command runs after sign-in. */
    const send = async (turn: TurnContext, outcome: Outcome): Promise<void> => {
      if (signIn !== undefined && needsSignIn(outcome)) await signIn.prompt(turn, { command, requester, via, reference: TurnContext.getConversationReference(activity), ...(activity.id === undefined ? {} : { activityId: activity.id }) });
      else await turn.sendActivity(renderReply(outcome));
    };
    const audit = (outcome: Outcome, deferred: boolean, undelivered?: string) => {
      const record = auditRecord({
        requester,
        conversation: { type: activity.conversation?.conversationType, id: activity.conversation?.id },
        via,
        command,
        outcome,
        meter,
        latencyMs: performance.now() - started,
        deferred,
        ...(undelivered === undefined ? {} : { undelivered }),
        ...(inboundToken === undefined ? {} : { inboundToken }),
      });
      if (undelivered === undefined) logger.info({ audit: record }, 'command answered');
      else logger.error({ audit: record }, 'command answered, but the reply did not reach Teams');
    };
    /** Send and audit. A reply the connector did not take is logged and audited, not resent (it may have arrived). */
    const deliver = async (turn: TurnContext, outcome: Outcome, deferred: boolean): Promise<void> => {
      try {
        await send(turn, outcome);
      } catch (e) {
        // Anything but a failed delivery is a bug: app.error answers it with a reference id.
        if (!(e instanceof ConnectorDeliveryError)) throw e;
        logger.error({ err: e, event: 'replyNotDelivered', activityId: activity.id }, 'could not deliver the answer to Teams');
        audit(outcome, deferred, e.code);
        return;
      }
      audit(outcome, deferred);
    };

    // Only commands that call Defender can take long enough to need an indicator, and only answers
    // slower than TYPING_DELAY_MS (./typing.ts) get one; it lives as long as the turn.
    const stopTyping = needsDefender(command) ? startTyping(context) : () => undefined;
    let outcome: Outcome | undefined;
    try {
      outcome = await withinDeadline(work, slowReplyMs);
    } finally {
      stopTyping();
    }
    if (outcome !== undefined) {
      await deliver(context, outcome, false);
      return;
    }

    // Too slow to answer before Teams redelivers (~15 s): say so now, deliver the card into the same
    // conversation (and thread) when it is ready.
    await context.sendActivity({ type: 'message', text: STILL_WORKING, summary: 'Still working on it…' })
      .catch((e: unknown) => logger.warn({ err: e, event: 'replyNotDelivered', activityId: activity.id }, 'could not say "still working"; the answer follows anyway'));
    const reference = TurnContext.getConversationReference(activity);
    void tracker.run(async () => {
      try {
        const late = await work;
        await adapter.continueConversationAsync(botAppId, reference, async (later) => {
          await deliver(later, late, true);
        });
      } catch (e) {
        logger.error({ err: e }, 'could not deliver a deferred answer');
      }
    });
  };

  app.activity(ActivityTypes.Message, answer);

  if (signIn !== undefined) {
    const deliver = pendingDelivery({
      adapter,
      botAppId,
      tracker,
      logger,
      flow: signIn,
      run: (turn, pending, meter) => runCommand(pending.command, pending.requester, depsFor(turn, pending.requester, meter)),
      card: (outcome, requester, meter) => cardFor(outcome, requester, meter),
    });
    app.activity(
      (context) => Promise.resolve(isSignInInvoke(context.activity)),
      signInInvokeHandler({ flow: signIn, logger, deliver, reply: async (context, outcome) => { await context.sendActivity(cardFor(outcome, requesterOf(context.activity))); } }),
    );
  }

  // Say what the bot can do when it is added, rather than waiting in silence.
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (!(context.activity.membersAdded ?? []).some((m) => m.id === botId)) return;
    const reply = renderOutcome({ kind: 'help' }, { ...render, now: deps.now() });
    await context.sendActivity(replyActivity(reply));
  });

  app.error(async (context, error) => {
    const referenceId = randomUUID();
    logger.error({ err: error, referenceId, activityId: context.activity.id }, 'unhandled error in turn');
    const reply = renderOutcome({ kind: 'error', error: { kind: 'internal', referenceId } }, { ...render, now: deps.now() });
    await context.sendActivity(replyActivity(reply)).catch((e: unknown) => logger.error({ err: e }, 'could not send the error card'));
  });

  return app;
}

/** The mentioned person's Defender user name, from their UPN in the conversation roster. */
async function memberUserName(context: TurnContext, teamsUserId: string, logger: Logger): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, teamsUserId);
    if (!member.userPrincipalName) return undefined;
    // The roster is outside data too: the same validation as a typed user name.
    const checked = normalizeUserName(member.userPrincipalName);
    return checked.ok ? checked.value : undefined;
  } catch (e) {
    logger.warn({ err: e, teamsUserId }, 'roster lookup for a mention failed');
    return undefined;
  }
}

function needsSignIn(outcome: Outcome): boolean {
  return outcome.kind === 'error' && outcome.error.kind === 'signInRequired';
}

function needsDefender(command: Command): boolean {
  return command.kind === 'machinesForUser' || command.kind === 'logonUsers' || command.kind === 'machineDetails';
}
