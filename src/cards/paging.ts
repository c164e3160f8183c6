// Long lists are cut into pages; the card layer does the cutting so every list card can say
// "page N of M" and offer Next/Previous. Nothing is dropped silently: titles give the total.

/**
 * Items per page, for machines and logon users alike. Measured (test/cards/size-and-demo.test.ts):
 * a page of 10 heavy but realistic machines (80-character FQDNs, 20 tags, 12 IPs, long group names)
 * is about 23 KB of card JSON; the worst input this layer can be fed (every string far over its cap,
 * made of characters that need escaping or take 4 bytes) gives about 53 KB, under the 80 KB limit.
 * On a phone a page is a few screens of scrolling (a heading, up to 8 facts and 3 buttons per
 * machine), with Next at the bottom.
 */
export const PAGE_SIZE = 10;

/** Pages needed for `total` items; an empty list still has one (empty) page. */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export interface PageSlice<T> {
  items: T[];
  page: number;
  pages: number;
  /** 1-based position of the first item on this page (0 when the list is empty). */
  from: number;
  /** 1-based position of the last item on this page. */
  to: number;
}

/** The `page`-th page (1-based) of `items`, or undefined when that page does not exist. */
export function pageOf<T>(items: readonly T[], page: number): PageSlice<T> | undefined {
  const pages = pageCount(items.length);
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const start = (page - 1) * PAGE_SIZE;
  const slice = items.slice(start, start + PAGE_SIZE);
  return { items: slice, page, pages, from: slice.length > 0 ? start + 1 : 0, to: start + slice.length };
}
