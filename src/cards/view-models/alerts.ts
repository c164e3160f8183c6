// "alerts on <machine>" / "alerts for <user>": one page of alerts in the handler's order (open first,
// then the most recent activity). An open alert's row: its severity (coloured, and in words) and
// status and one Details button, its title (a link to the alert in the Defender portal), then
// category · last activity (relative and UTC) · machine (on a user's list) · incident (a portal link).
// A resolved alert is collapsed to one line beside its button, and the header counts them
// ("3 open, +4 resolved"), so the open ones are what a phone shows first.
import type { Alert } from '../../defender/alert-model';
import { lastActivityMs } from '../../defender/alert-order';
import type { AlertListSubject, ListPage } from '../../handlers/outcome';
import { alertPortalUrl, incidentPortalUrl } from '../alert-links';
import { md, plain } from '../escape';
import { absoluteUtc, count, joinDefined, relativeTime } from '../format';
import { enumLabel, type Severity } from '../labels';
import { machinePortalUrl } from '../links';
import type { RenderContext } from '../types';
import { alertButton, alertTitle, isResolved, severityColor, severityText, statusText } from './alert-parts';
import { submit, type OpenUrlVm, type SubmitVm, type View } from './common';
import { listRefreshButton, pagerButtons, pageLine, whoseAccess } from './list-parts';
import { machineDisplay, machineLabel, machineName, userDisplay } from './machine-parts';

/** What the list says about its order; keep in step with ../../defender/alert-order.ts. */
export const ALERTS_ORDER = 'open first, then most recent activity';

/** The most of each value a row shows; the details card shows more. */
export const ALERT_ROW_MAX = { title: 64, category: 30, machine: 30, subject: 90 } as const;

export interface AlertRowVm {
  /** Markdown: "● High · New" (open) or "✓ Resolved · Low" (resolved). */
  marker: string;
  markerColor: Severity;
  /** Markdown: the title, bold and linked to the alert in the Defender portal for open alerts. */
  title: string;
  /** Open alerts only: category · last activity · machine · incident, with portal links. */
  hasMeta: boolean;
  meta: string;
  hasButtons: boolean;
  /** Zero or one "Details" button. */
  buttons: SubmitVm[];
}

export interface AlertsVm {
  title: string;
  subtitle: string;
  empty: boolean;
  emptyText: string;
  alerts: AlertRowVm[];
  /** Card-level: Previous/Next, then the machine's details or the user's machines. */
  actions: SubmitVm[];
  links: OpenUrlVm[];
}

/** "3 h ago (09:12 UTC)", "3 d ago (11-20 09:12 UTC)" for the alert's most recent activity: relative, and the UTC time to match with other tools. */
export function lastActivityText(alert: Alert, now: Date): string | undefined {
  const ms = lastActivityMs(alert);
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  // Short for a phone row: the time alone within the last day, the month and day before that (the
  // relative time says how old it is); the details card has the full dates.
  const utc = absoluteUtc(date);
  return `${relativeTime(date, now)} (${now.getTime() - ms < 24 * 3_600_000 && ms <= now.getTime() ? utc.slice(11) : utc.slice(5)})`;
}

/** Markdown link to a URL we built from checked ids; the text is ours. */
function link(text: string, url: string | undefined): string | undefined {
  return url === undefined ? undefined : `[${text}](${url})`;
}

