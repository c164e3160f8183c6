// "I didn't understand …", with did-you-mean buttons and a way to help.
import type { Suggestion } from '../../commands/types';
import { md, plain } from '../escape';
import { submit, type SubmitVm, type View } from './common';

/** More suggestions than this is noise, especially on a phone. */
export const MAX_SUGGESTIONS = 5;
/** How much of the user's text is echoed back. */
const ECHO_MAX = 120;

/**
 * A suggestion up to this long is its own button caption; a longer one ("who logged onto
 * <long host>") is cut with "…" on a 360 px phone, so it is written out above a short "Run this".
 */
export const SUGGESTION_BUTTON_MAX_CHARS = 24;

/** One did-you-mean: its button, and the command written out when the button cannot hold it. */
export interface SuggestionVm extends SubmitVm {
  spelledOut: boolean;
  /** The suggested command as markdown-safe text (shown only when spelledOut). */
  command: string;
}

export interface UnknownVm {
  title: string;
  hasSuggestions: boolean;
  suggestions: SuggestionVm[];
  hint: string;
  help: SubmitVm;
}

export function unknownView(text: string, suggestions: readonly Suggestion[]): View<UnknownVm> {
  const echoed = plain(text, ECHO_MAX);
  const buttons = suggestions
    .map((s) => plain(s.text, 200))
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i)
    .slice(0, MAX_SUGGESTIONS)
    .map((t): SuggestionVm => {
      const spelledOut = t.length > SUGGESTION_BUTTON_MAX_CHARS;
      return { ...submit(spelledOut ? 'Run this' : t, { action: 'run', text: t }, t), spelledOut, command: md(t, 200) };
    });
  const said = echoed === '' ? 'I didn’t understand that.' : `I didn’t understand “${md(text, ECHO_MAX)}”.`;
  const summary = echoed === '' ? 'I didn’t understand that' : `I didn’t understand “${echoed}”`;
  return {
    vm: {
      title: buttons.length > 0 ? `${said} Did you mean:` : said,
      hasSuggestions: buttons.length > 0,
      suggestions: buttons,
      hint: 'Type **help** to see what I can do, with examples.',
      help: submit('Help', { action: 'help' }, 'help'),
    },
    summary,
    fallbackText: [
      summary,
      ...(buttons.length > 0 ? [`Did you mean: ${buttons.map((b) => b.displayText).join(' | ')}?`] : []),
      'Type help to see what I can do.',
    ].join('\n'),
  };
}
