// "Find a device", the search-based message extension (manifest: composeExtensions, command
// `findDevice`, parameter `query`). teams-ai routes composeExtension/query and /selectItem here; the
// search itself is ../search (SDK-free). Each result row is a thumbnail preview; picking one sends
// composeExtension/selectItem with the row's device id, and the machine's details card (the one the
// bot answers `machine <x>` with, fetched again as the asker) is what Teams inserts. Each row also
// carries that card, built from the search answer. Agents Playground 0.2.x refuses a result whose rows
// have a `tap` ("Unable to reach app") and never sends selectItem: with the Playground's card style
// (plain Submit buttons, ../cards/action-style.ts) rows have no tap and it inserts that card as it is.
// Teams waits 5 s for an answer: past SEARCH_ANSWER_MS the search box is told Defender is slow, and
// the lookup carries on into the caches, so asking again a moment later is answered at once.
import type { Activity, MessagingExtensionAttachment, MessagingExtensionResult, TurnContext } from 'botbuilder';
import { newCallMeter, type CallMeter } from '../audit/call-meter';
import { renderOutcome } from '../cards';
import type { RenderContext } from '../cards/types';
import { devicePreview } from '../cards/view-models/device-preview';
import { checkDeviceId } from '../commands/normalize';
import type { Machine } from '../defender/model';
import type { ErrorOutcome, Outcome } from '../handlers/outcome';
import { runCommand } from '../handlers/run-command';
import type { Logger } from '../logging/logger';
import { userKeyOf } from '../resilience';
import { FIND_DEVICE_COMMAND, FIND_DEVICE_PARAMETER, searchDevices, type PrefixAnswers, type SearchOutcome } from '../search';
import type { Requester } from '../tokens/types';
import { settledWithin } from '../shared/timeout';
import { requesterOf } from './activity-input';
import { askToSignIn, signInForSearch } from './sign-in/message-extension-auth';
import type { SignInFlow } from './sign-in/sign-in-flow';
import type { Application, TurnState } from './teams-ai';
import type { TurnHandlerDeps } from './turn/run';

/** Under Teams' 5 s for a message extension, with room for the sign-in check and the network. */
export const SEARCH_ANSWER_MS = 4000;
export const SEARCH_SLOW = 'Defender is slow to answer. Keep typing, or try again in a moment: the answer is on its way.';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

export interface FindDeviceOptions {
  handler: TurnHandlerDeps;
  prefixAnswers: PrefixAnswers;
  render: Omit<RenderContext, 'now' | 'tenantId'>;
  logger: Logger;
  /** Production: the search box's sign-in (./sign-in/message-extension-auth.ts). */
  signIn?: SignInFlow;
}

export function addFindDevice(app: Application<TurnState>, options: FindDeviceOptions): void {
  const { handler, logger, signIn } = options;
  const selectable = options.render.actionStyle !== 'plainSubmit';
  const ctx = (requester: Requester): RenderContext => ({
    ...options.render,
    now: handler.now(),
    ...(requester.tenantId ? { tenantId: requester.tenantId } : {}),
  });
  const metered = (meter: CallMeter, requester: Requester) => ({
    ...handler,
    defenderFor: (getToken: () => Promise<string>) => handler.defenderFor(getToken, meter, requester),
  });

  app.messageExtensions.query(FIND_DEVICE_COMMAND, async (context, _state, query) => {
    const started = performance.now();
    const requester = requesterOf(context.activity);
    if (signIn !== undefined) {
      const auth = await signInForSearch(context, requester, signIn, logger);
      if (auth.kind === 'answered') return {};
      if (auth.kind === 'refused') return message(errorText(auth.outcome, ctx(requester)));
    }
    const typed: unknown = query.parameters[FIND_DEVICE_PARAMETER];
    const meter = newCallMeter();
    const search = searchDevices(typeof typed === 'string' ? typed : '', requester, {
      ...metered(meter, requester),
      prefixAnswers: options.prefixAnswers,
      userKey: userKeyOf,
    }).then((outcome) => {
      auditSearch(logger, context, requester, outcome, meter, started);
      return outcome;
    });
    const outcome = await settledWithin(search, SEARCH_ANSWER_MS);
    if (outcome === undefined) return message(SEARCH_SLOW);
    if (signIn !== undefined && outcome.kind === 'error' && outcome.error.kind === 'signInRequired') {
      if (await askToSignIn(context, signIn)) return {};
    }
    return resultOf(outcome, ctx(requester), selectable);
  });

  app.messageExtensions.selectItem(async (context, _state, item) => {
    const requester = requesterOf(context.activity);
    const id = checkDeviceId(typeof item.machineId === 'string' ? item.machineId : '');
    if (!id.ok) return message(`That result cannot be inserted: ${id.reason}.`);
    if (signIn !== undefined) await signIn.prime(context, requester);
    const meter = newCallMeter();
    const outcome = await runCommand({ kind: 'machineDetails', machine: { kind: 'deviceId', id: id.value } }, requester, {
      ...metered(meter, requester),
      resolveMention: async () => undefined,
    });
    logger.info(
      { event: 'findDeviceSelect', outcome: outcomeName(outcome), defenderCalls: meter.defenderCalls, cacheHits: meter.cacheHits },
      'a search result was picked',
    );
    if (outcome.kind !== 'machineDetails') return message(outcomeText(outcome, ctx(requester)));
    return { type: 'result', attachmentLayout: 'list', attachments: [resultRow(outcome.machine, ctx(requester), false)] };
  });
}

