// The Redis tests again, on a newer server than Debian bookworm's 7.0: Azure Managed Redis runs 7.4,
// which no reachable source ships, so this runs them on redis-server 8.0 built from Debian trixie's
// source by scripts/rig/build-redis.sh (.ci/run builds it). Each file below starts its own server
// through scripts/rig/redis-server.ts, which takes the binary from MDE_REDIS_SERVER.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const VERSION = '8.0.2';
// Compiled to dist/test/state: the repository is three folders up.
const BINARY = resolve(__dirname, '..', '..', '..', '.out', `redis-${VERSION}`, 'redis-server');

/** Every test file that talks to a redis-server and not through several bot processes (those are slower and add nothing here). */
const FILES = [
  'state/redis-store.test.js',
  'state/redis-entra.test.js',
  'resilience/command-rate.test.js',
  'resilience/shared-budget.test.js',
  'resilience/result-cache-shared.test.js',
  'resilience/known-answers.test.js',
  'actions/pending-store.test.js',
].map((f) => join(__dirname, '..', f));

const missing = existsSync(BINARY) ? undefined : `no ${BINARY}: build it with bash scripts/rig/build-redis.sh`;
// CI must run it; a developer without the build is told how to get it.
const skip = process.env.CI === 'true' ? false : (missing ?? false);

const NAME = `the Redis tests pass on redis-server ${VERSION} too: state store, Entra sign-in, command count, budget, cache, known answers, confirmations`;
test(NAME, {
  skip,
  timeout: 240_000,
}, async () => {
  assert.equal(missing, undefined, missing);
  // Without NODE_TEST_CONTEXT: node:test would take the child for a nested run and skip its files.
  const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
  const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
    execFile(
      process.execPath,
      ['--test', '--test-reporter=tap', ...FILES],
      { env: { ...env, MDE_REDIS_SERVER: BINARY }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, output: stdout + stderr }),
    );
  });
  const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  const tail = output.slice(-3000);
  assert.equal(code, 0, `the run failed:\n${tail}`);
  assert.equal(count('fail'), 0, tail);
  assert.equal(count('skipped') + count('cancelled') + count('todo'), 0, tail);
  assert.ok(count('tests') > FILES.length, `every file ran its tests: ${count('tests')}`);
  assert.equal(count('pass'), count('tests'), tail);
  // The servers were the newer one: redis-store.test.js reports the version it talked to.
  const versions = [...output.matchAll(/^\s*# redis_version (\S+)$/gm)].map((m) => m[1]);
  assert.deepEqual(versions, [VERSION]);
});
