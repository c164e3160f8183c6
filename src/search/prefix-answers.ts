// Search-as-you-type without a Defender call per keystroke. Once Defender has answered a host-name
// prefix with everything that matches it (fewer records than the request's cap, so nothing was cut
// off), any longer prefix typed by the same person is a subset of that answer: filter it here.
// Per person, like every cached answer (an answer reflects the asker's Defender role and device
// groups), short-lived, and bounded.
import type { Machine } from '../defender/model';
import { BoundedMap } from '../shared/bounded-map';

export interface PrefixAnswersOptions {
  /** How long a complete answer may stand in for Defender (default 60 s, the result cache's TTL). */
  ttlMs?: number;
  /** Complete answers kept at most, over all people (default 500). */
  maxEntries?: number;
  now?: () => number;
}

interface Answer {
  prefix: string;
  machines: readonly Machine[];
}

export class PrefixAnswers {
  readonly #answers: BoundedMap<string, Answer>;
  /** Per person: the prefixes stored for them, newest last (a few per search session). */
  readonly #prefixes: BoundedMap<string, string[]>;

  constructor(options: PrefixAnswersOptions = {}) {
    this.#answers = new BoundedMap({
      max: options.maxEntries ?? 500,
      ttlMs: options.ttlMs ?? 60_000,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    this.#prefixes = new BoundedMap({ max: options.maxEntries ?? 500 });
  }

  /** Keeps a complete answer for `prefix` (lowercase). */
  remember(userKey: string, prefix: string, machines: readonly Machine[]): void {
    this.#answers.set(keyOf(userKey, prefix), { prefix, machines });
    const known = (this.#prefixes.get(userKey) ?? []).filter((p) => p !== prefix && this.#answers.get(keyOf(userKey, p)) !== undefined);
    known.push(prefix);
    this.#prefixes.set(userKey, known.slice(-20));
  }

  /** The machines matching `prefix`, from a fresh complete answer for it or for a shorter prefix; undefined when there is none. */
  lookup(userKey: string, prefix: string): Machine[] | undefined {
    let best: Answer | undefined;
    for (const p of this.#prefixes.get(userKey) ?? []) {
      if (!prefix.startsWith(p) || (best !== undefined && best.prefix.length >= p.length)) continue;
      const answer = this.#answers.get(keyOf(userKey, p));
      if (answer !== undefined) best = answer;
    }
    return best?.machines.filter((m) => (m.computerDnsName ?? '').toLowerCase().startsWith(prefix));
  }
}

function keyOf(userKey: string, prefix: string): string {
  return JSON.stringify([userKey, prefix]);
}
