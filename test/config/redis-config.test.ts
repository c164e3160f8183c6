// REDIS_URL and its companions (src/config/redis-config.ts): validated at start, every problem named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { problemsOf } from '../helpers/config-problems';

test('without REDIS_URL the state is in-process', () => {
  assert.deepEqual(loadConfig({ CI: 'true' }).sharedState, { expectedReplicas: 2 });
});

test('Azure Managed Redis: rediss:// on port 10000 with an access key, the default prefix and timeout', () => {
  const c = loadConfig({ CI: 'true', REDIS_URL: 'rediss://:key%2Fwith@my-cache.westeurope.redis.azure.net:10000', EXPECTED_REPLICAS: '3' });
  assert.deepEqual(c.sharedState, {
    expectedReplicas: 3,
    redis: {
      url: 'rediss://:key%2Fwith@my-cache.westeurope.redis.azure.net:10000',
      useEntraId: false,
      keyPrefix: 'mde-chatops:',
      commandTimeoutMs: 500,
    },
  });
  assert.deepEqual(c.warnings, []);
});

test('Entra ID authentication: the URL must not carry a password', () => {
  const ok = loadConfig({ CI: 'true', REDIS_URL: 'rediss://my-cache.westeurope.redis.azure.net:10000', REDIS_USE_ENTRA_ID: 'true' });
  assert.equal(ok.sharedState.redis?.useEntraId, true);
  assert.deepEqual(problemsOf({ CI: 'true', REDIS_URL: 'rediss://:secret@h:10000', REDIS_USE_ENTRA_ID: 'true' }), [
    'REDIS_URL carries a password but REDIS_USE_ENTRA_ID=true: remove the password from the URL (the managed identity signs in).',
  ]);
});

test('bad values are each named with what to do', () => {
  assert.deepEqual(problemsOf({ CI: 'true', REDIS_URL: 'http://cache:6379' }), [
    'REDIS_URL must start with redis:// or rediss:// (TLS), got http://.',
  ]);
  assert.deepEqual(problemsOf({ CI: 'true', REDIS_URL: 'not a url' }), [
    'REDIS_URL is not a URL: use redis://host:6379 or rediss://<name>.<region>.redis.azure.net:10000.',
  ]);
  assert.deepEqual(
    problemsOf({
      CI: 'true',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'has space',
      REDIS_TIMEOUT_MS: '20000',
      REDIS_USE_ENTRA_ID: 'maybe',
    }),
    [
      'REDIS_USE_ENTRA_ID="maybe" must be true or false.',
      "REDIS_KEY_PREFIX=\"has space\" must be 1-64 letters, digits, '.', ':', '_' or '-', e.g. mde-chatops:.",
      'REDIS_TIMEOUT_MS="20000" must be a whole number of milliseconds from 20 to 5000 (a slow Redis must not hold a reply near Teams\' 15 s).',
    ],
  );
  assert.deepEqual(problemsOf({ CI: 'true', EXPECTED_REPLICAS: '0' }), [
    'EXPECTED_REPLICAS="0" must be a whole number from 1 to 100: how many bot instances run (App Service instance count, Container Apps max replicas).',
  ]);
  assert.deepEqual(problemsOf({ CI: 'true', REDIS_KEY_PREFIX: 'x:' }), [
    'REDIS_KEY_PREFIX is set but REDIS_URL is not: set REDIS_URL (rediss://<name>.<region>.redis.azure.net:10000) or remove REDIS_KEY_PREFIX.',
  ]);
});

test('plain redis:// to another host is allowed with a warning: device data would cross the network in clear', () => {
  const c = loadConfig({ CI: 'true', REDIS_URL: 'redis://cache.internal:6379' });
  assert.deepEqual(c.warnings, [
    'REDIS_URL uses redis:// to cache.internal: no TLS, so cached device data crosses the network in clear. Use rediss://.',
  ]);
  assert.deepEqual(loadConfig({ CI: 'true', REDIS_URL: 'redis://127.0.0.1:6379' }).warnings, []);
});
