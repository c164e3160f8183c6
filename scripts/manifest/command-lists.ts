// The Teams command menu (bots[0].commandLists) is generated from COMMANDS, the one declaration of
// what the bot understands, so the menu can never offer a command the parser does not know.
import type { CommandDefinition } from '../../src/commands/definitions';

export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

export interface ManifestCommand {
  title: string;
  description: string;
}

export interface CommandList {
  scopes: [BotScope];
  commands: ManifestCommand[];
}

/**
 * Teams' documented limits for a bot menu entry. The JSON schema is looser (title 128,
 * description 4000) but the client truncates and store validation rejects past these.
 */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

/** Schema 1.24 raised the per-list limit from 10 to 12 (devPreview is ahead of every version). */
export function maxCommandsPerList(manifestVersion: string): number {
  if (manifestVersion === 'devPreview') return 12;
  const [major, minor] = manifestVersion.split('.').map(Number);
  if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) return 10;
  return major > 1 || (major === 1 && minor >= 24) ? 12 : 10;
}

type MenuSource = Pick<CommandDefinition, 'title' | 'description'>;

/** One list per scope (as Teams recommends), each with every command in COMMANDS order. */
export function generateCommandLists(commands: readonly MenuSource[]): CommandList[] {
  return BOT_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commands.map((c) => ({ title: c.title, description: c.description })),
  }));
}

/** Problems that would make the generated menu invalid or truncated in Teams. */
export function checkCommandDefinitions(commands: readonly MenuSource[], manifestVersion: string): string[] {
  const problems: string[] = [];
  const max = maxCommandsPerList(manifestVersion);
  if (commands.length > max) {
    problems.push(`COMMANDS has ${commands.length} entries; a Teams command list (schema ${manifestVersion}) holds at most ${max}.`);
  }
  const seen = new Set<string>();
  for (const c of commands) {
    if (c.title.trim() === '') problems.push('a command has an empty title.');
    if (c.title.length > COMMAND_TITLE_MAX)
      problems.push(`command title "${c.title}" is ${c.title.length} characters; Teams allows ${COMMAND_TITLE_MAX}.`);
    if (c.description.trim() === '') problems.push(`command "${c.title}" has an empty description.`);
    if (c.description.length > COMMAND_DESCRIPTION_MAX) {
      problems.push(`command "${c.title}" description is ${c.description.length} characters; Teams allows ${COMMAND_DESCRIPTION_MAX}.`);
    }
    const key = c.title.trim().toLowerCase();
    if (seen.has(key)) problems.push(`command title "${c.title}" appears twice.`);
    seen.add(key);
  }
  return problems;
}

/**
 * Compares the command lists found in a manifest with the generated ones. Returns one problem per
 * differing list, naming the titles that differ, so "I added a command" is obvious from the output.
 */
export function compareCommandLists(actual: unknown, expected: readonly CommandList[]): string[] {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  if (!Array.isArray(actual)) return ['bots[0].commandLists is missing or not a list.'];
  const problems: string[] = [];
  const lists: unknown[] = actual;
  if (lists.length !== expected.length)
    problems.push(`bots[0].commandLists has ${lists.length} lists; expected ${expected.length} (one per scope: ${BOT_SCOPES.join(', ')}).`);
  expected.forEach((exp, i) => {
    const act = lists[i];
    if (JSON.stringify(act) === JSON.stringify(exp)) return;
    const actTitles = titlesOf(act);
    const expTitles = exp.commands.map((c) => c.title);
    const missing = expTitles.filter((t) => !actTitles.includes(t));
    const extra = actTitles.filter((t) => !expTitles.includes(t));
    const detail = [
      missing.length ? `missing ${missing.map((t) => `"${t}"`).join(', ')}` : '',
      extra.length ? `not in COMMANDS ${extra.map((t) => `"${t}"`).join(', ')}` : '',
    ].filter(Boolean);
    problems.push(
      `bots[0].commandLists[${i}] (${exp.scopes[0]}) differs from COMMANDS${detail.length ? `: ${detail.join('; ')}` : ' (order, scope, title or description text)'}.`,
    );
  });
  return problems;
}

function titlesOf(list: unknown): string[] {
  if (typeof list !== 'object' || list === null || !('commands' in list) || !Array.isArray(list.commands)) return [];
  const commands: unknown[] = list.commands;
  return commands.flatMap((c) => (typeof c === 'object' && c !== null && 'title' in c && typeof c.title === 'string' ? [c.title] : []));
}
