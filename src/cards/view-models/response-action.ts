// Response-action cards: the confirmation (what, which device, why, what happens — destructive
// Confirm and Cancel, a reason box when none was given), the action's status (updated in place as
// Defender moves it on), and the notices for refusals and cancellations. Every value from Defender or
// from a person is escaped here; the buttons carry only the opaque pending id.
import { ACTIONS, optionText } from '../../actions/catalog';
import type { ActionRefusal, ActionStatusView, PendingAction } from '../../actions/types';
import type { LogonUser, Machine } from '../../defender/model';
import { sortLogonUsers } from '../../handlers/list-order';
import { markdownToPlain, md, plain, truncate } from '../escape';
import { absoluteUtc, parseIsoDate, shortId, when } from '../format';
import { enumLabel, type Severity } from '../labels';
import type { RenderContext } from '../types';
import { submit, type FactVm, type SubmitVm, type View } from './common';
import { accountText } from './logon-users';
import { groupText, machineName, portalUrl } from './machine-parts';
import type { NoticeVm } from './signed-out';
import { fitFacts, fullValue, hasLongRun, type FullValueVm } from './long-values';
import { machinePortalUrl } from '../links';

export interface ActionConfirmVm {
  title: string;
  subtitle: string;
  consequences: string;
  facts: FactVm[];
  /** Values too long for a fact, in full. */
  full: FullValueVm[];
  hasFull: boolean;
  askReason: boolean;
  reasonLabel: string;
  /** Four-eyes, after the requester tried to approve: the card says it waits for someone else. */
  hasNote: boolean;
  note: string;
  confirm: SubmitVm;
  cancel: SubmitVm;
  portalUrl: string;
}

export interface ActionStatusVm {
  title: string;
  color: Severity;
  /** Who decided, when, and as whom it was sent ("Confirmed by … at … — sent to Defender as …"); empty for a status asked by command. */
  hasDecision: boolean;
  decision: string;
  hasNote: boolean;
  note: string;
  facts: FactVm[];
  full: FullValueVm[];
  hasFull: boolean;
  refresh: SubmitVm[];
  hasPortal: boolean;
  portalUrl: string;
}

function timeText(iso: string | undefined, ctx: RenderContext): string | undefined {
  return when(iso, ctx.now);
}

/** Names a confirmation shows of who is logged on; the rest are counted ("+4 more"). */
const MAX_LOGGED_ON = 3;

/** Longest account shown whole; DOMAIN\first.last is rarely longer. */
const MAX_LOGGED_ON_NAME = 32;

/**
 * "CONTOSO\alice, CONTOSO\bob, svc-sql +4 more" (plain text; escaped where it is placed), most recent
 * logon first as on the logon-users card; "nobody" for an empty answer. Each name capped, so three
 * long accounts cannot take the card over.
 */
export function loggedOnText(users: readonly LogonUser[]): string {
  if (users.length === 0) return 'nobody';
  const names = sortLogonUsers(users)
    .slice(0, MAX_LOGGED_ON)
    .map((u) => truncate(accountText(u), MAX_LOGGED_ON_NAME));
  const more = users.length - names.length;
  return `${names.join(', ')}${more > 0 ? ` +${more} more` : ''}`;
}

