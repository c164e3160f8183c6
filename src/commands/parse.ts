// Typed text → Command. Driven by ./definitions.ts: a verb or keyword added there parses here, with no
// other change. Pure and total: whatever arrives, the answer is a Command (help, invalid or unknown at
// worst). Deterministic and linear in the message length: no model, no network.
import { COMMANDS, type CommandDefinition } from './definitions';
import { forDisplay, MAX_ECHOED_ARGUMENT, MAX_ECHOED_TEXT } from './display';
import { ownField } from './fields';
import { leadingFillerLength, tokenize, trimEndOf, trimTrailing } from './filler';
import { alertCommand, alertsCommand, verbRole } from './alert-arguments';
import { machineArgument, userArgument } from './arguments';
import { interpret, nameSuggestions, type Page } from './intent';
import { cleanMessage, withMentionNames, type UserMention } from './message';
import { isValidPage, PAGE_RULE } from './normalize';
import { nameChoices, suggestCommands, type SuggestionCheck } from './suggest';
import { actionPhraseOf, parseActionArguments } from './response-actions';
import { classify } from './tokens';
import { isGuid } from '../shared/ids';
import type { Command, CommandName, ParseInput } from './types';

interface Phrase {
  def: CommandDefinition;
  words: string[];
}

function words(phrase: string): string[] {
  return tokenize(phrase.normalize('NFKC').toLowerCase());
}

