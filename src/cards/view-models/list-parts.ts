// What the two paged lists (machines, logon users) share: "page N of M", the buttons that ask for
// another page (Next/Previous, and First/Last on the page-out-of-range card), whose access.
import type { ActionValue } from '../../commands/types';
import type { ListPage, ListRef } from '../../handlers/outcome';
import type { RenderContext } from '../types';
import { md } from '../escape';
import { inPlace, refreshButton, type SubmitVm } from './common';
import { machineDisplay, machineLabel, userDisplay } from './machine-parts';

/** A button that shows page `page` of `list` in place of the card it is on; page 1 reads like the original command. */
export function listPageButton(list: ListRef, page: number, title: string): SubmitVm {
  const { value, display } = listPage(list, page);
  return inPlace(title, value, display);
}

/** Refresh for a page of `list`: the same page, asked of Defender again. */
export function listRefreshButton(list: ListRef, page: number): SubmitVm {
  const { value, display } = listPage(list, page);
  return refreshButton(value, display);
}

function listPage(list: ListRef, page: number): { value: ActionValue; display: string } {
  const n = page > 1 ? { page } : {};
  if (list.kind === 'machines') {
    return {
      value: { action: 'machinesForUser', user: list.userName, ...n },
      display: `Machines for ${userDisplay(list.userName)}, page ${page}`,
    };
  }
  if (list.kind === 'userAlerts') {
    return {
      value: { action: 'userAlerts', user: list.userName, ...n },
      display: `Alerts for ${userDisplay(list.userName)}, page ${page}`,
    };
  }
  const m = list.machine;
  if (list.kind === 'machineAlerts') {
    return {
      value: { action: 'machineAlerts', machineId: m.id, ...machineLabel(m), ...n },
      display: `Alerts on ${machineDisplay(m)}, page ${page}`,
    };
  }
  return {
    value: { action: 'logonUsers', machineId: m.id, ...machineLabel(m), ...n },
    display: `Who logged on to ${machineDisplay(m)}, page ${page}`,
  };
}

/** "Page 2 of 3 · 11–20 · most recent logon first" (or just the order, as a sentence, when it all fits on one page). */
export function pageLine(page: ListPage<unknown>, order: string): string {
  if (page.pages <= 1) return `${order.charAt(0).toUpperCase()}${order.slice(1)}.`;
  return `Page ${page.number} of ${page.pages} · ${page.from}–${page.from + page.items.length - 1} · ${order}`;
}

/** Previous and/or Next, exactly when such a page exists. */
export function pagerButtons(list: ListRef, page: ListPage<unknown>): SubmitVm[] {
  const buttons: SubmitVm[] = [];
  if (page.number > 1) buttons.push(listPageButton(list, page.number - 1, `◀ Previous (${page.number - 1} of ${page.pages})`));
  if (page.number < page.pages) buttons.push(listPageButton(list, page.number + 1, `Next (${page.number + 1} of ${page.pages}) ▶`));
  return buttons;
}

/**
 * Whose Defender access a data card reflects, for "as your Defender access shows them": in a group chat
 * or channel every member would read "your" as themselves, so there the card names the asker.
 */
export function whoseAccess(ctx: RenderContext): string {
  return ctx.accessHolder === undefined ? 'your' : `${md(ctx.accessHolder, 60)}’s`;
}
