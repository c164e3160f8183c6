// The guide ships the compiled bot with `npm ci --omit=dev`, and so does the Dockerfile. That only
// works while every package the bot loads is a production dependency in the lockfile; these tests
// fail when one is not, and keep the Dockerfile in line with the build and with .dockerignore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { repoRoot } from '../../scripts/rig/repo-root';
import { nodeEntryPoints } from './guide-text';
import { importsOf, packagesReachedFrom } from './import-graph';

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
}
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** Installed by `npm ci --omit=dev`, where the compiled bot can resolve it (top of node_modules). */
function installedForProduction(name: string): boolean {
  const entry = lock.packages[`node_modules/${name}`];
  return entry !== undefined && entry.dev !== true && entry.devOptional !== true;
}

test('every package the bot loads at run time is installed by npm ci --omit=dev', () => {
  const used = packagesReachedFrom(join(repoRoot, 'src', 'main.ts'));
  assert.ok(used.includes('botbuilder') && used.includes('express'), `the walk found the bot's packages: ${used.join(', ')}`);
  assert.deepEqual(
    used.filter((name) => !installedForProduction(name)),
    [],
  );
});

test('the import walk skips type-only imports and would flag a dev-only package', () => {
  const sample = [
    "import { run } from 'typescript';",
    "import type { Arbitrary } from 'fast-check';",
    "import { type A, type B } from 'jsdom';",
    "import 'dotenv/config';",
    "export * from './config';",
    "const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');",
  ].join('\n');
  assert.deepEqual(importsOf(sample), { bare: ['typescript', 'dotenv', '@microsoft/m365agentsplayground'], relative: ['./config'] });
  assert.equal(installedForProduction('typescript'), false, 'the compiler is dev-only');
});

test("rimraf is a production dependency because botbuilder-dialogs' postinstall runs npx rimraf", () => {
  // Without it, npx would have to download rimraf during `npm ci --omit=dev` (and fail with yes=false).
  const dialogs = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'botbuilder-dialogs', 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const callsRimraf = Object.values(dialogs.scripts ?? {}).some((s) => /\bnpx rimraf\b/.test(s));
  // When a botbuilder update drops the postinstall, this fails: rimraf can then go back to devDependencies.
  assert.equal(callsRimraf, true, 'botbuilder-dialogs no longer runs npx rimraf: rimraf may move to devDependencies');
  assert.ok('rimraf' in pkg.dependencies, 'rimraf must be in dependencies, not devDependencies');
});

test("one copy of @azure/msal-node is installed: the Bot Framework packages share @azure/identity's (package.json overrides)", () => {
  // botbuilder, botframework-connector and teams-ai ask for msal-node 2.x; each nested copy loaded side
  // by side costs about 2.8 MB of every process (BENCHMARKS.md, "Production start").
  const copies = Object.keys(lock.packages).filter((k) => k.endsWith('node_modules/@azure/msal-node'));
  assert.deepEqual(copies, ['node_modules/@azure/msal-node']);
});

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim());
/** The instructions after the last FROM: what the image runs. */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

test('the image runs the file npm start runs, from a production-only install', () => {
  const entries = nodeEntryPoints(runtimeStage);
  assert.equal(entries.length, 1, 'one CMD');
  assert.ok((pkg.scripts['start'] ?? '').includes(`node ${entries[0] ?? ''}`));
  assert.match(runtimeStage, /RUN npm ci --omit=dev\b/);
  assert.match(
    runtimeStage,
    new RegExp(`COPY --from=build /app/${(entries[0] ?? '').split('/').slice(0, 2).join('/')} `),
    'the compiled code comes from the build stage',
  );
});

test('the image holds only the built bot: production dependencies and dist/src, nothing from scripts/ or test/', () => {
  const copies = [...runtimeStage.matchAll(/^COPY (.+)$/gm)].map((m) => (m[1] ?? '').trim());
  assert.deepEqual(copies, ['package.json package-lock.json ./', '--from=build /app/dist/src ./dist/src']);
  // The build stage compiles what it copies: src/ only, so no rig, test or build tool is even built.
  const buildStage = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
  const buildCopies = [...buildStage.matchAll(/^COPY (.+)$/gm)].map((m) => (m[1] ?? '').trim());
  assert.deepEqual(
    buildCopies.filter((c) => /\b(scripts|test|manifest)\b/.test(c)),
    [],
  );
  assert.ok(buildCopies.includes('src ./src'));
});

test('every file the Dockerfile copies exists and is let through by .dockerignore', () => {
  // .dockerignore is an allow-list ("*" then "!name"): a COPY of anything else would find nothing.
  assert.equal(
    dockerignore.find((l) => l !== '' && !l.startsWith('#')),
    '*',
  );
  for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)) {
    const sources = (m[1] ?? '').trim().split(/\s+/).slice(0, -1);
    for (const source of sources) {
      assert.ok(existsSync(join(repoRoot, source)), `${source} exists`);
      assert.ok(dockerignore.includes(`!${source}`), `.dockerignore lets ${source} in`);
    }
  }
  assert.ok(!dockerignore.includes('!.env'), "a developer's .env never enters the build context");
});

test('the image exposes the port the bot listens on when PORT is unset', () => {
  assert.equal(Number(/^EXPOSE (\d+)$/m.exec(runtimeStage)?.[1]), loadConfig({ CI: 'true' }).port);
});
