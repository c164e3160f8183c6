// Two boundaries. The Teams SDKs are end-of-support upstream: only src/teams may import them, so that
// moving to their successors touches one folder. And production loads only the bot (below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../scripts/rig/repo-root';
import { staticImportsFrom } from './docs/import-graph';

const SDK_IMPORT =
  /(?:from\s+|require\(\s*|import\(\s*)['"](botbuilder(?:-[a-z-]+)?|botframework-[a-z-]+|@microsoft\/teams-ai)(?:\/[^'"]*)?['"]/g;

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
  const samples = [
    `import { TurnContext } from 'botbuilder';`,
    `const x = require("@microsoft/teams-ai");`,
    `import type { A } from 'botframework-connector/lib/x';`,
  ];
  for (const s of samples) assert.ok([...s.matchAll(SDK_IMPORT)].length === 1, s);
});

// Production runs src/main.ts and nothing else: no rig, test, bench or build-time code, no simulated
// tenant (demo mode loads it with a dynamic import), no devDependency (`npm ci --omit=dev` leaves
// those out of the image). The walk follows static imports only, as Node loads them at start.
interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

function productionBoundaryViolations(root: string, pkg: PackageJson): string[] {
  const { files, packages } = staticImportsFrom(join(root, 'src', 'main.ts'));
  const forbidden = [join(root, 'scripts'), join(root, 'test'), join(root, 'src', 'simulator')];
  const offFiles = files.filter((f) => forbidden.some((dir) => f.startsWith(`${dir}/`))).map((f) => `loads ${relative(root, f)}`);
  const offPackages = packages
    .filter((p) => !(p in pkg.dependencies))
    .map((p) => `loads ${p} (${p in pkg.devDependencies ? 'a devDependency' : 'not a dependency'})`);
  return [...offFiles, ...offPackages];
}

test('nothing reachable from src/main.ts loads a rig, test or build code, the simulator, or a devDependency', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
  assert.deepEqual(productionBoundaryViolations(repoRoot, pkg), []);
  // The walk really covers the bot: its composition root and the Teams SDK are in it.
  const { files, packages } = staticImportsFrom(join(repoRoot, 'src', 'main.ts'));
  assert.ok(files.includes(join(repoRoot, 'src', 'app', 'start-bot.ts')) && packages.includes('@microsoft/teams-ai'));
});

test('the production boundary check flags static imports of each forbidden kind, and allows a dynamic one', () => {
  const root = mkdtempSync(join(tmpdir(), 'boundary-'));
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  try {
    const lines = (...l: string[]): string => `${l.join('\n')}\n`;
    write(
      'src/main.ts',
      lines(`import { a } from './app/a';`, `import express from 'express';`, `const demo = () => import('./simulator/index.js');`),
    );
    write(
      'src/app/a.ts',
      lines(`import { rig } from '../../scripts/rig/x';`, `export { b } from './b';`, `import type { Sim } from '../simulator';`),
    );
    write(
      'src/app/b.ts',
      lines(
        `import { startSimulator } from '../simulator';`,
        `import { h } from '../../test/helpers/h';`,
        `import jwt from 'jsonwebtoken';`,
        `import { x } from 'left-pad';`,
      ),
    );
    write('src/simulator/index.ts', 'export const startSimulator = 1;\n');
    write('scripts/rig/x.ts', 'export const rig = 1;\n');
    write('test/helpers/h.ts', 'export const h = 1;\n');
    const pkg: PackageJson = { dependencies: { express: '5' }, devDependencies: { jsonwebtoken: '9' } };
    assert.deepEqual(productionBoundaryViolations(root, pkg).sort(), [
      'loads jsonwebtoken (a devDependency)',
      'loads left-pad (not a dependency)',
      'loads scripts/rig/x.ts',
      'loads src/simulator/index.ts',
      'loads test/helpers/h.ts',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** Relative specifiers of every import in `source`: static, dynamic and require. */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)].map((m) => m[1] ?? '');
}

const isInside = (dir: string, path: string): boolean => !relative(dir, path).startsWith('..');

/** Relative imports of `file` that resolve to `target` or below. */
function importsInto(target: string, file: string, source: string): string[] {
  return relativeImports(source)
    .filter((s) => isInside(target, join(dirname(file), s)))
    .map((s) => `${relative(repoRoot, file)} imports ${s}`);
}

/** Relative imports of `file` that resolve outside `srcDir`. */
function importsLeavingSrc(srcDir: string, file: string, source: string): string[] {
  return relativeImports(source)
    .filter((s) => !isInside(srcDir, join(dirname(file), s)))
    .map((s) => `${relative(srcDir, file)} imports ${s}`);
}

test('no file under src/ imports anything outside src/ (the image is built from src/ alone)', () => {
  const srcDir = join(repoRoot, 'src');
  const found = sourceFiles(srcDir).flatMap((f) => importsLeavingSrc(srcDir, f, readFileSync(f, 'utf8')));
  assert.deepEqual(found, []);
  const sample = `import { a } from '../../scripts/rig/x';\nconst b = await import('../../test/y.js');\nimport { c } from '../config';\n`;
  assert.deepEqual(importsLeavingSrc(srcDir, join(srcDir, 'app', 'z.ts'), sample), [
    'app/z.ts imports ../../scripts/rig/x',
    'app/z.ts imports ../../test/y.js',
  ]);
});

test('nothing under scripts/ imports from test/ (tests use the rigs in scripts/rig, not the other way round)', () => {
  const testDir = join(repoRoot, 'test');
  const found = sourceFiles(join(repoRoot, 'scripts')).flatMap((f) => importsInto(testDir, f, readFileSync(f, 'utf8')));
  assert.deepEqual(found, []);
  const file = join(repoRoot, 'scripts', 'bench', 'z.ts');
  const sample = `import { a } from '../../test/helpers/x';\nimport { b } from '../rig/connector';\nconst c = require('../../test/y');\n`;
  assert.deepEqual(importsInto(testDir, file, sample), [
    'scripts/bench/z.ts imports ../../test/helpers/x',
    'scripts/bench/z.ts imports ../../test/y',
  ]);
});
