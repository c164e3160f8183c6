// What the two paged lists (machines, logon users) share: "page N of M", the buttons that ask for
// another page (Next/Previous, and First/Last on the page-out-of-range card), whose access.
import type { ListPage, ListRef } from '../../handlers/outcome';
import type { RenderContext } from '../types';
import { submit, type SubmitVm } from './common';
import { machineDisplay, machineLabel, userDisplay } from './machine-parts';

/** A button that asks for page `page` of `list`; page 1 reads like the original command. */
export function listPageButton(list: ListRef, page: number, title: string): SubmitVm {
  const n = page > 1 ? { page } : {};
  if (list.kind === 'machines') {
    const display = `Machines for ${userDisplay(list.userName)}, page ${page}`;
    return submit(title, { action: 'machinesForUser', user: list.userName, ...n }, display);
  }
  if (list.kind === 'userAlerts') {
    return submit(title, { action: 'userAlerts', user: list.userName, ...n }, `Alerts for ${userDisplay(list.userName)}, page ${page}`);
  }
  const m = list.machine;
  if (list.kind === 'machineAlerts') {
    return submit(
      title,
      { action: 'machineAlerts', machineId: m.id, ...machineLabel(m), ...n },
      `Alerts on ${machineDisplay(m)}, page ${page}`,
    );
  }
  const display = `Who logged on to ${machineDisplay(m)}, page ${page}`;
  return submit(title, { action: 'logonUsers', machineId: m.id, ...machineLabel(m), ...n }, display);
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
 * Whose Defender access a data card reflects, for "as your Defender access shows them". One place, so
 * that a card posted in a channel can later name the asker instead of "your".
 */
export function whoseAccess(_ctx: RenderContext): string {
  return 'your';
}
