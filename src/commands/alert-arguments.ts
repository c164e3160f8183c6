// The arguments of the two alert commands, whichever way they were phrased (./parse.ts for
// "alerts on <machine>", ./intent.ts for "what alerts does pc1 have").
//
// "alerts on|from <x>" is about a machine, "alerts for user <x>" about a person. Otherwise ("alerts
// for <x>", "incidents for <x>") the name decides: a device id, an IP address or a fully qualified host
// name can only be a machine, a UPN, DOMAIN\user or @mention only a person; a single word is a machine
// when it reads like a host name (PC-0042, srv-db-01, pc1) and a person otherwise (user1, jdoe).
import { normalizeAlertId } from '../defender/alert-id';
import { machineArgument, userArgument } from './arguments';
import type { CommandDefinition } from './definitions';
import { forDisplay, MAX_ECHOED_ARGUMENT } from './display';
import { looksLikeHost, roleOfShape, shapeOf, type Role } from './entities';
import { mentionOf, withMentionNames, type UserMention } from './message';
import type { Command } from './types';
import { vocabularyForm, wordClass } from './vocabulary';

/** Why a typed alert id is refused; it names the shape, so the analyst can see what went wrong. */
export const ALERT_ID_RULE =
  'that is not a valid alert id: two letters, then digits or a GUID, an underscore and a number, e.g. da638990412207749523_-1572894410';

/** The role a verb's last word gives its argument: "alerts on", "what alerts are on", "alerts from" a machine. */
export function verbRole(words: readonly string[]): Role | undefined {
  const last = words[words.length - 1] ?? '';
  return last === 'on' || last === 'from' ? 'machine' : undefined;
}

/** The role of a name that nothing else settles, from its shape; a host-like word is a machine. */
export function roleOfName(typed: string, isMention: boolean): Role {
  return roleOfShape(shapeOf(typed, isMention)) ?? (looksLikeHost(typed) ? 'machine' : 'user');
}

export function alertsCommand(
  def: CommandDefinition,
  verb: Role | undefined,
  argument: readonly string[],
  mentions: readonly UserMention[],
  page: number,
): Command {
  let role = verb;
  let words = argument;
  // "alerts for user jdoe", "alerts for machine pc1": a label settles it.
  const label = argument.length === 2 && role === undefined ? wordClass(vocabularyForm(argument[0] ?? '')) : undefined;
  if (label === 'userNoun' || label === 'machineNoun' || label === 'machineIdNoun') {
    role = label === 'userNoun' ? 'user' : 'machine';
    words = argument.slice(1);
  }
  const typed = words.join(' ');
  const shown = forDisplay(withMentionNames(typed, mentions), MAX_ECHOED_ARGUMENT);
  if (role === undefined) {
    const mentioned = words.length === 1 && mentionOf(typed, mentions) !== undefined;
    // Several words are no host name; as a person they get the user-name rules' own reason.
    role = words.length === 1 ? roleOfName(typed, mentioned) : 'user';
  }
  if (role === 'user') {
    const user = userArgument(def, words, typed, mentions);
    if (!user.ok) return { kind: 'invalid', command: 'alerts', part: 'user', input: shown, reason: user.reason };
    return { kind: 'alerts', about: { kind: 'user', user: user.value }, page };
  }
  const machine = machineArgument(typed, def.examples[0] ?? def.usage);
  if (!machine.ok) return { kind: 'invalid', command: 'alerts', part: 'machine', input: shown, reason: machine.reason };
  return { kind: 'alerts', about: { kind: 'machine', machine: machine.value }, page };
}

/** `alert <id>`: one well-formed alert id, or a refusal before any call is made. */
export function alertCommand(argument: readonly string[], shown: string): Command {
  const id = argument.length === 1 ? normalizeAlertId(argument[0] ?? '') : undefined;
  if (id === undefined) return { kind: 'invalid', command: 'alert', part: 'alert id', input: shown, reason: ALERT_ID_RULE };
  return { kind: 'alert', alertId: id };
}
