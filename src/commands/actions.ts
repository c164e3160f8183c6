// Card buttons → Command, and back. A button's value is whatever the client posts, so it is
// validated with the same checks as typed text (./normalize.ts) and never trusted for its shape.
import { commandDefinition } from './definitions';
import { forDisplay, MAX_ECHOED_ARGUMENT, MAX_ECHOED_TEXT } from './display';
import { describeType, ownField } from './fields';
import { acceptableLabel, checkDeviceId, isValidPage, normalizeUserName, PAGE_RULE } from './normalize';
import { parseCommand } from './parse';
import { isGuid } from '../shared/ids';
import { alertCommand } from './alert-arguments';
import type { ActionValue, AlertSubject, ClickFlags, Command, CommandName, MachineRef } from './types';

/** Longest text a "run" button may carry: suggestions are short commands, not essays. */
export const MAX_RUN_TEXT = 500;

export function parseAction(value: unknown): Command {
  const action = ownField(value, 'action');
  switch (action) {
    case 'machinesForUser':
      return userAction(value);
    case 'logonUsers':
    case 'machineDetails':
      return machineAction(action, value);
    case 'machineAlerts':
      return machineAlertsAction(value);
    case 'userAlerts':
      return userAlertsAction(value);
    case 'alert':
      return alertAction(value);
    case 'help':
      return { kind: 'help' };
    case 'run':
      return runAction(value);
    case 'confirmAction':
      return confirmAction(value);
    case 'cancelAction':
      return { kind: 'cancelAction', pendingId: pendingIdOf(value) };
    case 'actionStatus': {
      const id = ownField(value, 'actionId');
      return typeof id === 'string' && isGuid(id)
        ? { kind: 'actionStatus', actionId: id.toLowerCase() }
        : invalid('actionStatus', 'action id', forDisplay(describeType(id), MAX_ECHOED_ARGUMENT), 'the button did not carry an action id');
    }
    default:
      return unknownButton(typeof action === 'string' ? action : '');
  }
}

function userAction(value: unknown): Command {
  const user = ownField(value, 'user');
  if (typeof user !== 'string') return invalid('machinesForUser', 'user', describeType(user), 'the button did not say which user');
  const name = normalizeUserName(user);
  if (!name.ok) return invalid('machinesForUser', 'user', forDisplay(user, MAX_ECHOED_ARGUMENT), name.reason);
  const page = pageOf(value);
  if (!page.ok) return invalid('machinesForUser', 'page', page.input, PAGE_RULE);
  return { kind: 'machinesForUser', user: { kind: 'userName', name: name.value }, page: page.value };
}

function machineAction(action: 'logonUsers' | 'machineDetails', value: unknown): Command {
  const machineId = ownField(value, 'machineId');
  if (typeof machineId !== 'string') return invalid(action, 'machine', describeType(machineId), 'the button did not say which machine');
  const id = checkDeviceId(machineId);
  if (!id.ok) return invalid(action, 'machine', forDisplay(machineId, MAX_ECHOED_ARGUMENT), id.reason);
  const label = acceptableLabel(ownField(value, 'label'));
  const machine: MachineRef = label === undefined ? { kind: 'deviceId', id: id.value } : { kind: 'deviceId', id: id.value, label };
  // Details have one page; a stray page field on such a button is ignored like any extra field.
  if (action === 'machineDetails') return { kind: 'machineDetails', machine };
  const page = pageOf(value);
  if (!page.ok) return invalid(action, 'page', page.input, PAGE_RULE);
  return { kind: 'logonUsers', machine, page: page.value };
}

function machineAlertsAction(value: unknown): Command {
  const machineId = ownField(value, 'machineId');
  if (typeof machineId !== 'string') return invalid('alerts', 'machine', describeType(machineId), 'the button did not say which machine');
  const id = checkDeviceId(machineId);
  if (!id.ok) return invalid('alerts', 'machine', forDisplay(machineId, MAX_ECHOED_ARGUMENT), id.reason);
  const label = acceptableLabel(ownField(value, 'label'));
  const machine: MachineRef = label === undefined ? { kind: 'deviceId', id: id.value } : { kind: 'deviceId', id: id.value, label };
  const page = pageOf(value);
  if (!page.ok) return invalid('alerts', 'page', page.input, PAGE_RULE);
  return { kind: 'alerts', about: { kind: 'machine', machine }, page: page.value };
}

function userAlertsAction(value: unknown): Command {
  const user = ownField(value, 'user');
  if (typeof user !== 'string') return invalid('alerts', 'user', describeType(user), 'the button did not say which user');
  const name = normalizeUserName(user);
  if (!name.ok) return invalid('alerts', 'user', forDisplay(user, MAX_ECHOED_ARGUMENT), name.reason);
  const page = pageOf(value);
  if (!page.ok) return invalid('alerts', 'page', page.input, PAGE_RULE);
  return { kind: 'alerts', about: { kind: 'user', user: { kind: 'userName', name: name.value } }, page: page.value };
}

function alertAction(value: unknown): Command {
  const alertId = ownField(value, 'alertId');
  if (typeof alertId !== 'string') return invalid('alert', 'alert id', describeType(alertId), 'the button did not say which alert');
  return alertCommand([alertId], forDisplay(alertId, MAX_ECHOED_ARGUMENT));
}

