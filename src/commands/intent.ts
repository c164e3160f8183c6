// Free-form messages: "user1's machines", "who's logged on to pc1?", "computers for user1 pls".
// Every word is either vocabulary (./vocabulary.ts and the commands' keywords) or part of a name.
// A message is read only when exactly one name is left, and that name is one word: anything more
// ("is pc1 down?", "alerts for user1") is not understood, and gets suggestions instead (./parse.ts).
//
// Which name it is — a user or a machine — is decided, in this order, by
//   1. a label right before it: "user jdoe", "host web", "ip 10.0.0.5";
//   2. a possessive: "user1's machines" (user), "pc1's logons" (machine);
//   3. its shape: a device id, IP or FQDN is a machine; a UPN, DOMAIN\user or @mention a person
//      (if the words around say otherwise — "who logged onto user1@contoso.com" — it is not read);
//   4. the words right around it: "by user1", "user1 logged on" (user); "on pc1", "to pc1" (machine);
//   5. what is asked for: machines ("computers", "which machine") → the name is a user; logons,
//      users, details → a machine.
// A name that none of these settle (a bare `pc1`) gets a choice: "machine pc1 / machines for pc1 / …".
import { alertCommand, alertsCommand, roleOfName } from './alert-arguments';
import { machineArgument, userArgument } from './arguments';
import { commandDefinition } from './definitions';
import { forDisplay, MAX_ECHOED_ARGUMENT } from './display';
import { looksLikeHost, roleOfShape, shapeOf, type Role, type Shape } from './entities';
import { withMentionNames, type UserMention } from './message';
import { PAGE_RULE } from './normalize';
import type { Command, CommandName } from './types';
import type { Token } from './tokens';
import { isPossessiveMarker, keywordCommand } from './vocabulary';

export type Page = { ok: true; value: number } | { ok: false; input: string };

/** What a message asks for, from its vocabulary alone. */
interface Cues {
  /** Commands whose keywords (./definitions.ts) appear, or that "which machine" / "which user" ask for. */
  asks: Set<CommandName>;
  who: boolean;
  where: boolean;
  use: boolean;
  logonVerb: boolean;
  /** "logged on", "log into": logging on to somewhere, not a log file. */
  logonPhrase: boolean;
  /** A singular machine noun that labels nothing: "pc1 machine details". */
  machineNoun: boolean;
  pleasantry: boolean;
  greeting: boolean;
  /** "thanks for …": what follows is what they thank for, not a request. */
  thanksFor: boolean;
  help: boolean;
}

export type Reading =
  | { kind: 'command'; command: Command }
  /** One name that could be a user or a machine, with nothing around it to tell which: the choices, best first. */
  | { kind: 'choice'; name: string; order: CommandName[] }
  | { kind: 'none' };

const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'this', 'that', 'my', 'our', 'all', 'any']);
// Words between a label and its name: "machine named pc1", "device id 1e5b…", "user: jdoe".
const LABEL_GAP: ReadonlySet<string> = new Set([...ARTICLES, 'named', 'called', 'id']);
// Suggestions are about the first names of a message; a 28 KB message does not get 28 KB of checks.
const MAX_NAMES_SCANNED = 50;
const QUANTIFIERS: ReadonlySet<string> = new Set(['which', 'what', 'every', 'each', 'any']);

function cuesOf(tokens: readonly Token[]): Cues {
  const cues: Cues = {
    asks: new Set(),
    who: false,
    where: false,
    use: false,
    logonVerb: false,
    logonPhrase: false,
    machineNoun: false,
    pleasantry: false,
    greeting: false,
    thanksFor: false,
    help: false,
  };
  tokens.forEach((t, i) => {
    const quantified = QUANTIFIERS.has(tokens[i - 1]?.form ?? '');
    const next = tokens[i + 1];
    switch (t.cls) {
      case 'keyword': {
        const name = keywordCommand(t.form);
        if (name !== undefined) cues.asks.add(name);
        break;
      }
      case 'machineNoun':
        if (quantified) cues.asks.add('machinesForUser');
        else if (next?.cls !== undefined) cues.machineNoun = true;
        break;
      case 'userNoun':
        if (quantified) cues.asks.add('logonUsers');
        break;
      case 'machineIdNoun':
        if (next?.cls !== undefined) cues.asks.add('machineDetails');
        break;
      case 'who':
        cues.who = true;
        break;
      case 'where':
        cues.where = true;
        break;
      case 'use':
        cues.use = true;
        break;
      case 'logonVerb':
        cues.logonVerb = true;
        if (next?.cls === 'place' || next?.cls === 'agent' || next?.cls === 'where') cues.logonPhrase = true;
        break;
      case 'greeting':
        cues.greeting = true;
        break;
      case 'pleasantry':
        cues.pleasantry = true;
        if (next?.form === 'for') cues.thanksFor = true;
        break;
      case 'help':
        cues.help = true;
        break;
      default:
        break;
    }
  });
  return cues;
}

