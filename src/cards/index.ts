// The card layer: Outcome in, Adaptive Card (schema 1.2, Teams mobile-safe) out. No SDK types here.
import type { ErrorOutcome, MachineLabel, Outcome } from '../handlers/outcome';
import type { LogonUser, Machine } from '../defender/model';
import { finishCard, MAX_FALLBACK_TEXT, MAX_SUMMARY } from './card';
import { truncate } from './escape';
import { pageCount, pageOf } from './paging';
import { cardTemplate, type CardTemplate } from './template';
import type { CardReply, RenderContext } from './types';
import { chooseMachineView, type ChooseMachineVm } from './view-models/choose-machine';
import { submit, type SubmitVm, type View } from './view-models/common';
import { errorView, type ErrorVm } from './view-models/error';
import { helpView, type HelpVm } from './view-models/help';
import { logonUsersView, sortLogonUsers, type LogonUsersVm } from './view-models/logon-users';
import { machineDetailsView, type MachineDetailsVm } from './view-models/machine-details';
import { machineDisplay, machineLabel, userDisplay } from './view-models/machine-parts';
import { machinesView, sortMachines, type MachinesVm } from './view-models/machines';
import { signedOutView, type NoticeVm } from './view-models/signed-out';
import { unknownView, type UnknownVm } from './view-models/unknown';
import chooseMachineJson from './templates/choose-machine.json';
import errorJson from './templates/error.json';
import helpJson from './templates/help.json';
import logonUsersJson from './templates/logon-users.json';
import machineDetailsJson from './templates/machine-details.json';
import machinesJson from './templates/machines.json';
import noticeJson from './templates/notice.json';
import unknownJson from './templates/unknown.json';

export { PAGE_SIZE, pageCount } from './paging';
export { CardTooLargeError, MAX_CARD_BYTES } from './card';
export type { AdaptiveCardJson, CardReply, RenderContext } from './types';

const templates = {
  machines: cardTemplate<MachinesVm>(machinesJson),
  logonUsers: cardTemplate<LogonUsersVm>(logonUsersJson),
  machineDetails: cardTemplate<MachineDetailsVm>(machineDetailsJson),
  chooseMachine: cardTemplate<ChooseMachineVm>(chooseMachineJson),
  help: cardTemplate<HelpVm>(helpJson),
  unknown: cardTemplate<UnknownVm>(unknownJson),
  error: cardTemplate<ErrorVm>(errorJson),
  notice: cardTemplate<NoticeVm>(noticeJson),
};

function reply<Vm>(template: CardTemplate<Vm>, view: View<Vm>, ctx: RenderContext): CardReply {
  const fallbackText = truncate(view.fallbackText, MAX_FALLBACK_TEXT);
  return { card: finishCard(template.expand(view.vm), fallbackText, ctx), summary: truncate(view.summary, MAX_SUMMARY), fallbackText };
}

function renderError(error: ErrorOutcome, ctx: RenderContext, extraButtons: readonly SubmitVm[] = []): CardReply {
  return reply(templates.error, errorView(error, extraButtons), ctx);
}

/** A page that doesn't exist of a list of `total` items, with ways out: the first page and, when different, the last one. */
function renderPageOutOfRange(page: number, total: number, ctx: RenderContext, make: (page: number, title: string) => SubmitVm): CardReply {
  const pages = pageCount(total);
  const buttons = pages > 1 ? [make(1, 'First page'), make(pages, `Last page (${pages})`)] : [make(1, 'Show the list')];
  return renderError({ kind: 'pageOutOfRange', page, pages }, ctx, buttons);
}

function renderMachines(userName: string, machines: readonly Machine[], page: number, ctx: RenderContext): CardReply {
  if (machines.length === 0 && page === 1) return renderError({ kind: 'userNotFound', userName }, ctx);
  const sorted = sortMachines(machines);
  const slice = pageOf(sorted, page);
  if (slice === undefined) {
    return renderPageOutOfRange(page, sorted.length, ctx, (p, title) =>
      submit(title, { action: 'machinesForUser', user: userName, ...(p > 1 ? { page: p } : {}) }, `Machines for ${userDisplay(userName)}, page ${p}`),
    );
  }
  return reply(templates.machines, machinesView(userName, sorted.length, slice, ctx), ctx);
}

function renderLogonUsers(machine: MachineLabel, users: readonly LogonUser[], page: number, ctx: RenderContext): CardReply {
  const sorted = sortLogonUsers(users);
  const slice = pageOf(sorted, page);
  if (slice === undefined) {
    return renderPageOutOfRange(page, sorted.length, ctx, (p, title) =>
      submit(title, { action: 'logonUsers', machineId: machine.id, ...machineLabel(machine), ...(p > 1 ? { page: p } : {}) }, `Who logged on to ${machineDisplay(machine)}, page ${p}`),
    );
  }
  return reply(templates.logonUsers, logonUsersView(machine, sorted.length, slice, ctx), ctx);
}

export function renderOutcome(outcome: Outcome, ctx: RenderContext): CardReply {
  switch (outcome.kind) {
    case 'machines':
      return renderMachines(outcome.userName, outcome.machines, outcome.page, ctx);
    case 'logonUsers':
      return renderLogonUsers(outcome.machine, outcome.users, outcome.page, ctx);
    case 'machineDetails':
      return reply(templates.machineDetails, machineDetailsView(outcome.machine, ctx), ctx);
    case 'chooseMachine':
      return reply(templates.chooseMachine, chooseMachineView(outcome.query, outcome.purpose, outcome.candidates, ctx), ctx);
    case 'help':
      return reply(templates.help, helpView(), ctx);
    case 'signedOut':
      return reply(templates.notice, signedOutView(outcome.hadSignIn), ctx);
    case 'unknown':
      return reply(templates.unknown, unknownView(outcome.text, outcome.suggestions), ctx);
    case 'error':
      return renderError(outcome.error, ctx);
  }
}
