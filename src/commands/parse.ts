// Typed text → Command. Driven by ./definitions.ts: a verb added there parses here, with no other
// change. Pure and total: whatever arrives, the answer is a Command (help, invalid or unknown at worst).
import { COMMANDS, type CommandDefinition } from './definitions';
import { forDisplay, MAX_ECHOED_ARGUMENT, MAX_ECHOED_TEXT } from './display';
import { ownField } from './fields';
import { leadingFillerLength, tokenize, trimEndOf, trimTrailing } from './filler';
import { cleanMessage, containsMention, mentionOf, withMentionNames, type UserMention } from './message';
import { isValidPage, normalizeUserName, PAGE_RULE, parseMachine, type Checked } from './normalize';
import { suggestCommands } from './suggest';
import type { Command, CommandName, MachineRef, ParseInput, UserRef } from './types';

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
  let start = 0;
  for (;;) {
    if (start >= tokens.length) return { kind: 'help' };
    const verb = VERBS.find((v) => startsWith(tokens, start, v.words));
    if (verb) return parseArguments(verb.def, tokens.slice(start + verb.words.length), message.mentions);
    const filler = leadingFillerLength(tokens, start);
    if (filler === 0) break;
    start += filler;
  }
  const rest = tokens.slice(start);
  return {
    kind: 'unknown',
    text: forDisplay(withMentionNames(message.text, message.mentions), MAX_ECHOED_TEXT),
    suggestions: withSuggestions ? suggestCommands(rest, (text, name) => parseMessage({ text }, false).kind === name) : [],
  };
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
  page: { ok: true; value: number } | { ok: false; input: string };
}

// "<argument> [suffix] [page N]": "what machines does user1 use page 2".
function splitTail(def: CommandDefinition, rest: readonly string[]): Tail {
  let end = rest.length;
  let page: Tail['page'] = { ok: true, value: 1 };
  if (end >= 2 && rest[end - 2]?.toLowerCase() === 'page') {
    const typed = rest[end - 1] ?? '';
    const n = /^\d+$/.test(typed) ? Number(typed) : NaN;
    page = isValidPage(n) ? { ok: true, value: n } : { ok: false, input: typed };
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

function parseArguments(def: CommandDefinition, rest: readonly string[], mentions: readonly UserMention[]): Command {
  if (def.name === 'help') return { kind: 'help' };
  // Sign-out is always the asker's own: words after it ("sign out please", "sign out user1") change nothing.
  if (def.name === 'signOut') return { kind: 'signOut' };
  const { argument, page } = splitTail(def, rest);
  if (argument.length === 0) {
    return invalid(def.name, def.argument ?? 'argument', '', `say which ${def.argument ?? 'one'}, e.g. ${def.examples[0] ?? def.usage}`);
  }
  const typed = argument.join(' ');
  const shown = forDisplay(withMentionNames(typed, mentions), MAX_ECHOED_ARGUMENT);
  const example = def.examples[0] ?? def.usage;
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

function userArgument(def: CommandDefinition, argument: readonly string[], typed: string, mentions: readonly UserMention[]): Checked<UserRef> {
  const mention = argument.length === 1 ? mentionOf(typed, mentions) : undefined;
  if (mention) return { ok: true, value: { kind: 'mention', teamsUserId: mention.teamsUserId, displayName: mention.displayName } };
  if (containsMention(typed)) {
    return { ok: false, reason: `to ask about a Teams user, @mention only them, e.g. ${def.verbs[0] ?? def.title} @Jane Doe` };
  }
  // Markup of a mention Teams sent no entity for: we cannot tell who it is.
  if (/<at>/i.test(typed)) {
    return { ok: false, reason: `I could not tell who that @mention is; type their user name instead, e.g. ${def.examples[0] ?? def.usage}` };
  }
  const name = normalizeUserName(typed);
  return name.ok ? { ok: true, value: { kind: 'userName', name: name.value } } : name;
}

function machineArgument(typed: string, example: string): Checked<MachineRef> {
  if (containsMention(typed) || /<at>/i.test(typed)) {
    return { ok: false, reason: `that is a person; say which machine by host name, device id or IP address, e.g. ${example}` };
  }
  return parseMachine(typed);
}

function invalid(command: CommandName, part: string, input: string, reason: string): Command {
  return { kind: 'invalid', command, part, input, reason };
}