/** The runs of consecutive name tokens, as index lists. */
function nameRuns(tokens: readonly Token[]): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  tokens.forEach((t, i) => {
    if (t.cls === undefined) current.push(i);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length > 0) runs.push(current);
  return runs;
}

export function interpret(tokens: readonly Token[], page: Page, mentions: readonly UserMention[]): Reading {
  const cues = cuesOf(tokens);
  const runs = nameRuns(tokens);
  if (runs.length === 0) return withoutName(cues);
  const only = runs[0];
  if (runs.length > 1 || only === undefined || only.length > 1 || cues.thanksFor) return { kind: 'none' };
  const at = only[0] ?? 0;
  const name = tokens[at];
  if (name === undefined) return { kind: 'none' };

  const shape = shapeOf(name.raw, name.mention);
  const label = labelOf(tokens, at);
  const owner = ownerOf(tokens, at);
  const shapeRole = roleOfShape(shape);
  // "devices belonging to user1": when machines are asked for, "to" is not where someone logged on.
  const near = contextOf(tokens, at);
  const context = owner ?? (near === 'machine' && cues.asks.has('machinesForUser') && !cues.who ? undefined : near);
  if (label === undefined && shapeRole !== undefined && context !== undefined && context !== shapeRole) return { kind: 'none' };
  const role = label ?? shapeRole ?? context ?? askedRole(cues);
  const asked = cues.asks.size > 0 || cues.who || cues.where || cues.use || cues.logonVerb || cues.machineNoun;

  // "help" never looks anything up; "hello @Jane" and "thanks user1@contoso.com" talk to people
  // ("hey bot, 10.0.0.5" greets the bot: nobody is called 10.0.0.5).
  const smallTalk = (cues.pleasantry || cues.greeting) && !asked && label === undefined && shapeRole !== 'machine';
  if (cues.help || smallTalk) return { kind: 'none' };
  // An alert id is nothing but an alert; any other name next to "the alert" ("did you see the alert on pc1") is talk.
  if (shape === 'alertId') return [...cues.asks].some((a) => a !== 'alert' && a !== 'alerts') ? { kind: 'none' } : alertReading(name.raw);
  if (cues.asks.has('alert')) return { kind: 'none' };
  if (cues.asks.has('alerts')) return alertsReading(name, shape, label ?? near, shapeRole, cues, page, mentions);
  if (label === undefined && owner === undefined && !settledWord(shape, cues)) return { kind: 'none' };
  if (role === undefined) {
    return shape === 'nameLike' ? { kind: 'choice', name: name.raw, order: choiceOrder(name.raw, cues) } : { kind: 'none' };
  }
  if (role === 'user') return { kind: 'command', command: userCommand(name, page, mentions) };
  return { kind: 'command', command: machineCommand(name, logonish(cues, tokens, at) ? 'logonUsers' : 'machineDetails', page, mentions) };
}

// A letters-only word ("jdoe", "web" — or "call" in "who is on call") is taken for a name only when
// machines or logons are asked for in so many words; otherwise it is more likely English.
function settledWord(shape: Shape, cues: Cues): boolean {
  if (shape === 'other') return cues.asks.size > 0 || cues.logonVerb;
  if (shape !== 'word') return true;
  return cues.asks.has('machinesForUser') || cues.logonPhrase;
}

