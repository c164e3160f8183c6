// teams-ai Application: every message (typed or a button's messageBack) goes through one route:
// parse → runCommand → renderOutcome → one card reply.
import { Application, type TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TeamsInfo, type TurnContext } from 'botbuilder';
import { renderOutcome } from '../cards';
import type { RenderContext } from '../cards/types';
import { normalizeUserName } from '../commands';
import type { HandlerDeps } from '../handlers/run-command';
import { runCommand } from '../handlers/run-command';
import type { Logger } from '../logging/logger';
import { commandOf, requesterOf } from './activity-input';
import { replyActivity } from './reply';
import { withTyping } from './typing';
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
}

export function createBotApplication(options: BotAppOptions): Application<TurnState> {
  const { adapter, deps, render, logger } = options;
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
    const run = () => runCommand(command, requester, turnDeps);
    // Only commands that call Defender take long enough to need an indicator.
    const outcome = needsDefender(command) ? await withTyping(context, run) : await run();
    const reply = renderOutcome(outcome, { ...render, now: deps.now(), ...(requester.tenantId ? { tenantId: requester.tenantId } : {}) });
    await context.sendActivity(replyActivity(reply));
    const audit = auditRecord({
      requester,
      conversation: { type: activity.conversation?.conversationType, id: activity.conversation?.id },
      via: activity.value === undefined || activity.value === null ? 'typed' : 'click',
      command,
      outcome,
      meter,
      latencyMs: performance.now() - started,
    });
    logger.info({ audit }, 'command answered');
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
