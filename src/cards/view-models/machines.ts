// "machines for <user>": one page of the user's machines, most recently seen first.
import type { Machine } from '../../defender/model';
import { md, plain } from '../escape';
import { count, joinDefined, when } from '../format';
import type { PageSlice } from '../paging';
import type { RenderContext } from '../types';
import { facts, submit, type FactVm, type SubmitVm, type View } from './common';
import { detailsButton, groupText, machineFlags, machineName, osText, portalUrl, tagsText, userDisplay, whoLoggedOnButton } from './machine-parts';
import { byLastSeenDesc, pagerButtons, pageLine } from './list-parts';

export interface MachineItemVm {
  heading: string;
  hasFlags: boolean;
  flags: string;
  hasFacts: boolean;
  facts: FactVm[];
  who: SubmitVm;
  details: SubmitVm;
  portalUrl: string;
}

export interface MachinesVm {
  title: string;
  subtitle: string;
  machines: MachineItemVm[];
  pager: SubmitVm[];
}

/** Tags on a list entry: the full set is on the Details card. */
const LIST_TAGS = 10;
const LIST_TAG_CHARS = 240;

export function machineItem(m: Machine, ctx: RenderContext): MachineItemVm {
  const flags = machineFlags(m);
  const rows = facts([
    ['Health', m.healthStatus === undefined ? undefined : md(m.healthStatus, 40)],
    ['Risk', m.riskScore === undefined ? undefined : md(m.riskScore, 40)],
    ['Exposure', m.exposureLevel === undefined ? undefined : md(m.exposureLevel, 40)],
    ['OS', osText(m)],
    ['Last seen', when(m.lastSeen, ctx.now)],
    ['Last IP', m.lastIpAddress === undefined ? undefined : md(m.lastIpAddress, 60)],
    ['Device group', groupText(m)],
    ['Tags', tagsText(m.machineTags, LIST_TAGS, LIST_TAG_CHARS, ', see Details')],
  ]);
  return {
    heading: `**${md(machineName(m))}**`,
    hasFlags: flags !== '',
    flags,
    hasFacts: rows.length > 0,
    facts: rows,
    who: whoLoggedOnButton(m),
    details: detailsButton(m),
    portalUrl: portalUrl(m, ctx),
  };
}

/** `slice` is a page of the sorted list (see sortMachines); an empty list is the userNotFound card, not this one. */
export function machinesView(userName: string, total: number, slice: PageSlice<Machine>, ctx: RenderContext): View<MachinesVm> {
  const user = plain(userName);
  const pager = pagerButtons(slice, (page, label) =>
    submit(label, { action: 'machinesForUser', user: userName, ...(page > 1 ? { page } : {}) }, `Machines for ${userDisplay(userName)}, page ${page}`),
  );
  const summary = `${count(total, 'machine')} for ${user}${slice.pages > 1 ? ` (page ${slice.page} of ${slice.pages})` : ''}`;
  const lines = slice.items.map((m) => `- ${joinDefined([machineName(m), m.healthStatus && plain(m.healthStatus, 40), m.riskScore && `risk ${plain(m.riskScore, 40)}`], ', ') ?? ''}`);
  return {
    vm: {
      title: `${count(total, 'machine')} for **${md(userName)}** — as your Defender access shows them`,
      subtitle: pageLine(slice, 'most recently seen first'),
      machines: slice.items.map((m) => machineItem(m, ctx)),
      pager,
    },
    summary,
    fallbackText: [summary, ...lines].join('\n'),
  };
}

/** Most recently seen first; machines without a valid lastSeen last; ties by name then id (stable pages). */
export function sortMachines(machines: readonly Machine[]): Machine[] {
  return [...machines].sort(byLastSeenDesc((m) => m.lastSeen, (m) => `${m.computerDnsName ?? ''}\u0000${m.id}`));
}
