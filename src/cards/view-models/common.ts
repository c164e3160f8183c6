// Shapes shared by the view models. Every string in a view model is final: markdown fields are
// already escaped (md), plain fields already one-lined (plain). Templates only place them.
// A template that refers to a field that is undefined prints "${field}", so view models never
// leave a referenced field undefined: optional parts are expressed with booleans and empty arrays.
import { canonicalText } from '../../commands/canonical';
import type { ActionValue } from '../../commands/types';
import { plain } from '../escape';

/** One FactSet row; title and value are markdown-escaped. */
export interface FactVm {
  title: string;
  value: string;
}

/** An Action.Submit that posts a messageBack as the clicking user. */
export interface SubmitVm {
  /** Button caption (plain text). */
  title: string;
  /** messageBack text: the canonical command, what the bot parses. */
  text: string;
  /** messageBack displayText: what the chat shows the user said (plain text). */
  displayText: string;
  value: ActionValue;
}

export interface OpenUrlVm {
  title: string;
  url: string;
}

export function submit(title: string, value: ActionValue, displayText: string): SubmitVm {
  return { title: plain(title, 80), text: canonicalText(value), displayText: plain(displayText, 200), value };
}

/**
 * A button that runs an example command shown in the card's text right above it. Its title is short
 * ("Try the example") and never the command itself: an example such as "who logged onto
 * mymachine1.contoso.com" is wider than a button on a 360 px phone, and Teams cuts it to "who logged
 * onto mymach…". The chat still shows the command as what the user said (displayText).
 */
export function tryExample(example: string, title = 'Try the example'): SubmitVm {
  return submit(title, { action: 'run', text: example }, example);
}

/** Facts with a missing or blank value are left out (never "undefined", "null" or an empty row). */
export function facts(rows: ReadonlyArray<readonly [string, string | undefined]>): FactVm[] {
  return rows
    .filter((r): r is readonly [string, string] => r[1] !== undefined && r[1].trim() !== '')
    .map(([title, value]) => ({ title, value }));
}

/** What every view-model builder returns: the data for its template plus the plain-text parts of the reply. */
export interface View<Vm> {
  vm: Vm;
  summary: string;
  fallbackText: string;
  /** A data card's Refresh (refreshButton): ../card.ts places it at the foot of the card, by the data's age. */
  refresh?: SubmitVm;
}

/** A button whose answer replaces the card it is on (Next, Previous, Retry): see ClickFlags. */
export function inPlace(title: string, value: ActionValue, displayText: string): SubmitVm {
  return submit(title, { ...value, inPlace: true }, displayText);
}

/**
 * Refresh for a data card: the same command, answered by Defender rather than the answer cache, into
 * this card. `value` should name things by id, so that a refresh is one Defender call. A card opts in
 * with `refresh: refreshButton(value, what)` in its View.
 */
export function refreshButton(value: ActionValue, what: string): SubmitVm {
  return submit('↻ Refresh', { ...value, inPlace: true, refresh: true }, `Refresh: ${what}`);
}