// Longest phrasing first, so "who logged on to" wins over "who logged on" and "machine details for" over "machine".
const VERBS: readonly Phrase[] = COMMANDS.flatMap((def) => def.verbs.map((v) => ({ def, words: words(v) })))
  .filter((p) => p.words.length > 0)
  .sort((a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length);

export function parseCommand(input: ParseInput): Command {
  return parseMessage(input, true);
}

/**
 * Teams caps a message at about 28 KB; anything far longer is forged and is not parsed at all, which
 * bounds what one message can cost. Every step below is linear anyway.
 */
export const MAX_MESSAGE_LENGTH = 100_000;

function parseMessage(input: unknown, withSuggestions: boolean): Command {
  const raw = ownField(input, 'text');
  if (typeof raw === 'string' && raw.length > MAX_MESSAGE_LENGTH) {
    return { kind: 'unknown', text: forDisplay(raw.slice(0, 2 * MAX_ECHOED_TEXT), MAX_ECHOED_TEXT), suggestions: [] };
  }
  const message = cleanMessage(input);
  const tokens = trimTrailing(tokenize(message.text));
  // First the grammar the definitions spell out, "<verb> <argument>": what it accepts is final.
  let start = 0;
  let phrased: Command | undefined;
  for (;;) {
    if (start >= tokens.length) return { kind: 'help' };
    // `about` is a command only on its own: "about pc1" asks about a machine (the free reading below).
    const verb = VERBS.find(
      (v) => startsWith(tokens, start, v.words) && (v.def.name !== 'about' || start + v.words.length === tokens.length),
    );
    if (verb) {
      const rest = tokens.slice(start + verb.words.length);
      const phrase = verb.def.name === 'responseAction' ? actionPhraseOf(verb.words.join(' ')) : undefined;
      // A response action whose words are not one ("release notes") is read freely instead.
      phrased =
        phrase === undefined
          ? parseArguments(verb, rest, message.mentions)
          : parseActionArguments(phrase, rest, verb.def.examples[0] ?? '');
      break;
    }
    const filler = leadingFillerLength(tokens, start);
    if (filler === 0) break;
    start += filler;
  }
  if (phrased !== undefined && phrased.kind !== 'invalid') return phrased;
  // Then the free reading (./intent.ts). Where both refuse, the verb's reason is the more specific one:
  // "machines for jane doe" is a user name with a space, not a message with two names.
  const { words, page } = splitPage(tokens);
  const classified = classify(words, message.mentions);
  const reading = interpret(classified, page, message.mentions);
  if (reading.kind === 'command' && reading.command.kind !== 'invalid') return reading.command;
  if (phrased !== undefined) return phrased;
  if (reading.kind === 'command') return reading.command;
  const text = forDisplay(withMentionNames(message.text, message.mentions), MAX_ECHOED_TEXT);
  if (!withSuggestions) return { kind: 'unknown', text, suggestions: [] };
  const check: SuggestionCheck = (t, name) => parseMessage({ text: t }, false).kind === name;
  if (reading.kind === 'choice') return { kind: 'unknown', text, suggestions: nameChoices([reading], check) };
  const typos = suggestCommands(tokens.slice(start), check);
  return { kind: 'unknown', text, suggestions: typos.length > 0 ? typos : nameChoices(nameSuggestions(classified), check) };
}

/** A trailing "page N" (any case) and the words before it. */
function splitPage(tokens: readonly string[]): { words: readonly string[]; page: Page } {
  const end = tokens.length;
  if (end < 2 || tokens[end - 2]?.toLowerCase() !== 'page') return { words: tokens, page: { ok: true, value: 1 } };
  return { words: tokens.slice(0, end - 2), page: pageNumber(tokens[end - 1] ?? '') };
}

function pageNumber(typed: string): Page {
  const n = /^\d+$/.test(typed) ? Number(typed) : NaN;
  return isValidPage(n) ? { ok: true, value: n } : { ok: false, input: typed };
}

// Case-insensitive; the verb's last word may carry a colon ("machines for: user1").
function startsWith(tokens: readonly string[], start: number, phrase: readonly string[]): boolean {
  return phrase.every((word, i) => {
    const token = (tokens[start + i] ?? '').toLowerCase();
    return token === word || (i === phrase.length - 1 && token === `${word}:`);
  });
}

interface Tail {
  argument: string[];
  page: Page;
}

// "<argument> [suffix] [page N]": "what machines does user1 use page 2".
function splitTail(def: CommandDefinition, rest: readonly string[]): Tail {
  let end = rest.length;
  let page: Tail['page'] = { ok: true, value: 1 };
  if (end >= 2 && rest[end - 2]?.toLowerCase() === 'page') {
    page = pageNumber(rest[end - 1] ?? '');
    end -= 2;
  }
  const suffixes = (def.suffixes ?? []).map(words).sort((a, b) => b.length - a.length);
  const suffix = suffixes.find((s) => s.length > 0 && end - s.length >= 1 && startsWith(rest, end - s.length, s));
  if (suffix) end -= suffix.length;
  const argument = rest.slice(0, end);
  const last = argument[argument.length - 1];
  // "machines for user1, page 2"
  if (last !== undefined) argument[argument.length - 1] = trimEndOf(last, '?!,');
  return { argument: argument.filter((t) => t !== ''), page };
}

function parseArguments(verb: Phrase, rest: readonly string[], mentions: readonly UserMention[]): Command {
  const def = verb.def;
  if (def.name === 'help') return { kind: 'help' };
  // Sign-out is always the asker's own: words after it ("sign out please", "sign out user1") change nothing.
  if (def.name === 'signOut') return { kind: 'signOut' };
  if (def.name === 'actionStatus') {
    const id = trimEndOf(rest.join(' ').trim(), '?!.,');
    return isGuid(id)
      ? { kind: 'actionStatus', actionId: id.toLowerCase() }
      : invalid(
          'actionStatus',
          'action id',
          forDisplay(id, MAX_ECHOED_ARGUMENT),
          `an action id is a GUID, e.g. ${def.examples[0] ?? def.usage}`,
        );
  }
  if (def.name === 'about') return { kind: 'about' };
  if (def.name === 'feedback') return feedbackOf(def, rest, mentions);
  const { argument, page } = splitTail(def, rest);
  if (argument.length === 0) {
    return invalid(def.name, def.argument ?? 'argument', '', `say which ${def.argument ?? 'one'}, e.g. ${def.examples[0] ?? def.usage}`);
  }
  const typed = argument.join(' ');
  const shown = forDisplay(withMentionNames(typed, mentions), MAX_ECHOED_ARGUMENT);
  const example = def.examples[0] ?? def.usage;
  if (def.name === 'alert') return alertCommand(argument, shown);
  if (def.name === 'alerts') {
    if (!page.ok) return invalid(def.name, 'page', forDisplay(page.input, MAX_ECHOED_ARGUMENT), PAGE_RULE);
    return alertsCommand(def, verbRole(verb.words), argument, mentions, page.value);
  }
  if (def.name === 'machinesForUser') {
    const user = userArgument(def, argument, typed, mentions);
    if (!user.ok) return invalid(def.name, 'user', shown, user.reason);
    if (!page.ok) return invalid(def.name, 'page', forDisplay(page.input, MAX_ECHOED_ARGUMENT), PAGE_RULE);
    return { kind: 'machinesForUser', user: user.value, page: page.value };
  }
  const machine = machineArgument(typed, example);
  if (!machine.ok) return invalid(def.name, 'machine', shown, machine.reason);
  if (def.name === 'machineDetails') return { kind: 'machineDetails', machine: machine.value };
  if (!page.ok) return invalid(def.name, 'page', forDisplay(page.input, MAX_ECHOED_ARGUMENT), PAGE_RULE);
  return { kind: 'logonUsers', machine: machine.value, page: page.value };
}

/** Longest feedback kept: a few sentences; the rest is cut. */
export const MAX_FEEDBACK = 1000;

function feedbackOf(def: CommandDefinition, rest: readonly string[], mentions: readonly UserMention[]): Command {
  const text = forDisplay(withMentionNames(rest.join(' '), mentions), MAX_FEEDBACK);
  if (text === '') return invalid('feedback', 'text', '', `say what went wrong or what you need, e.g. ${def.examples[0] ?? def.usage}`);
  return { kind: 'feedback', text };
}

function invalid(command: CommandName, part: string, input: string, reason: string): Command {
  return { kind: 'invalid', command, part, input, reason };
}
