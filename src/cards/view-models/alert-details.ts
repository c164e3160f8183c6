// "alert <id>": one alert. Severity, status and the verdict (classification, determination) as coloured
// lines; then the facts (detection source, first and last event, machine, related user, logged-on
// users, MITRE techniques, assigned to, incident), the description shortened with the whole of it one
// tap away ("Full description"), the latest comments, and buttons to the machine's details, the
// related user's machines and the alert and incident in the Defender portal. Built like the machine
// details card so that nothing clips on a 328 px phone (./long-values.ts).
import type { Alert } from '../../defender/alert-model';
import { alertPortalUrl, incidentPortalUrl } from '../alert-links';
import { markdownToPlain, md, oneLine, plain, truncate } from '../escape';
import { joinDefined, when } from '../format';
import { enumLabel, type Severity } from '../labels';
import type { RenderContext } from '../types';
import { alertTitle, machineDetailsButton, relatedUserButton, severityColor, severityText, statusText } from './alert-parts';
import { refreshButton, type FactVm, type OpenUrlVm, type SubmitVm, type View } from './common';
import { whoseAccess } from './list-parts';
import { fitFacts, fullValue, type FullValueVm } from './long-values';

/** The description shown at once: about six phone lines. The rest is behind "Full description". */
export const SHORT_DESCRIPTION = 280;
/** The most of a description the card carries at all (the portal has the rest). */
export const MAX_DESCRIPTION = 4000;
/** Paragraphs of the full description shown at most (each is one TextBlock). */
const MAX_PARAGRAPHS = 20;
const MAX_COMMENTS = 3;
const MAX_COMMENT = 300;
const MAX_LIST = 10;

export interface LineVm {
  text: string;
  color: Severity;
}

export interface AlertDetailsVm {
  title: string;
  subtitle: string;
  status: LineVm[];
  hasFacts: boolean;
  facts: FactVm[];
  hasDescription: boolean;
  /** Markdown, one paragraph, shortened with "…" when there is more. */
  description: string;
  /** The whole description (up to MAX_DESCRIPTION), one markdown TextBlock per paragraph, behind a button. */
  hasMore: boolean;
  fullDescription: { text: string }[];
  hasComments: boolean;
  comments: { text: string }[];
  full: FullValueVm[];
  actions: SubmitVm[];
  links: OpenUrlVm[];
}

const CLASSIFICATION: Record<string, string> = {
  truepositive: 'True positive',
  falsepositive: 'False positive',
  informationalexpectedactivity: 'Informational, expected activity',
};

/** Detection sources as the Defender portal names them; others in words ("SomeNewSource" → "Some new source"). */
const DETECTION_SOURCE: Record<string, string> = {
  windowsdefenderav: 'Antivirus',
  windowsdefenderatp: 'EDR',
  windowsdefendersmartscreen: 'SmartScreen',
  customerti: 'Custom TI',
  customdetection: 'Custom detection',
  automatedinvestigation: 'Automated investigation',
};

function detectionSource(value: string | undefined): string | undefined {
  return value === undefined ? undefined : (DETECTION_SOURCE[plain(value).toLowerCase()] ?? label(value));
}

function label(value: string | undefined): string | undefined {
  return value === undefined || plain(value) === '' ? undefined : enumLabel(value);
}

/** "True positive: Malware", "Not classified yet". */
function verdict(alert: Alert): LineVm {
  const c =
    alert.classification === undefined
      ? undefined
      : (CLASSIFICATION[plain(alert.classification).toLowerCase()] ?? label(alert.classification));
  const d = label(alert.determination);
  if (c === undefined && d === undefined) return { text: '**Classification:** not classified yet', color: 'default' };
  const color: Severity = /^true/i.test(c ?? '') ? 'attention' : 'default';
  return { text: `**Classification:** ${md(joinDefined([c, d], ': ') ?? '', 100)}`, color };
}

/** Paragraphs of the description, each one line, at most MAX_DESCRIPTION characters in all. */
function paragraphs(description: string): string[] {
  const cut = truncate(description, MAX_DESCRIPTION);
  return cut
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => oneLine(p, MAX_DESCRIPTION))
    .filter((p) => p !== '')
    .slice(0, MAX_PARAGRAPHS);
}

function userText(name: string | undefined, domain: string | undefined): string | undefined {
  const n = plain(name ?? '');
  if (n === '') return undefined;
  const d = plain(domain ?? '');
  return d === '' ? n : `${d}\\${n}`;
}

