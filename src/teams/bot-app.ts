// teams-ai Application: every message (typed or a button's messageBack) goes through one route:
// parse → runCommand → renderOutcome → one card reply.
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
import { startTyping } from './typing';
import type { WorkTracker } from './work-tracker';
import type { Outcome } from '../handlers/outcome';
import type { Command } from '../commands/types';
import { auditRecord } from '../audit/audit-record';
import { newCallMeter, type CallMeter } from '../audit/call-meter';
import type { DefenderClient } from '../defender/client-types';
import { RecentActivities } from './redelivery';

export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** Everything runCommand needs except the roster lookup, which needs the turn; Defender clients report to the turn's meter. */
  deps: Omit<HandlerDeps, 'resolveMention' | 'defenderFor'> & {
    defenderFor(getToken: () => Promise<string>, meter: CallMeter): DefenderClient;
  };
  render: Omit<RenderContext, 'now' | 'tenantId'>;
  logger: Logger;
  /** Past this, reply "still working" and deliver the card proactively. */
  slowReplyMs: number;
  /** The bot's app id for proactive messages ('' in demo mode). */
  botAppId: string;
  /** Deferred deliveries register here so shutdown waits for them. */
  tracker: WorkTracker;
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
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false, turnStateFactory: () => new TurnState() });

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
    const turnDeps = { ...deps, defenderFor: (getToken: () => Promise<string>) => deps.defenderFor(getToken, meter), resolveMention: (id: string) => memberUserName(context, id, logger) };
    const work = runCommand(command, requester, turnDeps);
    const renderReply = (outcome: Outcome) => replyActivity(renderOutcome(outcome, { ...render, now: deps.now(), ...(requester.tenantId ? { tenantId: requester.tenantId } : {}) }));
    const audit = (outcome: Outcome, deferred: boolean) => {
      const record = auditRecord({
        requester,
        conversation: { type: activity.conversation?.conversationType, id: activity.conversation?.id },
        via: activity.value === undefined || activity.value === null ? 'typed' : 'click',
        command,
        outcome,
        meter,
        latencyMs: performance.now() - started,
        deferred,
      });
      logger.info({ audit: record }, 'command answered');
    };

    // Only commands that call Defender take long enough to need an indicator; it lives as long as the turn.
    const stopTyping = needsDefender(command) ? startTyping(context) : () => undefined;
    const outcome = await withinDeadline(work, slowReplyMs);
    stopTyping();
    if (outcome !== undefined) {
      await context.sendActivity(renderReply(outcome));
      audit(outcome, false);
      return;
    }

    // Too slow to answer before Teams redelivers (~15 s): say so now, deliver the card into the same
    // conversation (and thread) when it is ready.
    await context.sendActivity({ type: 'message', text: STILL_WORKING, summary: 'Still working on it…' });
    const reference = TurnContext.getConversationReference(activity);
    void tracker.run(async () => {
      try {
        const late = await work;
        await adapter.continueConversationAsync(botAppId, reference, async (later) => {
          await later.sendActivity(renderReply(late));
        });
        audit(late, true);
      } catch (e) {
        logger.error({ err: e }, 'could not deliver a deferred answer');
      }
    });
  };

  app.activity(ActivityTypes.Message, answer);

  // Say what the bot can do when it is added, rather than waiting in silence.
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (!(context.activity.membersAdded ?? []).some((m) => m.id === botId)) return;
    const reply = renderOutcome({ kind: 'help' }, { ...render, now: deps.now() });
    await context.sendActivity(replyActivity(reply));
  });

  app.error(async (context, error) => {
    logger.error({ err: error }, 'unhandled error in turn');
    const reply = renderOutcome({ kind: 'error', error: { kind: 'internal', referenceId: context.activity.id ?? 'unknown' } }, { ...render, now: deps.now() });
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

function needsDefender(command: Command): boolean {
  return command.kind === 'machinesForUser' || command.kind === 'logonUsers' || command.kind === 'machineDetails';
}
