// The card layer: Outcome in, Adaptive Card (schema 1.2, Teams mobile-safe) out. No SDK types here.
import type { ErrorOutcome, ListPage, Outcome } from '../handlers/outcome';
import type { KnownAlertCounts } from '../handlers/known-answers';
import type { Machine } from '../defender/model';
import { finishCard, MAX_FALLBACK_TEXT, MAX_SUMMARY } from './card';
import { truncate } from './escape';
import { cardTemplate, type CardTemplate } from './template';
import type { CardReply, RenderContext } from './types';
import { alertDetailsView, type AlertDetailsVm } from './view-models/alert-details';
import { alertsView, type AlertsVm } from './view-models/alerts';
import { chooseMachineView, type ChooseMachineVm } from './view-models/choose-machine';
import { canonicalText } from '../commands/canonical';
import type { ActionValue } from '../commands/types';
import { inPlace, type SubmitVm, type View } from './view-models/common';
import { errorView, type ErrorVm } from './view-models/error';
import { helpView, type HelpVm } from './view-models/help';
import { logonUsersView, type LogonUsersVm } from './view-models/logon-users';
import { machineDetailsView, type MachineDetailsVm } from './view-models/machine-details';
import { listPageButton, whoseAccess } from './view-models/list-parts';
import { machinesView, type MachinesVm } from './view-models/machines';
import { signedOutView, type NoticeVm } from './view-models/signed-out';
import { unknownView, type UnknownVm } from './view-models/unknown';
import alertDetailsJson from './templates/alert-details.json';
import alertsJson from './templates/alerts.json';
import chooseMachineJson from './templates/choose-machine.json';
import errorJson from './templates/error.json';
import helpJson from './templates/help.json';
import logonUsersJson from './templates/logon-users.json';
import machineDetailsJson from './templates/machine-details.json';
import machinesJson from './templates/machines.json';
import noticeJson from './templates/notice.json';
import unknownJson from './templates/unknown.json';
import actionConfirmJson from './templates/action-confirm.json';
import actionStatusJson from './templates/action-status.json';
import {
  actionCancelledView,
  actionConfirmView,
  actionRefusedView,
  actionStatusView,
  type ActionConfirmVm,
  type ActionStatusVm,
} from './view-models/response-action';
import welcomeJson from './templates/welcome.json';
import { aboutView, feedbackNotedView, welcomeView, type WelcomeVm } from './view-models/about';

export { CardTooLargeError, MAX_CARD_BYTES } from './card';
export type { AdaptiveCardJson, CardReply, RenderContext } from './types';

const templates = {
  machines: cardTemplate<MachinesVm>(machinesJson),
  logonUsers: cardTemplate<LogonUsersVm>(logonUsersJson),
  machineDetails: cardTemplate<MachineDetailsVm>(machineDetailsJson),
  chooseMachine: cardTemplate<ChooseMachineVm>(chooseMachineJson),
  alerts: cardTemplate<AlertsVm>(alertsJson),
  alertDetails: cardTemplate<AlertDetailsVm>(alertDetailsJson),
  help: cardTemplate<HelpVm>(helpJson),
  unknown: cardTemplate<UnknownVm>(unknownJson),
  error: cardTemplate<ErrorVm>(errorJson),
  notice: cardTemplate<NoticeVm>(noticeJson),
  actionConfirm: cardTemplate<ActionConfirmVm>(actionConfirmJson),
  actionStatus: cardTemplate<ActionStatusVm>(actionStatusJson),
  welcome: cardTemplate<WelcomeVm>(welcomeJson),
};

function reply<Vm>(template: CardTemplate<Vm>, view: View<Vm>, ctx: RenderContext): CardReply {
  const fallbackText = truncate(view.fallbackText, MAX_FALLBACK_TEXT);
  return {
    card: finishCard(template.expand(view.vm), fallbackText, ctx, view.refresh),
    summary: truncate(view.summary, MAX_SUMMARY),
    fallbackText,
  };
}

function renderError(error: ErrorOutcome, ctx: RenderContext, extraButtons: readonly SubmitVm[] = []): CardReply {
  return reply(templates.error, errorView(error, extraButtons, whoseAccess(ctx)), ctx);
}

