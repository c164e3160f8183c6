// A host name or IP matched several machines: one block per candidate, most recently seen first: its
// full host name (wrapped, however long: 63-character DNS labels are real), what tells the candidates
// apart, and beside that one short button named after what it does ("Logons" / "Details"). The name
// stays out of the button: Teams cuts long button titles short, and on a phone even
// "pc1.contoso.com · seen 7 min ago · id 00000001…" does not fit. Ten candidates fit within the
// 1,480 px a page of a list may take on a phone (test/ui/card-rendering.test.ts).
import type { Machine } from '../../defender/model';
import { md, plain } from '../escape';
import { count, joinDefined, parseIsoDate, relativeTime, shortId } from '../format';
import { enumLabel, healthSeverity } from '../labels';
import { submit, type SubmitVm, type View } from './common';
import type { ActionValue } from '../../commands/types';
import { detailsValue, logonUsersValue, machineDisplay, machineLabel, machineName, osText } from './machine-parts';
import { sortMachinesByRecency } from '../../handlers/list-order';
import type { RenderContext } from '../types';

/** Candidates (and so buttons) shown at most; beyond that the card asks to refine the name. */
export const MAX_CANDIDATES = 10;

/**
 * The button beside each candidate: short (it shares the row with the candidate's details on a 328 px
 * card), the same on every candidate, saying what a click shows.
 */
export const CHOOSE_TITLE = { logonUsers: 'Logons', machineDetails: 'Details', alerts: 'Alerts' } as const;

type Purpose = keyof typeof CHOOSE_TITLE;

const PURPOSE_TEXT: Record<Purpose, { display: string; pick: string }> = {
  logonUsers: { display: 'Who logged on to', pick: 'who logged on to it' },
  machineDetails: { display: 'Details of', pick: 'its details' },
  alerts: { display: 'Alerts on', pick: 'its alerts' },
};

export interface CandidateVm {
  heading: string;
  details: string;
  choose: SubmitVm;
}

export interface ChooseMachineVm {
  title: string;
  subtitle: string;
  hasMore: boolean;
  moreText: string;
  candidates: CandidateVm[];
}

function candidate(m: Machine, purpose: Purpose, ctx: RenderContext): CandidateVm {
  const name = machineName(m);
  const value: ActionValue =
    purpose === 'logonUsers'
      ? logonUsersValue(m)
      : purpose === 'alerts'
        ? { action: 'machineAlerts', machineId: m.id, ...machineLabel(m) }
        : detailsValue(m);
  const shown = machineDisplay(m);
  const which = shown === shortId(m.id) ? shown : `${shown} (${shortId(m.id)})`;
  const display = `${PURPOSE_TEXT[purpose].display} ${which}`;
  const seen = parseIsoDate(m.lastSeen);
  const os = osText(m);
  return {
    heading: `**${md(name, 90)}**`,
    details:
      joinDefined(
        [
          seen && `seen ${relativeTime(seen, ctx.now)}`,
          m.lastIpAddress && md(m.lastIpAddress, 45),
          os && md(os, 40),
          // Active is the norm; anything else helps tell candidates apart.
          m.healthStatus && healthSeverity(m.healthStatus) !== 'good' ? md(enumLabel(m.healthStatus), 40) : undefined,
          `id ${md(shortId(m.id), 40)}`,
        ],
        ' · ',
      ) ?? '',
    choose: submit(CHOOSE_TITLE[purpose], value, display),
  };
}

export function chooseMachineView(
  query: string,
  purpose: Purpose,
  candidates: readonly Machine[],
  ctx: RenderContext,
): View<ChooseMachineVm> {
  const q = plain(query);
  const sorted = sortMachinesByRecency(candidates);
  const shown = sorted.slice(0, MAX_CANDIDATES);
  const more = sorted.length - shown.length;
  const summary = `${count(sorted.length, 'machine')} match ${q} — which one?`;
  return {
    vm: {
      title: `Several machines match **${md(query)}** — which one?`,
      subtitle: `Pick one to see ${PURPOSE_TEXT[purpose].pick}. Most recently seen first.`,
      hasMore: more > 0,
      moreText: `Showing ${shown.length} of ${sorted.length} matches. Refine the name — the full host name (pc1.contoso.com) or the 40-character device id — to see the others.`,
      candidates: shown.map((m) => candidate(m, purpose, ctx)),
    },
    summary,
    fallbackText: [
      summary,
      ...shown.map((m) => `- ${machineName(m)} (${shortId(m.id)})`),
      ...(more > 0 ? [`…and ${more} more: refine the name.`] : []),
    ].join('\n'),
  };
}
