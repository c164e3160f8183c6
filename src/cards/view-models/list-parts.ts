// What the two paged lists (machines, logon users) share: order, "page N of M", Next/Previous.
import { parseIsoDate } from '../format';
import type { PageSlice } from '../paging';
import type { SubmitVm } from './common';

/** Comparator: most recent first, undated last, then by `tie` so that every page request cuts the same way. */
export function byLastSeenDesc<T>(lastSeen: (item: T) => string | undefined, tie: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ta = parseIsoDate(lastSeen(a))?.getTime() ?? Number.NEGATIVE_INFINITY;
    const tb = parseIsoDate(lastSeen(b))?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (ta !== tb) return ta > tb ? -1 : 1;
    const ka = tie(a);
    const kb = tie(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** "Page 2 of 3 · 11–20 · most recently seen first" (or just the order note when it all fits on one page). */
export function pageLine(slice: PageSlice<unknown>, order: string): string {
  const note = order.charAt(0).toUpperCase() + order.slice(1);
  return slice.pages > 1 ? `Page ${slice.page} of ${slice.pages} · ${slice.from}–${slice.to} · ${order}` : `${note}.`;
}

/** Previous and/or Next, exactly when such a page exists. */
export function pagerButtons(slice: PageSlice<unknown>, make: (page: number, title: string) => SubmitVm): SubmitVm[] {
  const buttons: SubmitVm[] = [];
  if (slice.page > 1) buttons.push(make(slice.page - 1, `◀ Previous (${slice.page - 1} of ${slice.pages})`));
  if (slice.page < slice.pages) buttons.push(make(slice.page + 1, `Next (${slice.page + 1} of ${slice.pages}) ▶`));
  return buttons;
}
