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
 * The title of an alerts button once the asker's count is known: "⚠ 3" (three open alerts), after
 * `word` when given ("Alerts ⚠ 3", "User's ⚠ 3"). Open alerts (New, In progress) are what needs acting
 * on; the list shows the resolved ones too. This narrow because a machine row's "seen 14 min ago" and
 * its two buttons fill 296 px with nothing to spare: "Alerts (3)" there wrapped that line and made the
 * heavy page of ten (1,443 px) 1,643 px tall, "Alerts 3" 1,507; "⚠ 99+" is narrower than "Alerts".
 */
export function countedTitle(title: string, count: AlertCount | undefined, word = title): string {
  if (count === undefined) return title;
  const n = count.open > 99 ? '99+' : String(count.open);
  return word === '' ? `⚠ ${n}` : `${word} ⚠ ${n}`;
}

/**
 * "Alerts" on a machine card; the machine is known by id. With `count` (the asker already looked them
 * up) "Alerts ⚠ 3", or on a list row (`compact`) "⚠ 3".
 */
export function machineAlertsButton(
  m: { id: string; computerDnsName?: string | undefined },
  count?: AlertCount,
  compact = false,
): SubmitVm {
  return submit(
    countedTitle('Alerts', count, compact ? '' : 'Alerts'),
    { action: 'machineAlerts', machineId: m.id, ...machineLabel(m) },
    `Alerts on ${machineDisplay(m)}`,
  );
}

/**
 * "User's alerts" on a user's card; none for a name longer than any account name (it could not be looked
 * up). Not "Alerts for this user": the short title shares a line with "Next (2 of 3) ▶" at 328 px, which
 * keeps a page of machines within 1,480 px; the card's title names the user. With a known count
 * "User's ⚠ 3": "User's alerts ⚠ 3" no longer fits beside Next and took a line of its own (+40 px).
 */
export function userAlertsButton(userName: string, count?: AlertCount): SubmitVm[] {
  if (plain(userName) === '' || userName.length > MAX_ACCOUNT_NAME) return [];
  return [
    submit(countedTitle("User's alerts", count, "User's"), { action: 'userAlerts', user: userName }, `Alerts for ${userDisplay(userName)}`),
  ];
}
