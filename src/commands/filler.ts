// People talk to the bot: "hey, can you show me machines for user1, please?". The words around a
// command carry no meaning, so they are peeled off before and after it. Leading words are peeled
// one phrase at a time by the parser, which tries the verbs first, so a verb that happens to start
// with one of these words (say "list machines") still wins.

const LEADING_PHRASES: readonly (readonly string[])[] = [
  ['hey'],
  ['hi'],
  ['hello'],
  ['please'],
  ['pls'],
  ['plz'],
  ['kindly'],
  ['can', 'you'],
  ['could', 'you'],
  ['would', 'you'],
  ['will', 'you'],
  ['show', 'me'],
  ['tell', 'me'],
  ['give', 'me'],
  ['list'],
  ['get'],
  ['thanks'],
  ['thank', 'you'],
  ['thx'],
];
const TRAILING_PHRASES: readonly (readonly string[])[] = [['please'], ['pls'], ['plz'], ['thanks'], ['thank', 'you'], ['thx']];

// Not ':' or ';': an IPv6 address can end in "::".
const SENTENCE_PUNCTUATION = '?!.,';

/**
 * `s` without the trailing characters in `chars`. A loop rather than /[…]+$/: that regex is
 * quadratic on a long run of punctuation followed by a letter (minutes for 200 KB).
 */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

function bare(token: string): string {
  return trimEndOf(token.toLowerCase(), SENTENCE_PUNCTUATION);
}

function phraseAt(tokens: readonly string[], start: number, phrase: readonly string[]): boolean {
  return phrase.every((word, i) => bare(tokens[start + i] ?? '') === word);
}

/** How many tokens a polite phrase at `start` takes, 0 if there is none. */
export function leadingFillerLength(tokens: readonly string[], start: number): number {
  return LEADING_PHRASES.find((phrase) => phraseAt(tokens, start, phrase))?.length ?? 0;
}

/** The tokens without trailing punctuation and closing pleasantries ("…, please?", "… thanks!"). */
export function trimTrailing(tokens: readonly string[]): string[] {
  const out = [...tokens];
  for (;;) {
    const last = out[out.length - 1];
    if (last === undefined) return out;
    const trimmed = trimEndOf(last, SENTENCE_PUNCTUATION);
    if (trimmed !== last) {
      // A lone "?" (or "??") is the help command, not punctuation.
      if (trimmed === '' && out.length === 1) {
        if (last.includes('?')) out[0] = '?';
        return out;
      }
      if (trimmed === '') out.pop();
      else out[out.length - 1] = trimmed;
      continue;
    }
    const phrase = TRAILING_PHRASES.find((p) => out.length > p.length && phraseAt(out, out.length - p.length, p));
    if (!phrase) return out;
    out.length -= phrase.length;
  }
}

/** Tokens of a cleaned message. */
export function tokenize(text: string): string[] {
  return text.split(' ').filter((t) => t !== '');
}