function listText(items: readonly (string | undefined)[]): string | undefined {
  const kept = items.filter((i): i is string => i !== undefined && i !== '');
  if (kept.length === 0) return undefined;
  const more = kept.length - MAX_LIST;
  return kept.slice(0, MAX_LIST).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

function comment(c: Alert['comments'][number], now: Date): { text: string } {
  const who = plain(c.createdBy ?? '', 80) || 'someone';
  const at = when(c.createdTime, now);
  return { text: `**${md(who, 80)}**${at === undefined ? '' : ` (${md(at)})`}: ${md(c.comment, MAX_COMMENT)}` };
}

export function alertDetailsView(alert: Alert, ctx: RenderContext): View<AlertDetailsVm> {
  const title = alertTitle(alert, 300);
  const status: LineVm[] = [
    { text: `**Severity:** ${md(severityText(alert))}`, color: severityColor(alert) },
    { text: `**Status:** ${md(statusText(alert))}`, color: 'default' },
    verdict(alert),
  ];
  const full: FullValueVm[] = [fullValue('Alert id', alert.id, 120)];
  const machine = alert.computerDnsName ?? alert.machineId;
  const related = alert.relatedUser === undefined ? undefined : userText(alert.relatedUser.userName, alert.relatedUser.domainName);
  const rows = fitFacts(
    [
      ['Category', label(alert.category), 60],
      ['Detection source', detectionSource(alert.detectionSource), 60],
      ['First event', when(alert.firstEventTime, ctx.now)],
      ['Last event', when(alert.lastEventTime, ctx.now)],
      ['Raised', when(alert.alertCreationTime, ctx.now)],
      ['Resolved', when(alert.resolvedTime, ctx.now)],
      ['Machine', machine, 120],
      ['Device group', alert.rbacGroupName, 80],
      ['Related user', related, 120],
      ['Logged-on users', listText(alert.loggedOnUsers.map((u) => userText(u.accountName, u.domainName))), 600],
      ['MITRE techniques', listText(alert.mitreTechniques.map((t) => plain(t, 20))), 300],
      [
        'Threat',
        joinDefined([alert.threatName, alert.threatFamilyName === alert.threatName ? undefined : alert.threatFamilyName], ' · '),
        120,
      ],
      ['Assigned to', alert.assignedTo, 120],
      ['Incident', alert.incidentId, 30],
      ['Investigation', label(alert.investigationState), 60],
    ],
    full,
  );
  if (alert.machineId !== undefined && plain(alert.machineId) !== '') full.push(fullValue('Device id', alert.machineId, 120));
  const parts = alert.description === undefined ? [] : paragraphs(alert.description);
  const whole = parts.join(' ');
  const short = truncate(whole, SHORT_DESCRIPTION);
  const hasMore = short !== whole || parts.length > 1;
  const comments = alert.comments
    .filter((c) => plain(c.comment) !== '')
    .slice(-MAX_COMMENTS)
    .map((c) => comment(c, ctx.now));
  const alertUrl = alertPortalUrl(alert.id, ctx);
  const incidentUrl = alert.incidentId === undefined ? undefined : incidentPortalUrl(alert.incidentId, ctx);
  const links: OpenUrlVm[] = [
    ...(alertUrl === undefined ? [] : [{ title: 'Open in Defender', url: alertUrl }]),
    ...(incidentUrl === undefined ? [] : [{ title: `Incident ${plain(alert.incidentId ?? '', 20)}`, url: incidentUrl }]),
  ];
  const plainStatus = status.map((s) => markdownToPlain(s.text));
  const summary = `${severityText(alert)} alert, ${statusText(alert)}: ${title}`;
  return {
    vm: {
      title: `**${md(title, 300)}**`,
      subtitle: `Alert details — as ${whoseAccess(ctx)} Defender access shows it`,
      status,
      hasFacts: rows.length > 0,
      facts: rows,
      hasDescription: whole !== '',
      // Cut before escaping (md), so the cut never splits an escape.
      description: md(short, SHORT_DESCRIPTION),
      hasMore,
      fullDescription: parts.map((p) => ({ text: md(p, MAX_DESCRIPTION) })),
      hasComments: comments.length > 0,
      comments,
      full,
      actions: [...machineDetailsButton(alert), ...relatedUserButton(alert)],
      links,
    },
    summary,
    fallbackText: [
      summary,
      ...plainStatus,
      ...rows.map((r) => `${r.title}: ${markdownToPlain(r.value)}`),
      ...(whole === '' ? [] : [short]),
      ...full.map((f) => markdownToPlain(f.text)),
    ].join('\n'),
    refresh: refreshButton({ action: 'alert', alertId: alert.id }, `Alert ${plain(alert.id)}`),
  };
}
