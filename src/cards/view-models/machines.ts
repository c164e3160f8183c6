// "machines for <user>": one page of the user's machines, in the order the handler sorted them
// (highest risk first, then most recently seen). A compact row per machine: its name, a coloured
// marker (risk, health, duplicate records), OS · last seen · last IP, and one Details button; the
// logons, alerts and portal actions are on the details card. A second row button ("Alerts") was
// measured: it narrows the text column so far that a page of long host names grows from 1,403 to
// 1,715 px at 328 px, past the 1,480 px a page may take; the card offers "Alerts for this user" instead.
//
// Why a button and not a tap on the row (`selectAction`): Teams mobile is documented to handle only the
// 1.2 element set reliably, and selectAction is not among what is known to work there (taps on it
// have been reported lost on iOS); a visible button works on every client and says what it does.
import { normalizeUserName } from '../../commands/normalize';
import type { Machine } from '../../defender/model';
import type { ListPage } from '../../handlers/outcome';
import { MACHINES_ORDER } from '../../handlers/list-order';
import { markdownToPlain, md, plain } from '../escape';
import { count, joinDefined, parseIsoDate, relativeTime } from '../format';
import type { Severity } from '../labels';
import type { RenderContext } from '../types';
import type { SubmitVm, View } from './common';
import { userAlertsButton } from './alert-parts';
import { listRefreshButton, pagerButtons, pageLine, whoseAccess } from './list-parts';
import { detailsButton, machineName, osText, statusMarker } from './machine-parts';

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
  marker: string;
  markerColor: Severity;
  /** Markdown: "Windows 11 22H2 · **seen 5 min ago** · 10.0.0.1". */
  meta: string;
  details: SubmitVm;
}

export interface MachinesVm {
  title: string;
  subtitle: string;
  machines: MachineRowVm[];
  /** Card-level buttons: Previous/Next, Alerts for this user. */
  actions: SubmitVm[];
}

/** "seen 3 h ago", bold when within the last day; undefined without a valid lastSeen. */
function seenText(lastSeen: string | undefined, now: Date): string | undefined {
  const date = parseIsoDate(lastSeen);
  if (date === undefined) return undefined;
  const text = `seen ${relativeTime(date, now)}`;
  return now.getTime() - date.getTime() < RECENT_MS ? `**${text}**` : text;
}

export function machineRow(m: Machine, ctx: RenderContext): MachineRowVm {
  const marker = statusMarker(m);
  const os = osText(m);
  return {
    name: `**${md(machineName(m), ROW_MAX.name)}**`,
    marker: marker.text,
    markerColor: marker.color,
    meta:
      joinDefined([os && md(os, ROW_MAX.os), seenText(m.lastSeen, ctx.now), m.lastIpAddress && md(m.lastIpAddress, ROW_MAX.ip)], ' · ') ??
      'No OS, last-seen or IP data',
    details: detailsButton(m),
  };
}

/** `page` is what the handler cut (sorted, non-empty); an empty list is the userNotFound card, not this one. */
export function machinesView(userName: string, page: ListPage<Machine>, ctx: RenderContext): View<MachinesVm> {
  const user = plain(userName);
  const actions = [...pagerButtons({ kind: 'machines', userName }, page), ...userAlertsButton(userName)];
  const summary = `${count(page.total, 'machine')} for ${user}${page.pages > 1 ? ` (page ${page.number} of ${page.pages})` : ''}`;
  const rows = page.items.map((m) => machineRow(m, ctx));
  // "- pc1.contoso.com: High risk · Windows 11 22H2 · seen 5 min ago · 10.0.0.1" (the marker without its "● ").
  const lines = rows.map((r, i) => `- ${machineName(page.items[i] ?? { id: '' })}: ${markdownToPlain(`${r.marker.slice(2)} · ${r.meta}`)}`);
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
