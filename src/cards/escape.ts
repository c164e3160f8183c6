// Text that comes from Defender (host names, accounts, tags, group names, OS strings, ids) or from
// the user (echoed input) must never act as markup in a card. Two outputs:
//   md(x)    for markdown-bearing fields: TextBlock.text, Fact.title, Fact.value;
//   plain(x) for plain-text fields: summary, fallbackText, button titles, messageBack displayText.
// Both also make the text one line, drop invisible/bidi control characters and cap its length.
//
// Why backslashes: CommonMark (Teams desktop/web) honours `\` before any ASCII punctuation. The
// Adaptive Cards shared-model parser used by the native mobile renderers does not honour `\[`: it
// makes a link out of any `[...](...)`. Escaping `]` and `(` as well means a `]` is never directly
// followed by `(`, which breaks the link in both parsers.

/** Longest text shown for one value (host names can be 253 characters; anything longer is absurd). */
export const MAX_TEXT = 160;
/** Longest tag shown. */
export const MAX_TAG = 80;

const ELLIPSIS = '…';

// C0/C1 controls, line/paragraph separators, zero-width characters, bidi embeddings/overrides/isolates
// (a right-to-left override can make `exe.txt` display as `txt.exe`), BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;

/** Characters escaped wherever they occur. */
const ALWAYS = /[\\`*_[\]()<>~{}&]/g;
/** Anything escapeMarkdown might change (a superset of what it does change). */
const MAY_NEED_ESCAPE = /[\\`*_[\]()<>~{}&]|^[#=+-]|^\d{1,9}[.)]|:\/\/|www\./i;

/** What oneLine changes besides trimming: line breaks, invisible characters, runs of spaces. */
const NEEDS_FLATTENING = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]| {2}/;

/** One line, no invisible characters, at most `max` code points (never splits a surrogate pair). */
export function oneLine(text: string, max: number = MAX_TEXT): string {
  // Most values (host names, enum values, dates) are clean already: one test instead of three replaces.
  const flat = NEEDS_FLATTENING.test(text)
    ? text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim()
    : text.trim();
  return truncate(flat, max);
}

export function truncate(text: string, max: number): string {
  // A string has at least as many UTF-16 units as code points: short ones need no counting.
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return points.slice(0, Math.max(0, max - 1)).join('') + ELLIPSIS;
}

/** For plain-text fields: one line, capped, otherwise unchanged. */
export function plain(text: string, max: number = MAX_TEXT): string {
  return oneLine(text, max);
}

/** For markdown fields: one line, capped, then every markdown-active character escaped. */
export function md(text: string, max: number = MAX_TEXT): string {
  return escapeMarkdown(oneLine(text, max));
}

/**
 * Escape a single line of text so that no markdown renderer Teams uses turns it into a link,
 * emphasis, code, heading, list, quote, HTML or mention. Exported for the test table; callers use md().
 */
export function escapeMarkdown(line: string): string {
  // Host names, dates and enum labels usually have nothing to escape: one test instead of six replaces.
  if (!MAY_NEED_ESCAPE.test(line)) return line;
  let out = line.replace(ALWAYS, (c) => `\\${c}`);
  // Block markers only act at the start of a line; data is always one line, so only its start matters
  // (when it is placed at the start of a TextBlock or fact value).
  // An ordered-list marker needs a space (or the end) after "1." / "1)", so IP addresses stay unescaped.
  out = out.replace(/^([#=+-])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  // Bare URLs: renderers with GFM autolinks turn `http://x` into a link without any brackets.
  out = out.replace(/:\/\//g, '\\://').replace(/www\./gi, (w) => `${w.slice(0, 3)}\\.`);
  return out;
}

/**
 * Our own markdown back to plain text, for fallbackText: drops `**` bold markers and undoes the
 * backslash escapes md() added. Exact for text built from md() output and `**…**`, which is all we write.
 */
export function markdownToPlain(markdown: string): string {
  let out = '';
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c === '\\' && i + 1 < markdown.length) {
      out += markdown[i + 1];
      i++;
    } else if (c === '*' && markdown[i + 1] === '*') {
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

const MARKUP_CHARS = /[[\]()<>*_`~]/;

/**
 * For text shown outside markdown fields but possibly formatted by a client anyway — a messageBack
 * `displayText` becomes the user's own chat message. Returns the one-lined text when it has no
 * character that could start markup, else `fallback` (e.g. the device's short id).
 */
export function inert(text: string, fallback: string): string {
  const line = plain(text);
  return line !== '' && !MARKUP_CHARS.test(line) ? line : fallback;
}