export function actionConfirmView(
  request: PendingAction,
  machine: Machine,
  isolatedSince: string | undefined,
  ctx: RenderContext,
  selfApprovalAt?: string,
  loggedOn?: readonly LogonUser[],
): View<ActionConfirmVm> {
  const info = ACTIONS[request.action];
  const name = machineName(machine);
  const fourEyes = request.approval === 'second-analyst';
  const expires = parseIsoDate(request.expiresAt);
  const full: FullValueVm[] = [];
  const option = optionText(request.action, request.option);
  // Account names are often longer than a fact value can hold unbroken at 328 px (CONTOSO\first.last):
  // then the names go below the facts at full width, whole, rather than cut to "CONTOSO\f… (in full below)".
  const loggedOnLine = loggedOn === undefined ? undefined : loggedOnText(loggedOn);
  const loggedOnBelow = loggedOnLine !== undefined && hasLongRun(loggedOnLine);
  const facts = fitFacts(
    [
      ['Action', info.label + (option === undefined ? '' : ` — ${option}`)],
      ['Device', name, 160],
      ['Device id', machine.id, 100],
      ['Health', machine.healthStatus === undefined ? undefined : enumLabel(plain(machine.healthStatus)), 60],
      ['Risk', machine.riskScore === undefined ? undefined : enumLabel(plain(machine.riskScore)), 60],
      ['Device group', groupText(machine), 80],
      ['Isolated since', isolatedSince === undefined ? undefined : (timeText(isolatedSince, ctx) ?? isolatedSince), 80],
      // Only when the asker already looked it up: no call is made for it, so otherwise it is left unsaid.
      ['Logged on', loggedOnBelow ? undefined : loggedOnLine, 200],
      ['Reason', request.reason ?? 'none yet: type it below', 500],
      ['Requested by', request.requester.name, 80],
      ['Requested', timeText(request.createdAt, ctx)],
      ['Open until', expires === undefined ? undefined : absoluteUtc(expires)],
    ],
    full,
  );
  if (loggedOnBelow) full.push(fullValue('Logged on', loggedOnLine, 200));
  const confirmTitle = fourEyes ? `Approve: ${info.label}` : `Confirm: ${info.label}`;
  const display = `${fourEyes ? 'Approve' : 'Confirm'}: ${info.label} ${plain(machine.computerDnsName ?? shortId(machine.id), 80)}`;
  const subtitle = fourEyes
    ? `Needs a second analyst: someone other than ${md(request.requester.name, 80)} approves, and it is sent as them. Nothing is sent before.`
    : 'Nothing is sent until you confirm. It is sent as you, with your Defender role and device groups.';
  const tried = parseIsoDate(selfApprovalAt);
  const note =
    tried === undefined
      ? ''
      : `Requested by ${md(request.requester.name, 80)}, waiting for a second analyst: ${md(request.requester.name, 80)} cannot approve their own request (tried at ${absoluteUtc(tried)}). Nothing was sent.`;
  return {
    vm: {
      title: `**${md(info.label)} ${md(name)}?**`,
      subtitle,
      consequences: md(info.consequences, 300),
      facts,
      full,
      hasFull: full.length > 0,
      askReason: request.reason === undefined,
      reasonLabel: 'Reason (required; Defender records it with the action)',
      hasNote: note !== '',
      note,
      confirm: submit(confirmTitle, { action: 'confirmAction', id: request.id }, display),
      cancel: submit('Cancel', { action: 'cancelAction', id: request.id }, `Cancel: ${info.label}`),
      portalUrl: portalUrl(machine, ctx),
    },
    summary: `${fourEyes ? 'Approval needed' : 'Confirm'}: ${info.label} ${name}`,
    fallbackText: [
      `${info.label} ${name}? ${info.consequences}`,
      ...(note === '' ? [] : [markdownToPlain(note)]),
      ...facts.map((f) => `${f.title}: ${markdownToPlain(f.value)}`),
      ...(loggedOnBelow ? [`Logged on: ${loggedOnLine}`] : []),
    ].join('\n'),
  };
}

/**
 * "Confirmed by A at 14:02 UTC — sent to Defender as A", or with four-eyes "Requested by A at 13:58 UTC,
 * approved by B at 14:02 UTC — sent to Defender as B": what the card says once its request is decided.
 */
function decisionText(s: ActionStatusView): string {
  const decided = parseIsoDate(s.decidedAt);
  if (decided === undefined || s.requestedBy === undefined) return '';
  const requester = md(s.requestedBy, 80);
  const at = absoluteUtc(decided);
  if (s.approvedBy === undefined) return `Confirmed by ${requester} at ${at} — sent to Defender as ${requester}.`;
  const asked = parseIsoDate(s.requestedAt);
  const approver = md(s.approvedBy, 80);
  return `Requested by ${requester}${asked === undefined ? '' : ` at ${absoluteUtc(asked)}`}, approved by ${approver} at ${at} — sent to Defender as ${approver}.`;
}

function statusColor(status: string): Severity {
  if (status === 'Succeeded') return 'good';
  if (status === 'Failed' || status === 'TimeOut') return 'attention';
  if (status === 'Cancelled') return 'warning';
  return 'default';
}

export function actionStatusView(s: ActionStatusView, ctx: RenderContext): View<ActionStatusVm> {
  const a = s.action;
  const label = s.kind === undefined ? enumLabel(plain(a.type ?? 'Action', 60)) : ACTIONS[s.kind].label;
  const device = s.machineName ?? a.computerDnsName ?? (a.machineId === undefined ? undefined : shortId(a.machineId));
  const status = enumLabel(plain(a.status, 40));
  const notes = [
    s.existing ? `Defender already had this ${label.toLowerCase()} in progress, so nothing new was sent; this is that one.` : undefined,
    s.gaveUp,
  ].filter((n): n is string => n !== undefined);
  const full: FullValueVm[] = [];
  const facts = fitFacts(
    [
      ['Status', status],
      ['Device', device, 160],
      ['Requested by', s.requestedBy, 80],
      ['Approved by', s.approvedBy, 80],
      [s.approvedBy === undefined ? 'Confirmed' : 'Approved', timeText(s.decidedAt, ctx)],
      ['Reason', s.reason, 500],
      ['Recorded for', a.requestor, 120],
      ['Comment', s.reason === undefined ? a.requestorComment : undefined, 500],
      ['Requested', timeText(a.creationDateTimeUtc, ctx)],
      ['Last update', timeText(a.lastUpdateDateTimeUtc, ctx)],
      ['Action id', a.id, 60],
    ],
    full,
  );
  const title = `**${md(label)}${device === undefined ? '' : ` ${md(device, 120)}`}: ${md(status)}**`;
  const decision = decisionText(s);
  const machineId = a.machineId !== undefined && /^[0-9a-f]{40}$/i.test(a.machineId) ? a.machineId : undefined;
  return {
    vm: {
      title,
      color: statusColor(a.status),
      hasDecision: decision !== '',
      decision,
      hasNote: notes.length > 0,
      note: md(notes.join(' '), 600),
      facts,
      full,
      hasFull: full.length > 0,
      refresh: [submit('Refresh status', { action: 'actionStatus', actionId: a.id }, `Status of ${label}`)],
      hasPortal: machineId !== undefined,
      portalUrl: machineId === undefined ? '' : machinePortalUrl(machineId, ctx),
    },
    summary: `${label}${device === undefined ? '' : ` ${plain(device, 120)}`}: ${status}`,
    fallbackText: [
      markdownToPlain(title),
      ...(decision === '' ? [] : [markdownToPlain(decision)]),
      ...notes,
      ...facts.map((f) => `${f.title}: ${markdownToPlain(f.value)}`),
      ...full.map((f) => markdownToPlain(f.text)),
    ].join('\n'),
  };
}

