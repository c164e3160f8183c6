// "Did you mean": compare the first words of a message we did not understand with every verb in
// the definitions, keep the user's argument, and offer the closest full commands. Failing that,
// offer the commands about each user or machine the message names (nameChoices).
import { COMMANDS, commandDefinition } from './definitions';
import type { CommandName, Suggestion } from './types';

export const MAX_SUGGESTIONS = 3;

/** Whether `text` really parses to command `name`; suggestions that would not are dropped. */
export type SuggestionCheck = (text: string, name: CommandName) => boolean;

// The last words of multi-word verbs ("for", "of", "onto"…). "machiens for user1" is also close to
// "machine", but "machine for user1" would only parse by taking "for" as the machine's name.
const CONNECTIVES: ReadonlySet<string> = new Set(
  COMMANDS.flatMap((def) => def.verbs.map((v) => v.split(' '))).flatMap((w) => (w.length > 1 ? w.slice(-1) : [])),
);

interface Candidate {
  name: CommandName;
  text: string;
  distance: number;
}

export function suggestCommands(tokens: readonly string[], parsesAs: SuggestionCheck): Suggestion[] {
  const candidates: Candidate[] = [];
  for (const def of COMMANDS) {
    for (const verb of def.verbs) {
      const verbWords = verb.split(' ').length;
      const allowed = allowedDistance(verb);
      // Also try one word fewer or more than the verb has: "machinesfor user1", "who logged on to".
      for (let n = Math.max(1, verbWords - 1); n <= Math.min(tokens.length, verbWords + 1); n++) {
        const typed = tokens.slice(0, n).join(' ').toLowerCase();
        if (Math.abs(typed.length - verb.length) > allowed) continue;
        const distance = editDistance(typed, verb);
        if (distance > allowed) continue;
        const rest = tokens.slice(n);
        if (CONNECTIVES.has(rest[0]?.toLowerCase() ?? '')) continue;
        const text = def.argument === undefined ? verb : rest.length > 0 ? `${verb} ${rest.join(' ')}` : (def.examples[0] ?? verb);
        candidates.push({ name: def.name, text, distance });
      }
    }
  }
  // Stable sort: among equal distances the definitions' order (canonical verbs first) wins.
  candidates.sort((a, b) => a.distance - b.distance);
  const chosen = new Map<CommandName, Suggestion>();
  for (const c of candidates) {
    if (chosen.size === MAX_SUGGESTIONS) break;
    if (chosen.has(c.name) || !parsesAs(c.text, c.name)) continue;
    chosen.set(c.name, { text: c.text });
  }
  return [...chosen.values()];
}

/**
 * Commands about names found in a message, e.g. pc1 → "machine pc1", "who logged onto pc1",
 * "machines for pc1": every name's first choice, then every name's second…, at most MAX_SUGGESTIONS.
 */
export function nameChoices(names: readonly { name: string; order: readonly CommandName[] }[], parsesAs: SuggestionCheck): Suggestion[] {
  const chosen: Suggestion[] = [];
  for (let rank = 0; rank < 3; rank++) {
    for (const { name, order } of names) {
      const command = order[rank];
      if (command === undefined || chosen.length === MAX_SUGGESTIONS) continue;
      const text = `${commandDefinition(command).verbs[0] ?? commandDefinition(command).title} ${name}`;
      if (!chosen.some((c) => c.text === text) && parsesAs(text, command)) chosen.push({ text });
    }
  }
  return chosen;
}

// Short verbs get little slack, or "?" and "help" would match half the dictionary.
function allowedDistance(verb: string): number {
  if (verb.length <= 3) return 0;
  if (verb.length <= 5) return 1;
  if (verb.length <= 9) return 2;
  return 3;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("machiens"). */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
