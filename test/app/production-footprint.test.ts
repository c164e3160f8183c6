// A production start loads the bot and nothing else: the running process (not only the import graph,
// test/architecture.test.ts) is asked which files it loaded. Memory is a bench figure
// (npm run bench:footprint), not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { compiledBotMain } from '../../scripts/rig/compiled-bot';
import {
  devOnlyInLockfile,
  forbiddenModules,
  lockKeyOf,
  measureProductionFootprint,
  packageOf,
} from '../../scripts/rig/production-footprint';
import { repoRoot } from '../../scripts/rig/repo-root';

const devOnly = devOnlyInLockfile(repoRoot);

test('a production start answers /healthz and loads no simulator, rig, bench, build tool or dev-only package', async () => {
  const fp = await measureProductionFootprint({ settleMs: 200 });
  assert.deepEqual(fp.healthz, { status: 200, body: '{"status":"ok"}' });
  assert.match(fp.output, /listening on .*\(production, bot /);
  assert.deepEqual(forbiddenModules(fp.files, compiledBotMain, devOnly), []);
  // The snapshot is the bot's: its Teams pipeline and the Teams SDK are in it.
  const outDir = join(compiledBotMain, '..', '..');
  assert.ok(fp.files.includes(join(outDir, 'src', 'teams', 'bot-app.js')), 'bot-app.js loaded');
  assert.ok(
    fp.files.some((f) => packageOf(f) === '@microsoft/teams-ai'),
    'teams-ai loaded',
  );
});

// Idle weight a production process loads only once it needs it (BENCHMARKS.md, "Production start"):
// the card template engine with the first card (src/cards/template.ts), botbuilder-dialogs' prompts
// and recognizers never (src/teams/lazy-dialogs.ts), and a Redis client only when REDIS_URL is set.
const LOADED_ON_DEMAND = new Set([
  'adaptivecards-templating',
  'adaptive-expressions',
  'antlr4ts',
  '@microsoft/recognizers-text-suite',
  'lodash',
  'redis',
  '@redis/client',
  'ioredis',
]);

test('an idle production process has not loaded the template engine, the dialog prompts or a Redis client', async () => {
  const fp = await measureProductionFootprint({ settleMs: 200 });
  assert.equal(fp.healthz.status, 200);
  const early = fp.files.filter(
    (f) => LOADED_ON_DEMAND.has(packageOf(f) ?? '') || f.split(sep).join('/').includes('/botbuilder-dialogs/lib/prompts/'),
  );
  assert.deepEqual(early, []);
  assert.ok(
    fp.files.some((f) => f.split(sep).join('/').endsWith('/botbuilder-dialogs/lib/dialog.js')),
    'teams-ai got its Dialog base class',
  );
});

test('the runtime check flags demo, rig, test and dev-only files and passes production ones', () => {
  const out = `${sep}app${sep}dist`;
  const main = join(out, 'src', 'main.js');
  const files = [
    join(out, 'src', 'teams', 'bot-app.js'),
    join(out, 'src', 'simulator', 'index.js'),
    join(out, 'src', 'app', 'demo-backend.js'),
    join(out, 'src', 'app', 'playground.js'),
    join(out, 'scripts', 'rig', 'identity-provider', 'index.js'),
    join(out, 'test', 'helpers', 'bot-harness.js'),
    `${sep}app${sep}node_modules${sep}express${sep}index.js`,
    `${sep}app${sep}node_modules${sep}adaptivecards${sep}lib${sep}adaptivecards.js`,
    `${sep}app${sep}node_modules${sep}@azure${sep}msal-node${sep}node_modules${sep}uuid${sep}dist${sep}index.js`,
  ];
  const devKeys = new Set(['node_modules/adaptivecards']);
  assert.deepEqual(
    forbiddenModules(files, main, (k) => devKeys.has(k)),
    files.slice(1, 6).concat(files[7] ?? ''),
  );
  assert.equal(lockKeyOf(files[8] ?? ''), 'node_modules/@azure/msal-node/node_modules/uuid');
  assert.equal(packageOf(files[8] ?? ''), 'uuid');
  assert.equal(devOnly('node_modules/adaptivecards'), true, 'adaptivecards is a devDependency in the lockfile');
  assert.equal(devOnly('node_modules/jsonwebtoken'), false, 'jsonwebtoken stays installed: botframework-connector needs it');
});
