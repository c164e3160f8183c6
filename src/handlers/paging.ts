// Long lists are cut into pages here, in the handler, so the outcome says exactly what the card shows
// (the items of this page, which page, how many) and a page that does not exist is an outcome of its
// own. Nothing is dropped silently: the outcome keeps the list's total.
import type { ListPage } from './outcome';

/**
 * Items per page, for machines and logon users alike. A compact row is two or three short lines and
 * one button, so ten rows are about two phone screens (test/ui/card-rendering.test.ts measures every
 * list at 328 px and fails a page taller than 1,480 px); more would mean a long scroll to Next.
 */
export const PAGE_SIZE = 10;

/** Pages needed for `total` items; an empty list still has one (empty) page. */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** The `page`-th page (1-based) of `items`, already in display order, or undefined when that page does not exist. */
export function pageOf<T>(items: readonly T[], page: number): ListPage<T> | undefined {
  const pages = pageCount(items.length);
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const start = (page - 1) * PAGE_SIZE;
  const slice = items.slice(start, start + PAGE_SIZE);
  return { items: slice, number: page, pages, total: items.length, from: slice.length > 0 ? start + 1 : 0 };
}