/**
 * A message the user posted that is only a card they inserted from the search box (in the bot's own
 * chat it reaches the bot too): it asks nothing, so it gets no answer. Its text is empty or only the
 * placeholder markup for the card (`<span itemtype="http://schema.skype.com/InputExtension">…`).
 */
export function isInsertedCard(activity: Partial<Activity>): boolean {
  const noText = (activity.text ?? '').replace(/<[^>]*>/g, '').trim() === '';
  const noValue = activity.value === undefined || activity.value === null;
  return noText && noValue && (activity.attachments ?? []).some((a) => a.contentType === ADAPTIVE);
}

function resultOf(outcome: SearchOutcome, ctx: RenderContext, selectable: boolean): MessagingExtensionResult {
  switch (outcome.kind) {
    case 'hint':
      return message(outcome.text);
    case 'error':
      return message(errorText(outcome.error, ctx));
    case 'devices':
      if (outcome.machines.length === 0) return message(`No device you can see starts with or matches “${outcome.query}”.`);
      return { type: 'result', attachmentLayout: 'list', attachments: outcome.machines.map((m) => resultRow(m, ctx, selectable)) };
  }
}

/** The machine's details card, with a thumbnail row as its preview; `tap`: picking the row sends selectItem (else the card is inserted as it is). */
function resultRow(machine: Machine, ctx: RenderContext, tap: boolean): MessagingExtensionAttachment {
  const { card } = renderOutcome({ kind: 'machineDetails', machine }, ctx);
  const preview = devicePreview(machine, ctx.now);
  return {
    contentType: ADAPTIVE,
    content: card,
    preview: {
      contentType: THUMBNAIL,
      content: { title: preview.title, text: preview.text, ...(tap ? { tap: { type: 'invoke', value: { machineId: machine.id } } } : {}) },
    },
  };
}

function message(text: string): MessagingExtensionResult {
  return { type: 'message', text };
}

function errorText(error: ErrorOutcome, ctx: RenderContext): string {
  return outcomeText({ kind: 'error', error }, ctx);
}

/** What a card would say, as one plain line for the search box. */
function outcomeText(outcome: Outcome, ctx: RenderContext): string {
  const lines = renderOutcome(outcome, ctx)
    .fallbackText.split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim());
  return lines
    .filter((l) => l !== '')
    .map((l) => (/[.!?:…]$/.test(l) ? l : `${l}.`))
    .join(' ');
}

function outcomeName(outcome: Outcome): string {
  return outcome.kind === 'error' ? `error:${outcome.error.kind}` : outcome.kind;
}

/** One audit line per search that reached the bot: who, what kind of lookup, what it cost. Never the typed text. */
function auditSearch(
  logger: Logger,
  context: TurnContext,
  requester: Requester,
  outcome: SearchOutcome,
  meter: CallMeter,
  started: number,
) {
  logger.info(
    {
      audit: {
        kind: 'audit',
        via: 'search',
        command: FIND_DEVICE_COMMAND,
        ...(requester.tenantId ? { tenantId: requester.tenantId } : {}),
        ...(requester.aadObjectId ? { userObjectId: requester.aadObjectId } : {}),
        teamsUserId: requester.teamsUserId,
        ...(context.activity.conversation?.conversationType ? { conversationType: context.activity.conversation.conversationType } : {}),
        outcome: outcome.kind === 'error' ? `error:${outcome.error.kind}` : outcome.kind,
        resultCount: outcome.kind === 'devices' ? outcome.total : 0,
        answeredLocally: outcome.kind === 'devices' && outcome.local,
        defenderCalls: meter.defenderCalls,
        cacheHits: meter.cacheHits,
        latencyMs: Math.round(performance.now() - started),
      },
    },
    'search answered',
  );
}
