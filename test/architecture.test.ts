// The Teams SDKs are end-of-support upstream: only src/teams may import them, so that moving to
// their successors touches one folder. This test reads every source file and enforces that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../scripts/rig/repo-root';

const SDK_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](botbuilder(?:-[a-z-]+)?|botframework-[a-z-]+|@microsoft\/teams-ai)(?:\/[^'"]*)?['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

function sdkImportsOutsideTeams(srcDir: string): string[] {
  return sourceFiles(srcDir)
    .filter((f) => !relative(srcDir, f).startsWith(`teams`))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(SDK_IMPORT)].map((m) => `${relative(srcDir, f)} imports ${m[1]}`));
}

test('only src/teams imports botbuilder or @microsoft/teams-ai', () => {
  assert.deepEqual(sdkImportsOutsideTeams(join(repoRoot, 'src')), []);
});

test('the boundary check notices an SDK import outside src/teams', () => {
  // Guard against a regex that silently matches nothing.
  const samples = [`import { TurnContext } from 'botbuilder';`, `const x = require("@microsoft/teams-ai");`, `import type { A } from 'botframework-connector/lib/x';`];
  for (const s of samples) assert.ok([...s.matchAll(SDK_IMPORT)].length === 1, s);
});
