// "machines for <user>": one page of the user's machines, in the order the handler sorted them
// (highest risk first, then most recently seen). A compact row per machine: its name; the risk marker
// and "seen …" beside two buttons, Details and Alerts; health and record flags (coloured like the
// marker) and OS · last IP under them. Logons and portal links are on the details card.
//
// Why this shape: the two small lines beside the buttons are as tall as a button (32 px), so the
// buttons cost no height; the longest lines (flags, OS · IP) get the full width. With the buttons
// beside the whole text instead, the text column narrowed so far that the heavy page (80-character
// FQDNs) grew to 1,715 px at 328 px, past the 1,480 px a page may take; this layout keeps it at 1,443.
// The Alerts button shows a count ("⚠ 3": open alerts) only when the asker already looked that machine's
// alerts up (their answer cache, ../../handlers/known-answers.ts): a machine record does not say how
// many alerts it has, and asking would cost a call per row.
//
// Why buttons and not a tap on the row (`selectAction`): Teams mobile is documented to handle only the
// 1.2 element set reliably, and selectAction is not among what is known to work there (taps on it
// have been reported lost on iOS); a visible button works on every client and says what it does.
import { normalizeUserName } from '../../commands/normalize';
import type { Machine } from '../../defender/model';
import type { AlertCount, KnownAlertCounts } from '../../handlers/known-answers';
import type { ListPage } from '../../handlers/outcome';
import { MACHINES_ORDER } from '../../handlers/list-order';
import { inert, markdownToPlain, md, plain } from '../escape';
import { count, joinDefined, parseIsoDate, relativeTime } from '../format';
import type { Severity } from '../labels';
import type { RenderContext } from '../types';
import type { SubmitVm, View } from './common';
import { machineAlertsButton, userAlertsButton } from './alert-parts';
import { listRefreshButton, pagerButtons, pageLine, whoseAccess } from './list-parts';
import { detailsButton, machineName, osText, statusMarker, statusParts } from './machine-parts';

/** "Seen in the last day" is what makes a machine recent enough to be set in bold on its row. */
const RECENT_MS = 24 * 3_600_000;
/**
 * The most of each value a row shows, so that ten rows stay within two phone screens whatever the API
 * sends (an 80-character FQDN fits whole; the details card shows everything in full).
 */
export const ROW_MAX = { name: 90, os: 40, ip: 45, user: 64 } as const;

export interface MachineRowVm {
  /** Markdown: the host name in bold. */
  name: string;
  /** Markdown: "● High risk", beside the buttons. */
  marker: string;
  markerColor: Severity;
  /** Markdown: "Impaired communication · Possible duplicate", coloured like the marker, under it at full width. */
  flags: string;
  hasFlags: boolean;
  /** Markdown: "**seen 5 min ago**", beside the buttons (empty, and hidden, without a valid lastSeen). */
  seen: string;
  hasSeen: boolean;
  /** Markdown: "Windows 11 22H2 · 10.0.0.1", under them. */
  meta: string;
  /** Details, then Alerts. */
  buttons: SubmitVm[];
}

export interface MachinesVm {
  title: string;
  subtitle: string;
  machines: MachineRowVm[];
  /** Card-level buttons: Previous/Next, the user's alerts. */
  actions: SubmitVm[];
}

/** "seen 3 h ago", bold when within the last day; undefined without a valid lastSeen. */
function seenText(lastSeen: string | undefined, now: Date): string | undefined {
  const date = parseIsoDate(lastSeen);
  if (date === undefined) return undefined;
  const text = `seen ${relativeTime(date, now)}`;
  return now.getTime() - date.getTime() < RECENT_MS ? `**${text}**` : text;
}

export function machineRow(m: Machine, ctx: RenderContext, alertCount?: AlertCount): MachineRowVm {
  const marker = statusParts(m);
  const os = osText(m);
  const seen = seenText(m.lastSeen, ctx.now);
  return {
    name: `**${md(machineName(m), ROW_MAX.name)}**`,
    marker: marker.risk,
    markerColor: marker.color,
    flags: marker.flags,
    hasFlags: marker.flags !== '',
    seen: seen ?? '',
    hasSeen: seen !== undefined,
    meta:
      joinDefined([os && md(os, ROW_MAX.os), m.lastIpAddress && md(m.lastIpAddress, ROW_MAX.ip)], ' · ') ??
      (seen === undefined ? 'No OS, last-seen or IP data' : 'No OS or IP data'),
    buttons: [detailsButton(buttonTarget(m)), machineAlertsButton(buttonTarget(m), alertCount, true)],
  };
}

/**
 * The machine as the row's buttons name it: with its host name (the buttons' label) only when the name
 * is plain text, the rule their displayText already follows. A hostile 160-character name on two
 * buttons per row would take a page of ten past 28 KB; and without a label nothing is lost: the details
 * card names the machine from Defender's record, the alerts card from the alerts (else its short id).
 */
function buttonTarget(m: Machine): { id: string; computerDnsName?: string } {
  const name = m.computerDnsName;
  return name !== undefined && inert(name, '') !== '' ? { id: m.id, computerDnsName: name } : { id: m.id };
}

/** `page` is what the handler cut (sorted, non-empty); an empty list is the userNotFound card, not this one. */
export function machinesView(
  userName: string,
  page: ListPage<Machine>,
  ctx: RenderContext,
  known: KnownAlertCounts = { machines: new Map() },
): View<MachinesVm> {
  const user = plain(userName);
  const actions = [...pagerButtons({ kind: 'machines', userName }, page), ...userAlertsButton(userName, known.user)];
  const summary = `${count(page.total, 'machine')} for ${user}${page.pages > 1 ? ` (page ${page.number} of ${page.pages})` : ''}`;
  const rows = page.items.map((m) => machineRow(m, ctx, known.machines.get(m.id)));
  // "- pc1.contoso.com: High risk · seen 5 min ago · Windows 11 22H2 · 10.0.0.1" (the marker without its "● ").
  const lines = page.items.map((m, i) => {
    const row = rows[i];
    const seen = row?.hasSeen === true ? ` · ${row.seen}` : '';
    return `- ${machineName(m)}: ${markdownToPlain(`${statusMarker(m).text.slice(2)}${seen} · ${row?.meta ?? ''}`)}`;
  });
  return {
    vm: {
      title: `${count(page.total, 'machine')} for **${md(userName, ROW_MAX.user)}** — as ${whoseAccess(ctx)} Defender access shows them`,
      subtitle: pageLine(page, MACHINES_ORDER),
      machines: rows,
      actions,
    },
    summary,
    fallbackText: [summary, ...lines].join('\n'),
    // A name no click would accept (only ever from a caller that skipped validation) gets no Refresh.
    ...(normalizeUserName(userName).ok ? { refresh: listRefreshButton({ kind: 'machines', userName }, page.number) } : {}),
  };
}
