// Words of a message, classified for the free reading (./intent.ts): vocabulary (./vocabulary.ts)
// or part of a name. Possessives are split off here ("user1's machines" → user1, 's, machines).
import { trimEndOf } from './filler';
import { mentionOf, type UserMention } from './message';
import { isPossessiveMarker, vocabularyForm, wordClass, type WordClass } from './vocabulary';

export interface Token {
  /** As typed, without trailing sentence punctuation. */
  raw: string;
  /** Lowercase, for comparing with the vocabulary. */
  form: string;
  /** Undefined: part of a name. */
  cls: WordClass | undefined;
  mention: boolean;
}

/** Message tokens → classified tokens; "user1's" becomes "user1" and a possessive marker. */
export function classify(tokens: readonly string[], mentions: readonly UserMention[]): Token[] {
  const out: Token[] = [];
  tokens.forEach((token, i) => {
    const form = vocabularyForm(token);
    const next = tokens[i + 1];
    const cls = wordClass(form, next === undefined ? undefined : vocabularyForm(next));
    // Only a possessive that something owned follows: "x's" alone stays a (refused) name with a quote.
    const owns = ownable(tokens[i + 1]);
    const owner = cls === undefined && owns ? possessor(token) : undefined;
    if (owner !== undefined) {
      out.push(nameToken(owner, mentions));
      out.push({ raw: "'s", form: "'s", cls: 'filler', mention: false });
    } else if (cls !== undefined || (isPossessiveMarker(form) && owns)) {
      out.push({ raw: token, form, cls: cls ?? 'filler', mention: false });
    } else {
      out.push(nameToken(token, mentions));
    }
  });
  return out;
}

/** "user1's" → "user1" (also with a typographic apostrophe and sentence punctuation after it). */
function possessor(token: string): string | undefined {
  const word = trimEndOf(token, ',?!;.');
  const base = word.slice(0, -2);
  return base !== '' && (word.endsWith("'s") || word.endsWith('’s')) ? base : undefined;
}

function ownable(token: string | undefined): boolean {
  const cls = token === undefined ? undefined : wordClass(vocabularyForm(token));
  return cls === 'keyword' || cls === 'machineNoun' || cls === 'userNoun' || cls === 'machineIdNoun';
}

function nameToken(token: string, mentions: readonly UserMention[]): Token {
  const raw = trimEndOf(token, ',?!');
  return { raw, form: vocabularyForm(raw), cls: undefined, mention: mentionOf(raw, mentions) !== undefined };
}
