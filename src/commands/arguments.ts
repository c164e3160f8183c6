// A typed user or machine → its reference, with the same checks whichever way the command was
// phrased (./parse.ts for "verb <argument>", ./intent.ts for free-form messages).
import type { CommandDefinition } from './definitions';
import { containsMention, mentionOf, type UserMention } from './message';
import { normalizeUserName, parseMachine, type Checked } from './normalize';
import type { MachineRef, UserRef } from './types';

export function userArgument(
  def: CommandDefinition,
  argument: readonly string[],
  typed: string,
  mentions: readonly UserMention[],
): Checked<UserRef> {
  const mention = argument.length === 1 ? mentionOf(typed, mentions) : undefined;
  if (mention) return { ok: true, value: { kind: 'mention', teamsUserId: mention.teamsUserId, displayName: mention.displayName } };
  if (containsMention(typed)) {
    return { ok: false, reason: `to ask about a Teams user, @mention only them, e.g. ${def.verbs[0] ?? def.title} @Jane Doe` };
  }
  // Markup of a mention Teams sent no entity for: we cannot tell who it is.
  if (/<at>/i.test(typed)) {
    return {
      ok: false,
      reason: `I could not tell who that @mention is; type their user name instead, e.g. ${def.examples[0] ?? def.usage}`,
    };
  }
  const name = normalizeUserName(typed);
  return name.ok ? { ok: true, value: { kind: 'userName', name: name.value } } : name;
}

export function machineArgument(typed: string, example: string): Checked<MachineRef> {
  if (containsMention(typed) || /<at>/i.test(typed)) {
    return { ok: false, reason: `that is a person; say which machine by host name, device id or IP address, e.g. ${example}` };
  }
  return parseMachine(typed);
}