function alertRow(alert: Alert, subject: AlertListSubject, ctx: RenderContext): AlertRowVm {
  const buttons = alertButton(alert);
  const title = md(alertTitle(alert, ALERT_ROW_MAX.title));
  if (isResolved(alert)) {
    return {
      marker: `✓ Resolved · ${md(severityText(alert))}`,
      markerColor: 'default',
      title,
      hasMeta: false,
      meta: '',
      hasButtons: buttons.length > 0,
      buttons,
    };
  }
  const machine =
    subject.kind === 'userAlerts' && alert.computerDnsName !== undefined && plain(alert.computerDnsName) !== ''
      ? `on ${md(alert.computerDnsName, ALERT_ROW_MAX.machine)}`
      : undefined;
  const incident = alert.incidentId === undefined ? undefined : incidentPortalUrl(alert.incidentId, ctx);
  const meta = joinDefined(
    [
      alert.category === undefined || plain(alert.category) === '' ? undefined : md(enumLabel(alert.category), ALERT_ROW_MAX.category),
      lastActivityText(alert, ctx.now),
      machine,
      incident === undefined ? undefined : link(`incident ${plain(alert.incidentId ?? '')}`, incident),
    ],
    ' · ',
  );
  // The title opens the alert in the Defender portal (a link costs no row space; a second button would).
  const url = alertPortalUrl(alert.id, ctx);
  return {
    marker: `● ${md(severityText(alert))} · ${md(statusText(alert))}`,
    markerColor: severityColor(alert),
    title: `**${url === undefined ? title : link(title, url)}**`,
    hasMeta: meta !== undefined,
    meta: meta ?? '',
    hasButtons: buttons.length > 0,
    buttons,
  };
}

function subjectName(subject: AlertListSubject): string {
  return subject.kind === 'machineAlerts' ? machineName(subject.machine) : plain(subject.userName);
}

function fallbackLine(alert: Alert, now: Date): string {
  const parts = [severityText(alert), statusText(alert), alertTitle(alert, ALERT_ROW_MAX.title), lastActivityText(alert, now)];
  const incident = alert.incidentId === undefined ? undefined : `incident ${plain(alert.incidentId)}`;
  return `- ${joinDefined([...parts, incident], ' · ') ?? ''}`;
}

/** `page` is what the handler cut (ordered); `open` and `resolved` count the whole list. */
export function alertsView(
  subject: AlertListSubject,
  page: ListPage<Alert>,
  open: number,
  resolved: number,
  ctx: RenderContext,
): View<AlertsVm> {
  const name = subjectName(subject);
  const where = subject.kind === 'machineAlerts' ? 'on' : 'for';
  const empty = page.total === 0;
  const counts = `${open} open${resolved > 0 ? `, +${resolved} resolved` : ''}`;
  const summary = empty
    ? `No alerts ${where} ${name}`
    : `${count(page.total, 'alert')} ${where} ${name}: ${counts}${page.pages > 1 ? ` (page ${page.number} of ${page.pages})` : ''}`;
  const next =
    subject.kind === 'machineAlerts'
      ? submit(
          'Machine details',
          { action: 'machineDetails', machineId: subject.machine.id, ...machineLabel(subject.machine) },
          `Details of ${machineDisplay(subject.machine)}`,
        )
      : submit('Machines', { action: 'machinesForUser', user: subject.userName }, `Machines for ${userDisplay(subject.userName)}`);
  const links = subject.kind === 'machineAlerts' ? [{ title: 'Open in Defender', url: machinePortalUrl(subject.machine.id, ctx) }] : [];
  const heading = `**${md(name, ALERT_ROW_MAX.subject)}**`;
  return {
    vm: {
      title: `${empty ? 'No alerts' : count(page.total, 'alert')} ${where} ${heading} — as ${whoseAccess(ctx)} Defender access shows them`,
      subtitle: !empty
        ? `${counts} · ${pageLine(page, ALERTS_ORDER)}`
        : subject.kind === 'machineAlerts'
          ? `Device id ${md(subject.machine.id)}`
          : 'Alerts that name this user as the related user',
      empty,
      emptyText:
        subject.kind === 'machineAlerts'
          ? 'Defender has no alerts on this machine that your access shows.'
          : 'Defender returned no alerts about this user. Either there are none, the user name is unknown, or their alerts are on machines your Defender access doesn’t cover — Defender can’t tell these apart.',
      alerts: page.items.map((a) => alertRow(a, subject, ctx)),
      actions: [...pagerButtons(subject, page), next],
      links,
    },
    summary,
    fallbackText: [summary, ...page.items.map((a) => fallbackLine(a, ctx.now))].join('\n'),
    refresh: listRefreshButton(subject, page.number),
  };
}
