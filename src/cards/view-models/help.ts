// The help card, generated from the one list of commands (src/commands/definitions.ts).
import { COMMANDS, type CommandDefinition } from '../../commands/definitions';
import { md } from '../escape';
import { tryExample, type SubmitVm, type View } from './common';

export interface HelpCommandVm {
  usage: string;
  description: string;
  examples: string;
  hasTry: boolean;
  /** For commands that take an argument: one button that runs the first example, listed right above it. */
  tryIt: SubmitVm[];
}

export interface HelpVm {
  title: string;
  intro: string;
  commands: HelpCommandVm[];
  outro: string;
}

/** Commands quoted in the help card's closing text; a test parses each to the command it stands for. */
export const HELP_OUTRO_EXAMPLES = {
  machineByName: 'mymachine1.contoso.com',
  userByName: 'user1@contoso.com',
  logonsInWords: 'who is on pc1?',
  machinesInWords: "user1's laptops",
  page: 'machines for user1 page 2',
} as const;

const X = HELP_OUTRO_EXAMPLES;
/** How to name things, that a bare name and plain words work too, and paging. (`\\\\` is one backslash in markdown.) */
export const HELP_OUTRO = [
  'A user can be user1, user1@contoso.com, CONTOSO\\\\user1 or an @mention; a machine a host name, IP address or device id.',
  `Just a name works: **${X.machineByName}** shows that machine, **${X.userByName}** that user's machines.`,
  `So do plain words: **${X.logonsInWords}**, **${X.machinesInWords}**.`,
  `Long lists have Next and Previous buttons, or type **${X.page}**. In a channel, mention me first.`,
  'In any chat, **Find a device** in the compose box’s apps searches as you type and inserts the device’s card.',
].join(' ');

/** The Try button's title: the example itself is in the list above it (too long for a phone-width button). */
export const TRY_FIRST_EXAMPLE = 'Try the first example';

function commandVm(c: CommandDefinition): HelpCommandVm {
  const first = c.examples[0];
  const tryIt = c.argument !== undefined && first !== undefined ? [tryExample(first, TRY_FIRST_EXAMPLE)] : [];
  return {
    usage: `**${md(c.usage)}**`,
    description: md(c.description, 300),
    examples: c.examples.map((e) => `- ${md(e)}`).join('\n'),
    hasTry: tryIt.length > 0,
    tryIt,
  };
}

export function helpView(commands: readonly CommandDefinition[] = COMMANDS): View<HelpVm> {
  const summary = `What I can do: ${commands.map((c) => c.usage).join(', ')}`;
  return {
    vm: {
      title: 'What I can do',
      intro: 'I look things up in Microsoft Defender for Endpoint **as you**: you see what your own Defender access shows, nothing more.',
      commands: commands.map(commandVm),
      outro: HELP_OUTRO,
    },
    summary,
    fallbackText: [summary, ...commands.map((c) => `${c.usage}: ${c.description} (e.g. ${c.examples.join('; ')})`)].join('\n'),
  };
}