function refusalText(r: ActionRefusal): NoticeVm {
  switch (r.kind) {
    case 'disabled':
      return {
        title: `${ACTIONS[r.action].label} is not enabled`,
        text: `Your admins have not enabled this response action in the bot (RESPONSE_ACTIONS). Nothing was sent. Use the Defender portal, or ask them to turn it on.`,
      };
    case 'notOpen':
      return {
        title: 'Nothing to confirm',
        text: 'This confirmation is no longer open: it was already confirmed or cancelled, or it expired. Nothing was sent. Ask again to start a new one.',
      };
    case 'expired':
      return {
        title:
          r.request === undefined
            ? 'This confirmation expired'
            : `Expired — ask again: ${ACTIONS[r.request.action].label} ${plain(r.request.machineName ?? shortId(r.request.machineId), 120)}`,
        text: `${r.request === undefined ? '' : `Requested by ${md(r.request.requester.name, 80)}. `}Confirmations are open for ${r.minutes} minutes. Nothing was sent. Ask again to start a new one.`,
      };
    case 'tampered':
      return { title: 'Not sent', text: 'That click did not come from a confirmation card as I sent it. Nothing was sent.' };
    case 'otherConversation':
      return { title: 'Not sent', text: 'Confirm in the conversation where the action was requested. Nothing was sent.' };
    case 'notRequester':
      return {
        title: 'Not sent',
        text: `Only ${md(r.requester, 80)}, who asked for it, can confirm or cancel this action. Nothing was sent.`,
      };
    case 'selfApproval':
      return {
        title: 'A second analyst must approve',
        text: 'Your admins require four-eyes approval for response actions: another analyst approves your request, and it is sent as them. Nothing was sent.',
      };
    case 'reasonMissing':
      return {
        title: 'A reason is needed',
        text: 'Defender records a reason with every action: type it in the box on the card, then confirm again. Nothing was sent.',
      };
    case 'reasonInvalid':
      return {
        title: 'That reason cannot be sent',
        text: `${md(r.detail, 200)}. Fix it in the box on the card and confirm again. Nothing was sent.`,
      };
    case 'forbidden':
      return {
        title: 'Defender refused: permission or role missing',
        text: `To ${ACTIONS[r.action].verb} a device you need the Defender role permission **${md(r.role)}** (Defender portal → Settings → Roles), and the bot needs the delegated API permission **${md(r.permission)}** with admin consent. Nothing was done.`,
      };
    case 'notVisible':
      return {
        title: 'Device not found',
        text: `Defender did not find ${md(r.machine, 120)}, or it is outside the device groups your role covers. Nothing was done.`,
      };
    case 'failed':
      // Drawn as the error card (../index.ts); this is its plain-text stand-in.
      return { title: 'Defender did not take the action', text: 'Check its status in the Defender portal before asking again.' };
    case 'statusNotFound':
      return { title: 'No such action', text: `Defender has no action ${md(r.actionId, 60)} that you can see.` };
  }
}

export function actionRefusedView(r: ActionRefusal): View<NoticeVm> {
  const vm = refusalText(r);
  return { vm, summary: vm.title, fallbackText: `${vm.title}\n${markdownToPlain(vm.text)}` };
}

export function actionCancelledView(request: PendingAction, by: string, at?: string): View<NoticeVm> {
  const when = parseIsoDate(at);
  const vm: NoticeVm = {
    title: `Cancelled: ${ACTIONS[request.action].label} ${plain(request.machineName ?? shortId(request.machineId), 120)}`,
    text: `Cancelled by ${md(by, 80)}${when === undefined ? '' : ` at ${absoluteUtc(when)}`}. Nothing was sent to Defender.`,
  };
  return { vm, summary: vm.title, fallbackText: `${vm.title}\n${markdownToPlain(vm.text)}` };
}
