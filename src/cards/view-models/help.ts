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
      outro: 'A user can be user1, user1@contoso.com or CONTOSO\\\\user1. A machine can be a host name, a device id or an IP address. In a channel, mention me first.',
    },
    summary,
    fallbackText: [summary, ...commands.map((c) => `${c.usage}: ${c.description} (e.g. ${c.examples.join('; ')})`)].join('\n'),
  };
}
