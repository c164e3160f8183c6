// Teams-shaped activities for the benchmark, built on the recorded personal-chat message in
// test/fixtures/teams (read at run time: it is data, and importing it would copy it into dist/test).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type Activity = Record<string, unknown>;

/** The recorded personal-chat message activity. */
export function loadTemplate(): Activity {
  return JSON.parse(readFileSync(join(repoRoot(), 'test', 'fixtures', 'teams', 'personal-message.json'), 'utf8')) as Activity;
}

export interface MessageSpec {
  /** Unique per activity: the connector path the reply goes to, and how the burst matches replies. */
  id: string;
  /** Which analyst asks: a distinct Teams user per number (from.id and aadObjectId both differ). */
  analyst: number;
  text: string;
  /** A card button's messageBack value (a click), absent for typed text. */
  value?: unknown;
  serviceUrl: string;
}

/** A message from analyst `analyst`, in that analyst's own 1:1 chat with the bot. */
export function message(template: Activity, spec: MessageSpec): Activity {
  const n = spec.analyst;
  return {
    ...template,
    id: spec.id,
    text: spec.text,
    ...(spec.value === undefined ? {} : { value: spec.value }),
    serviceUrl: spec.serviceUrl,
    from: {
      id: `29:bench-analyst-${n}`,
      name: `Bench Analyst ${n}`,
      aadObjectId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    },
    conversation: { ...(template.conversation as Record<string, unknown>), id: `a:bench-conversation-${n}` },
  };
}

function repoRoot(): string {
  for (let dir = resolve(__dirname); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
