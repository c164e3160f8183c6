// The README is where analysts and admins learn what to type: every command it shows must parse to
// what it says. Extracted from the text, so an example added there is tested without touching this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, parseCommand, type Command } from '../../src/commands';
import { repoRoot } from '../../scripts/rig/repo-root';

const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const SAMPLE: Record<string, string> = {
  '<user>': 'user1',
  '<machine>': 'pc1.contoso.com',
  '<alert id>': 'da638990412207749523_-1572894410',
  '<action id>': '7b6b2f0c-3a5e-4f0e-9b7a-2f1d3c4e5a6b',
};

function codeSpans(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
}

function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const next = README.slice(start + heading.length + 2).search(/\n## /);
  return next < 0 ? README.slice(start) : README.slice(start, start + heading.length + 2 + next);
}

/** Rows of the Commands table: the command's own usage and every example in the "also understood" cell. */
function commandTableRows(): { name: Command['kind']; examples: string[] }[] {
  const lines = section('## Commands').split('\n');
  const header = lines.findIndex((line) => line.startsWith('| command | also'));
  assert.ok(header >= 0, 'the Commands section has its table');
  const end = lines.findIndex((line, i) => i > header && !line.startsWith('|'));
  const rows = lines.slice(header + 2, end < 0 ? undefined : end);
  return rows.map((row) => {
    const [usageCell = '', alsoCell = ''] = row.split(' | ');
    const usage = codeSpans(usageCell)[0] ?? '';
    const def = COMMANDS.find((c) => c.usage === usage);
    assert.ok(def, `the Commands table's row "${usage}" is a command in definitions.ts`);
    const examples = [usage, ...codeSpans(alsoCell)].map((e) =>
      e.replace(/<user>|<machine>|<alert id>|<action id>/g, (p) => SAMPLE[p] ?? p),
    );
    return { name: def.name, examples };
  });
}

test("the Commands table lists every command, and every example in it parses to its row's command", () => {
  const rows = commandTableRows();
  assert.deepEqual(
    rows.map((r) => r.name),
    COMMANDS.map((c) => c.name),
  );
  assert.ok(rows.reduce((n, r) => n + r.examples.length, 0) > 20, 'the table has examples');
  for (const { name, examples } of rows) {
    for (const text of examples) assert.equal(parseCommand({ text }).kind, name, text);
  }
});

test('every line typed in the sample conversation gets the answer the README shows', () => {
  const lines = README.split('\n');
  const typed = lines.flatMap((line, i) => {
    const said = /^you>\s+(.*)$/.exec(line)?.[1];
    return said === undefined || said.startsWith('(') ? [] : [{ said, reply: lines[i + 1] ?? '' }];
  });
  assert.ok(typed.length >= 3, 'the README shows a conversation');
  for (const { said, reply } of typed) {
    const result = parseCommand({ text: said });
    if (/^bot>\s+I didn't understand/.test(reply)) {
      const offered = [...reply.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]).filter((b) => b !== 'Help');
      assert.deepEqual(result.kind === 'unknown' ? result.suggestions.map((s) => s.text) : result, offered, said);
    } else {
      assert.ok(
        ['machinesForUser', 'logonUsers', 'machineDetails', 'alerts', 'alert'].includes(result.kind),
        `${said} → ${JSON.stringify(result)}`,
      );
    }
  }
});

test('the commands the introduction and quick start tell you to type are lookups', () => {
  const intro = README.slice(0, README.indexOf('\n## What a conversation looks like'));
  const commands = codeSpans(intro).filter((s) => /^(machines for|who logged onto) /.test(s));
  assert.ok(commands.length >= 2, commands.join(', '));
  for (const text of commands) assert.ok(!['unknown', 'invalid', 'help'].includes(parseCommand({ text }).kind), text);
});