function withoutName(cues: Cues): Reading {
  if (cues.pleasantry) return { kind: 'none' };
  if (cues.help) return { kind: 'command', command: { kind: 'help' } };
  const asks = cues.asks;
  const name: CommandName | undefined = asks.has('alerts')
    ? 'alerts'
    : asks.has('alert')
      ? 'alert'
      : asks.has('machinesForUser') && !cues.who
        ? 'machinesForUser'
        : asks.has('logonUsers') || (cues.who && cues.logonVerb)
          ? 'logonUsers'
          : asks.has('machineDetails')
            ? 'machineDetails'
            : undefined;
  if (name === undefined) return { kind: 'none' };
  const def = commandDefinition(name);
  const part = def.argument ?? 'argument';
  const reason = `say which ${part}, e.g. ${def.examples[0] ?? def.usage}`;
  return { kind: 'command', command: { kind: 'invalid', command: name, part, input: '', reason } };
}

/**
 * "what alerts does pc1 have", "any alerts on 10.0.0.5", "incidents for user1". `said` is what the
 * words right before the name make it (a label, "on", "by"); a plain word ("web") needs them to be a name.
 */
function alertsReading(
  name: Token,
  shape: Shape,
  said: Role | undefined,
  shapeRole: Role | undefined,
  cues: Cues,
  page: Page,
  mentions: readonly UserMention[],
): Reading {
  if (cues.asks.size > 1 || cues.who || cues.logonVerb) return { kind: 'none' };
  if (said === undefined && shape === 'word') return { kind: 'none' };
  if (said !== undefined && shapeRole !== undefined && said !== shapeRole) return { kind: 'none' };
  if (!page.ok) return { kind: 'command', command: invalid('alerts', 'page', forDisplay(page.input, MAX_ECHOED_ARGUMENT), PAGE_RULE) };
  const role = said ?? shapeRole ?? roleOfName(name.raw, name.mention);
  return { kind: 'command', command: alertsCommand(commandDefinition('alerts'), role, [name.raw], mentions, page.value) };
}

function alertReading(typed: string): Reading {
  return { kind: 'command', command: alertCommand([typed], forDisplay(typed, MAX_ECHOED_ARGUMENT)) };
}

function labelOf(tokens: readonly Token[], at: number): Role | undefined {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const t = tokens[i];
    if (t === undefined) return undefined;
    // "which machine user1 uses", "every machine user1 touched" ask for a machine; they do not label user1.
    if (QUANTIFIERS.has(tokens[i - 1]?.form ?? '') && (t.cls === 'userNoun' || t.cls === 'machineNoun')) return undefined;
    if (t.cls === 'userNoun') return 'user';
    if (t.cls === 'machineNoun' || t.cls === 'machineIdNoun') return 'machine';
    if (!LABEL_GAP.has(t.form)) return undefined;
  }
  return undefined;
}

// "user1's machines" → user; "pc1's logons", "pc1's details" → machine.
function ownerOf(tokens: readonly Token[], at: number): Role | undefined {
  if (!isPossessiveMarker(tokens[at + 1]?.form ?? '')) return undefined;
  for (const t of tokens.slice(at + 2, at + 4)) {
    if (t.cls === 'machineNoun') return 'user';
    if (t.cls === 'userNoun' || t.cls === 'machineIdNoun') return 'machine';
    if (t.cls === 'keyword') {
      const asked = keywordCommand(t.form);
      // A machine and a person both have alerts: "user1's alerts" leaves the name's shape to decide.
      if (asked === 'alerts' || asked === 'alert') return undefined;
      return asked === 'machinesForUser' ? 'user' : 'machine';
    }
  }
  return undefined;
}

function previousWord(tokens: readonly Token[], at: number): Token | undefined {
  let i = at - 1;
  while (i >= 0 && ARTICLES.has(tokens[i]?.form ?? '')) i--;
  return tokens[i];
}

function contextOf(tokens: readonly Token[], at: number): Role | undefined {
  const before = previousWord(tokens, at)?.cls;
  if (before === 'agent') return 'user';
  if (before === 'place') return 'machine';
  const after = tokens[at + 1]?.cls;
  if (after === 'logonVerb' || after === 'use') return 'user';
  return undefined;
}

function askedRole(cues: Cues): Role | undefined {
  if (cues.asks.has('machinesForUser') && !cues.who) return 'user';
  const logons = cues.asks.has('logonUsers') || cues.logonVerb;
  if (cues.where && (logons || cues.use)) return 'user';
  if (logons || (cues.who && cues.use)) return 'machine';
  if (cues.asks.has('machineDetails') || cues.machineNoun) return 'machine';
  if (cues.use) return 'user';
  return undefined;
}