/** Keys a confirmation card's Confirm button can carry: its own, plus the reason input Teams merges in. */
const CONFIRM_KEYS: ReadonlySet<string> = new Set(['action', 'id', 'reason']);

/**
 * The id is opaque: whatever was sent (cut short) goes to the store, which knows only real ones. Any
 * other field means the payload was edited (a card of ours never sends one): refused by the handler.
 */
function confirmAction(value: unknown): Command {
  const reason = ownField(value, 'reason');
  const tampered =
    typeof value !== 'object' ||
    value === null ||
    Object.keys(value).some((k) => !CONFIRM_KEYS.has(k)) ||
    (reason !== undefined && typeof reason !== 'string');
  const typed = typeof reason === 'string' && reason.trim() !== '' ? { reason } : {};
  return { kind: 'confirmAction', pendingId: pendingIdOf(value), tampered, ...typed };
}

function pendingIdOf(value: unknown): string {
  const id = ownField(value, 'id');
  return typeof id === 'string' ? id.slice(0, 100) : '';
}

function runAction(value: unknown): Command {
  const text = ownField(value, 'text');
  if (typeof text !== 'string' || text.length > MAX_RUN_TEXT) return unknownButton(typeof text === 'string' ? text : '');
  return parseCommand({ text });
}

/** A click's delivery flags (types.ts ClickFlags), whatever its action; anything unexpected counts as absent. */
export function clickFlagsOf(value: unknown): ClickFlags {
  const by = ownField(value, 'by');
  return {
    ...(ownField(value, 'inPlace') === true ? { inPlace: true } : {}),
    ...(ownField(value, 'refresh') === true ? { refresh: true } : {}),
    ...(typeof by === 'string' && /^[0-9a-f]{1,16}$/.test(by) ? { by } : {}),
  };
}

/** An absent page is page 1; anything but an integer 1..1000 is refused, echoing what was sent. */
function pageOf(value: unknown): { ok: true; value: number } | { ok: false; input: string } {
  const page = ownField(value, 'page');
  if (page === undefined) return { ok: true, value: 1 };
  return isValidPage(page) ? { ok: true, value: page } : { ok: false, input: describeType(page) };
}

function unknownButton(text: string): Command {
  return { kind: 'unknown', text: forDisplay(text, MAX_ECHOED_TEXT), suggestions: [] };
}

function invalid(command: CommandName, part: string, input: string, reason: string): Command {
  return { kind: 'invalid', command, part, input, reason };
}

/**
 * The button value that reproduces `cmd`, or undefined when no button can (invalid and unknown
 * commands, and @mentions, whose entity a button cannot carry). Host names and IPs have no id yet,
 * so their buttons re-run the canonical text.
 */
export function actionValueFor(cmd: Command): ActionValue | undefined {
  switch (cmd.kind) {
    case 'machinesForUser':
      return cmd.user.kind === 'userName' ? { action: 'machinesForUser', user: cmd.user.name, ...pageField(cmd.page) } : undefined;
    case 'logonUsers':
      return cmd.machine.kind === 'deviceId'
        ? { action: 'logonUsers', machineId: cmd.machine.id, ...labelField(cmd.machine.label), ...pageField(cmd.page) }
        : { action: 'run', text: `${canonicalVerb('logonUsers')} ${machineText(cmd.machine)}${cmd.page > 1 ? ` page ${cmd.page}` : ''}` };
    case 'machineDetails':
      return cmd.machine.kind === 'deviceId'
        ? { action: 'machineDetails', machineId: cmd.machine.id, ...labelField(cmd.machine.label) }
        : { action: 'run', text: `${canonicalVerb('machineDetails')} ${machineText(cmd.machine)}` };
    case 'alerts':
      return alertsValue(cmd.about, cmd.page);
    case 'alert':
      return { action: 'alert', alertId: cmd.alertId };
    case 'help':
      return { action: 'help' };
    case 'signOut':
      return { action: 'run', text: 'sign out' };
    case 'about':
      return { action: 'run', text: 'about' };
    case 'feedback':
      return undefined;
    case 'actionStatus':
      return { action: 'actionStatus', actionId: cmd.actionId };
    // Confirm and Cancel buttons are made by the confirmation card only; a request is typed again.
    case 'responseAction':
    case 'confirmAction':
    case 'cancelAction':
    case 'invalid':
    case 'unknown':
      return undefined;
  }
}

function alertsValue(about: AlertSubject, page: number): ActionValue | undefined {
  if (about.kind === 'user') {
    return about.user.kind === 'userName' ? { action: 'userAlerts', user: about.user.name, ...pageField(page) } : undefined;
  }
  const m = about.machine;
  return m.kind === 'deviceId'
    ? { action: 'machineAlerts', machineId: m.id, ...labelField(m.label), ...pageField(page) }
    : { action: 'run', text: `alerts on ${machineText(m)}${page > 1 ? ` page ${page}` : ''}` };
}

// Page 1 is the default, so it is left out and the button value stays minimal.
function pageField(page: number): { page?: number } {
  return page > 1 ? { page } : {};
}

function labelField(label: string | undefined): { label?: string } {
  return label === undefined ? {} : { label };
}

function canonicalVerb(name: CommandName): string {
  return commandDefinition(name).verbs[0] ?? commandDefinition(name).title;
}

function machineText(machine: Exclude<MachineRef, { kind: 'deviceId' }>): string {
  return machine.kind === 'hostName' ? machine.host : machine.ip;
}
