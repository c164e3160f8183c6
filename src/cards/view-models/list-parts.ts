// What the two paged lists (machines, logon users) share: "page N of M", Next/Previous, whose access.
import type { ListPage } from '../../handlers/outcome';
import type { RenderContext } from '../types';
import type { SubmitVm } from './common';

/** "Page 2 of 3 · 11–20 · most recent logon first" (or just the order, as a sentence, when it all fits on one page). */
export function pageLine(page: ListPage<unknown>, order: string): string {
  if (page.pages <= 1) return `${order.charAt(0).toUpperCase()}${order.slice(1)}.`;
  return `Page ${page.number} of ${page.pages} · ${page.from}–${page.from + page.items.length - 1} · ${order}`;
}

/** Previous and/or Next, exactly when such a page exists. */
export function pagerButtons(page: ListPage<unknown>, make: (page: number, title: string) => SubmitVm): SubmitVm[] {
  const buttons: SubmitVm[] = [];
  if (page.number > 1) buttons.push(make(page.number - 1, `◀ Previous (${page.number - 1} of ${page.pages})`));
  if (page.number < page.pages) buttons.push(make(page.number + 1, `Next (${page.number + 1} of ${page.pages}) ▶`));
  return buttons;
}

/**
 * Whose Defender access a data card reflects, for "as your Defender access shows them". One place, so
 * that a card posted in a channel can later name the asker instead of "your".
 */
export function whoseAccess(_ctx: RenderContext): string {
  return 'your';
}