function logonish(cues: Cues, tokens: readonly Token[], at: number): boolean {
  if (cues.asks.has('logonUsers') || cues.logonVerb) return true;
  return cues.who && (cues.use || previousWord(tokens, at)?.cls === 'place' || !cues.asks.has('machineDetails'));
}

/** Suggestion order for a name the message does not settle: what it asks for first, else its look. */
export function choiceOrder(name: string, cues: Cues | undefined): CommandName[] {
  if (cues?.asks.has('machinesForUser')) return ['machinesForUser', 'machineDetails', 'logonUsers'];
  if (cues?.asks.has('logonUsers') || cues?.logonVerb || cues?.who) return ['logonUsers', 'machineDetails', 'machinesForUser'];
  if (cues?.asks.has('machineDetails')) return ['machineDetails', 'logonUsers', 'machinesForUser'];
  return looksLikeHost(name) ? ['machineDetails', 'logonUsers', 'machinesForUser'] : ['machinesForUser', 'machineDetails', 'logonUsers'];
}

/**
 * Commands worth suggesting for each name-shaped word of a message that was not understood, best
 * first: "alerts for user1" → machines for user1, machine user1, who logged onto user1.
 */
export function nameSuggestions(tokens: readonly Token[]): { name: string; order: CommandName[] }[] {
  const cues = cuesOf(tokens);
  const asked = cues.asks.size > 0 || cues.logonPhrase;
  const found: { name: string; order: CommandName[]; rank: number }[] = [];
  for (const t of tokens.slice(0, MAX_NAMES_SCANNED)) {
    if (t.cls !== undefined || t.mention || found.some((f) => f.name === t.raw)) continue;
    const shape = shapeOf(t.raw, false);
    if (shape === 'other' || (shape === 'word' && !asked)) continue;
    const role = roleOfShape(shape);
    const order = choiceOrder(t.raw, cues);
    const rank = role !== undefined ? 0 : shape === 'nameLike' ? 1 : 2;
    const fitting = role === undefined ? order : order.filter((n) => (role === 'user') === (n === 'machinesForUser'));
    found.push({ name: t.raw, rank, order: fitting });
  }
  // Stable: names that can only be one thing, then names with digits or dots, each in message order;
  // plain words only when there is nothing better ("a secret about hunter2" is about hunter2).
  const best = found.some((f) => f.rank < 2) ? found.filter((f) => f.rank < 2) : found;
  return best
    .sort((a, b) => a.rank - b.rank)
    .slice(0, 3)
    .map(({ name, order }) => ({ name, order }));
}

function userCommand(name: Token, page: Page, mentions: readonly UserMention[]): Command {
  const def = commandDefinition('machinesForUser');
  const user = userArgument(def, [name.raw], name.raw, mentions);
  if (!user.ok) return invalid('machinesForUser', 'user', shown(name.raw, mentions), user.reason);
  if (!page.ok) return invalid('machinesForUser', 'page', forDisplay(page.input, MAX_ECHOED_ARGUMENT), PAGE_RULE);
  return { kind: 'machinesForUser', user: user.value, page: page.value };
}

function machineCommand(name: Token, which: 'logonUsers' | 'machineDetails', page: Page, mentions: readonly UserMention[]): Command {
  const def = commandDefinition(which);
  const machine = machineArgument(name.raw, def.examples[0] ?? def.usage);
  if (!machine.ok) return invalid(which, 'machine', shown(name.raw, mentions), machine.reason);
  if (which === 'machineDetails') return { kind: 'machineDetails', machine: machine.value };
  if (!page.ok) return invalid(which, 'page', forDisplay(page.input, MAX_ECHOED_ARGUMENT), PAGE_RULE);
  return { kind: 'logonUsers', machine: machine.value, page: page.value };
}

function shown(typed: string, mentions: readonly UserMention[]): string {
  return forDisplay(withMentionNames(typed, mentions), MAX_ECHOED_ARGUMENT);
}

function invalid(command: CommandName, part: string, input: string, reason: string): Command {
  return { kind: 'invalid', command, part, input, reason };
}