/** Failures that pass by themselves: their cards offer Retry (the same command, answered into the card). */
const TRANSIENT: ReadonlySet<ErrorOutcome['kind']> = new Set(['throttled', 'unavailable', 'identityUnavailable', 'personalLimit']);

export function isTransient(error: ErrorOutcome): boolean {
  return TRANSIENT.has(error.kind);
}

function retryButton(command: ActionValue): SubmitVm {
  return inPlace('↻ Retry', command, `Retry: ${canonicalText(command)}`);
}

/** A page that doesn't exist, with ways out: the first page and, when different, the last one. */
function renderPageOutOfRange(error: Extract<ErrorOutcome, { kind: 'pageOutOfRange' }>, ctx: RenderContext): CardReply {
  const { pages, list } = error;
  const buttons =
    pages > 1
      ? [listPageButton(list, 1, 'First page'), listPageButton(list, pages, `Last page (${pages})`)]
      : [listPageButton(list, 1, 'Show the list')];
  return renderError(error, ctx, buttons);
}

function renderMachines(userName: string, page: ListPage<Machine>, ctx: RenderContext, known?: KnownAlertCounts): CardReply {
  if (page.items.length === 0) return renderError({ kind: 'userNotFound', userName }, ctx);
  return reply(templates.machines, machinesView(userName, page, ctx, known), ctx);
}

export function renderOutcome(outcome: Outcome, ctx: RenderContext): CardReply {
  switch (outcome.kind) {
    case 'machines':
      return renderMachines(outcome.userName, outcome.page, ctx, outcome.alertCounts);
    case 'logonUsers':
      return reply(templates.logonUsers, logonUsersView(outcome.machine, outcome.page, ctx), ctx);
    case 'machineDetails':
      return reply(templates.machineDetails, machineDetailsView(outcome.machine, ctx, outcome.isolatedSince, outcome.alertCount), ctx);
    case 'alerts':
      return reply(templates.alerts, alertsView(outcome.subject, outcome.page, outcome.open, outcome.resolved, ctx), ctx);
    case 'alertDetails':
      return reply(templates.alertDetails, alertDetailsView(outcome.alert, ctx), ctx);
    case 'chooseMachine':
      return reply(templates.chooseMachine, chooseMachineView(outcome.query, outcome.purpose, outcome.candidates, ctx), ctx);
    case 'help':
      return reply(templates.help, helpView(), ctx);
    case 'signedOut':
      return reply(templates.notice, signedOutView(outcome.hadSignIn), ctx);
    case 'about':
      return reply(templates.notice, aboutView(outcome.about), ctx);
    case 'feedbackNoted':
      return reply(templates.notice, feedbackNotedView(), ctx);
    case 'welcome':
      return reply(templates.welcome, welcomeView(ctx.demo), ctx);
    case 'unknown':
      return reply(templates.unknown, unknownView(outcome.text, outcome.suggestions), ctx);
    case 'actionConfirm':
      return reply(
        templates.actionConfirm,
        actionConfirmView(outcome.request, outcome.machine, outcome.isolatedSince, ctx, outcome.selfApprovalAt, outcome.loggedOn),
        ctx,
      );
    case 'actionStatus':
      return reply(templates.actionStatus, actionStatusView(outcome.status, ctx), ctx);
    case 'actionRefused':
      // Confirmed but not taken by Defender: the same error card as any command's (no Retry: the request is used up).
      if (outcome.refusal.kind === 'failed') return renderError(outcome.refusal.error, ctx, []);
      return reply(templates.notice, actionRefusedView(outcome.refusal), ctx);
    case 'actionCancelled':
      return reply(templates.notice, actionCancelledView(outcome.request, outcome.by, outcome.at), ctx);
    case 'error':
      if (outcome.error.kind === 'pageOutOfRange') return renderPageOutOfRange(outcome.error, ctx);
      return renderError(outcome.error, ctx, ctx.retry !== undefined && isTransient(outcome.error) ? [retryButton(ctx.retry)] : []);
  }
}
