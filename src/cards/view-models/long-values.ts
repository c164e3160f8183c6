// A FactSet is a table: in Microsoft's renderers a value with no break opportunity (a 40-hex device id,
// an IPv6 address, a one-word "managed by") does not wrap, it pushes the value column past the card's
// edge and the table clips it. So a fact value holds no unbroken run longer than a phone line can
// take; a longer one is shortened in the fact and written out in full below the facts, in a TextBlock,
// which wraps anywhere.
import { md, plain, truncate } from '../escape';
import type { FactVm } from './common';

/**
 * Longest unbroken run a fact value may hold: about what fits in the value column of a 328 px card
 * (the title column takes up to 150 px) at Teams' 14 px font.
 */
export const MAX_UNBROKEN = 19;

export function hasLongRun(text: string, max: number = MAX_UNBROKEN): boolean {
  return text.split(/\s+/).some((word) => Array.from(word).length > max);
}

/** A value written out in full below the facts: its label and the (escaped) value. */
export interface FullValueVm {
  text: string;
}

/**
 * Facts whose plain value fits are kept as they are (`md(value)`); a value with a long unbroken run is
 * shown shortened ("2001:0db… (in full below)") and pushed onto `full`.
 */
export function fitFacts(rows: ReadonlyArray<readonly [string, string | undefined, number?]>, full: FullValueVm[]): FactVm[] {
  const out: FactVm[] = [];
  for (const [title, raw, max] of rows) {
    if (raw === undefined) continue;
    const value = plain(raw, max);
    if (value === '') continue;
    if (hasLongRun(value)) {
      out.push({ title, value: `${md(truncate(value.split(/\s+/)[0] ?? value, 9), max)} (in full below)` });
      full.push(fullValue(title, raw, max));
    } else {
      out.push({ title, value: md(value, max) });
    }
  }
  return out;
}

export function fullValue(title: string, raw: string, max?: number): FullValueVm {
  return { text: `**${title}:** ${md(raw, max)}` };
}
