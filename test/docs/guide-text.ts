// Reads docs/deployment.md and pulls out what an admin would copy from it: environment keys, the
// start command, health paths, probe declarations, settings blocks, JSON examples. Each extractor
// works on any markdown string, so the tests can also check that it finds something at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/rig/repo-root';

export const GUIDE_PATH = join(repoRoot, 'docs', 'deployment.md');

export function readGuide(): string {
  return readFileSync(GUIDE_PATH, 'utf8');
}

/** Fenced code blocks with their info string (`sh`, `json`, `yaml`…). */
export function codeBlocks(markdown: string): Array<{ lang: string; body: string }> {
  return [...markdown.matchAll(/^[ \t]*```([\w-]*)[ \t]*\n([\s\S]*?)^[ \t]*```[ \t]*$/gm)].map((m) => ({
    lang: m[1] ?? '',
    body: m[2] ?? '',
  }));
}

/**
 * Every environment-key-shaped name: upper case with at least one underscore (`BOT_ID`), a trailing
 * `_*` for a family (`LOCAL_RIG_*`), and the one key without an underscore our config reads, `PORT`.
 * Mixed-case names (`ContainerAppConsoleLogs_CL`, `Log_s`) are not keys and do not match.
 */
export function envKeysNamed(markdown: string): string[] {
  const names = [...markdown.matchAll(/(?<![\w$])[A-Z][A-Z0-9]*(?:(?:_[A-Z0-9]+)+(?:_\*)?|_\*)(?![\w])/g)].map((m) => m[0]);
  const port = /(?<![\w$])PORT(?![\w])/.test(markdown) ? ['PORT'] : [];
  return [...new Set([...names, ...port])].sort();
}

/** `node <file>.js` wherever it appears: shell lines, inline code, a Dockerfile's exec-form CMD. */
export function nodeEntryPoints(text: string): string[] {
  const shell = [...text.matchAll(/\bnode\s+((?:[\w.-]+\/)*[\w.-]+\.js)\b/g)].map((m) => m[1] ?? '');
  const execForm = [...text.matchAll(/\[\s*"node"\s*,\s*"([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return [...new Set([...shell, ...execForm])];
}

/** Paths requested from the bot's host by the guide's curl commands (`curl … https://host/healthz`). */
export function curlPaths(markdown: string): string[] {
  // A curl command may continue over several lines with a trailing backslash.
  const joined = markdown.replace(/\\\n\s*/g, ' ');
  return [...new Set([...joined.matchAll(/\bcurl\b[^\n]*?https?:\/\/[^\s/'"]+(\/[\w/.-]*)/g)].map((m) => m[1] ?? ''))];
}

export interface Probe {
  type: string;
  path: string;
}

/** Container probes in YAML (`- type: Liveness … path: /healthz`). */
export function probes(markdown: string): Probe[] {
  return [...markdown.matchAll(/-\s*type:\s*(Liveness|Readiness|Startup)\b[\s\S]*?\bpath:\s*(\/\S*)/g)].map((m) => ({
    type: m[1] ?? '',
    path: m[2] ?? '',
  }));
}

/** App Service health check paths (`{"healthCheckPath": "/healthz"}`). */
export function appServiceHealthPaths(markdown: string): string[] {
  return [...markdown.matchAll(/"healthCheckPath"\s*:\s*"([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** The ingress target ports of Container Apps commands (`--target-port 3978`). */
export function targetPorts(markdown: string): number[] {
  return [...markdown.matchAll(/--target-port\s+(\d+)/g)].map((m) => Number(m[1]));
}

/**
 * The KEY=VALUE pairs of one CLI option in the shell block that contains `command`, e.g. the
 * `--settings` of `az webapp config appsettings set`: from the option to the next `--option` or the
 * end of the command. Double-quoted tokens are kept whole.
 */
export function settingsOf(markdown: string, command: string, option: string): Record<string, string> {
  for (const block of codeBlocks(markdown)) {
    const joined = block.body.replace(/\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      if (!line.includes(command)) continue;
      const after = line.split(new RegExp(`\\s${option}\\s`))[1];
      if (after === undefined) continue;
      // A `<placeholder with spaces>` stays one token, as the admin's value will be.
      const tokens = [...after.matchAll(/"([^"]*)"|((?:<[^>\n]*>|[^\s"<])+)/g)].map((m) => m[1] ?? m[2] ?? '');
      const pairs: Record<string, string> = {};
      for (const token of tokens) {
        if (token.startsWith('--') || token.startsWith('#')) break;
        const eq = token.indexOf('=');
        if (eq > 0) pairs[token.slice(0, eq)] = token.slice(eq + 1);
      }
      return pairs;
    }
  }
  return {};
}

/** The JSON code blocks that parse, as values. */
export function jsonExamples(markdown: string): unknown[] {
  return codeBlocks(markdown)
    .filter((b) => b.lang === 'json')
    .map((b) => JSON.parse(b.body) as unknown);
}

/** The key structure of a JSON value, for comparing an example with a real answer: `a.b`, `a.c`… */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value)
    .flatMap(([k, v]) => {
      const path = prefix === '' ? k : `${prefix}.${k}`;
      return [path, ...keyPaths(v, path)];
    })
    .sort();
}

/** App Service Node runtimes named anywhere: the CLI's `NODE:24-lts` and the site config's `NODE|24-lts`, as majors. */
export function appServiceRuntimes(markdown: string): number[] {
  return [...new Set([...markdown.matchAll(/\bNODE[:|](\d+)-lts\b/g)].map((m) => Number(m[1])))];
}
