// Pieces of an alert that the list and the details card share: how its severity and status read and
// are coloured, its title, and the buttons that lead to it, its machine and its user. An alert's title,
// description and comments are written by detections and people: they are escaped like host names
// (md/plain cut first, then escape, so a cut never splits an escape).
import { normalizeAlertId } from '../../defender/alert-id';
import { isOpenAlert, type Alert } from '../../defender/alert-model';
import { checkDeviceId } from '../../commands/normalize';
import type { AlertCount } from '../../handlers/known-answers';
import { inert, plain } from '../escape';
import { enumLabel, type Severity } from '../labels';
import { submit, type SubmitVm } from './common';
import { machineDisplay, machineLabel, userDisplay } from './machine-parts';

/** Longest user name a button carries (as on the logon-users card). */
const MAX_ACCOUNT_NAME = 256;

const SEVERITY_LABEL: Record<string, string> = { unspecified: 'Unspecified severity', informational: 'Informational' };

/** "High", "Medium", "Low", "Informational", "Unspecified severity"; an unknown value as sent, in words. Plain text. */
export function severityText(alert: Pick<Alert, 'severity'>): string {
  const value = plain(alert.severity ?? '', 40);
  if (value === '') return 'Severity unknown';
  return SEVERITY_LABEL[value.toLowerCase()] ?? enumLabel(value);
}

/** High needs attention, Medium a warning; the rest is ordinary text. Never the only signal: the word is always shown. */
export function severityColor(alert: Pick<Alert, 'severity'>): Severity {
  const v = (alert.severity ?? '').toLowerCase();
  return v === 'high' ? 'attention' : v === 'medium' ? 'warning' : 'default';
}

/** "New", "In progress", "Resolved", "Status unknown". Plain text. */
export function statusText(alert: Pick<Alert, 'status'>): string {
  const value = plain(alert.status ?? '', 40);
  return value === '' || value.toLowerCase() === 'unknown' ? 'Status unknown' : enumLabel(value);
}

/** The alert's title, one line, plain; its id when it has none. */
export function alertTitle(alert: Pick<Alert, 'title' | 'id'>, max: number): string {
  const title = plain(alert.title ?? '', max);
  return title !== '' ? title : `Alert ${plain(alert.id, 60)}`;
}

export function isResolved(alert: Pick<Alert, 'status'>): boolean {
  return !isOpenAlert(alert);
}

/** "Details" of one alert; none when Defender sent an id that is no alert id (a button could not carry it). */
export function alertButton(alert: Pick<Alert, 'id'>, title = 'Details'): SubmitVm[] {
  const id = normalizeAlertId(alert.id);
  return id === undefined ? [] : [submit(title, { action: 'alert', alertId: id }, `Alert ${id}`)];
}

/** "Machine details" of the alert's machine, when its id passes the check a button's id must pass. */
export function machineDetailsButton(alert: Alert): SubmitVm[] {
  const checked = alert.machineId === undefined ? undefined : checkDeviceId(alert.machineId);
  if (checked === undefined || !checked.ok) return [];
  const m = { id: checked.value, computerDnsName: alert.computerDnsName };
  return [submit('Machine details', { action: 'machineDetails', machineId: m.id, ...machineLabel(m) }, `Details of ${machineDisplay(m)}`)];
}

/** The related user's machines; the user name is Defender's (`relatedUser.userName`), so it is not re-typed by anyone. */
export function relatedUserButton(alert: Alert): SubmitVm[] {
  const user = alert.relatedUser?.userName;
  if (user === undefined || plain(user) === '' || user.length > MAX_ACCOUNT_NAME) return [];
  const display = userDisplay(user);
  return [submit(`Machines for ${plain(inert(user, 'the user'), 24)}`, { action: 'machinesForUser', user }, `Machines for ${display}`)];
}

/**
 * A button's title with the count the asker already knows: "Alerts (2 open)" — the open ones are what
 * needs acting on (the list shows the resolved ones too); "Alerts (0)" when the list was empty. Short
 * enough to keep a machine row's buttons on one line beside its marker at 328 px.
 */
export function countedTitle(title: string, count: AlertCount | undefined): string {
  if (count === undefined) return title;
  const n = (k: number): string => (k > 99 ? '99+' : String(k));
  return count.total === 0 ? `${title} (0)` : `${title} (${n(count.open)} open)`;
}

/** "Alerts" on a machine card; the machine is known by id. With `count`, what the asker already knows of them. */
export function machineAlertsButton(m: { id: string; computerDnsName?: string | undefined }, count?: AlertCount): SubmitVm {
  return submit(
    countedTitle('Alerts', count),
    { action: 'machineAlerts', machineId: m.id, ...machineLabel(m) },
    `Alerts on ${machineDisplay(m)}`,
  );
}

/**
 * "User's alerts" on a user's card; none for a name longer than any account name (it could not be looked
 * up). Not "Alerts for this user": the short title shares a line with "Next (2 of 3) ▶" at 328 px, which
 * keeps a page of machines within 1,480 px; the card's title names the user.
 */
export function userAlertsButton(userName: string, count?: AlertCount): SubmitVm[] {
  if (plain(userName) === '' || userName.length > MAX_ACCOUNT_NAME) return [];
  return [submit(countedTitle("User's alerts", count), { action: 'userAlerts', user: userName }, `Alerts for ${userDisplay(userName)}`)];
}
