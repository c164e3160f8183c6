// Response actions are off unless configured: production never enables one by itself, the demo on its
// own simulated tenant enables all, and every bad value is named with what to use instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config';

const PRODUCTION = {
  BOT_ID: '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b',
  BOT_PASSWORD: 'bot-secret-value',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: '8f2c1e4a-3b5d-4c6e-9f70-1a2b3c4d5e6f',
  OAUTH_CONNECTION_NAME: 'defender-sso',
};

const enabled = (env: Record<string, string>): string[] => [...loadConfig(env).responseActions.enabled].sort();

test('off unless configured: production and a demo on another API have none; the demo on its own simulated tenant has all', () => {
  assert.deepEqual(enabled(PRODUCTION), []);
  assert.deepEqual(enabled({ DEFENDER_API_URL: 'http://127.0.0.1:9' }), []);
  assert.deepEqual(enabled({}), ['collect', 'isolate', 'release', 'restrict', 'scan', 'unrestrict']);
  const c = loadConfig(PRODUCTION).responseActions;
  assert.equal(c.approval, 'none');
  assert.equal(c.confirmMinutes, 10);
});

test('a comma list enables those actions (restrict also allows unrestrict); approval, minutes and polling are read', () => {
  assert.deepEqual(enabled({ ...PRODUCTION, RESPONSE_ACTIONS: 'isolate, Release,restrict' }), [
    'isolate',
    'release',
    'restrict',
    'unrestrict',
  ]);
  assert.deepEqual(enabled({ ...PRODUCTION, RESPONSE_ACTIONS: 'none' }), []);
  const c = loadConfig({
    ...PRODUCTION,
    RESPONSE_ACTIONS: 'all',
    RESPONSE_ACTIONS_APPROVAL: 'second-analyst',
    RESPONSE_ACTION_CONFIRM_MINUTES: '3',
    RESPONSE_ACTION_POLL_MS: '250',
    RESPONSE_ACTION_RESUME_SCAN_MS: '2000',
  }).responseActions;
  assert.equal(c.approval, 'second-analyst');
  assert.equal(c.confirmMinutes, 3);
  assert.equal(c.followUp.firstDelayMs, 250);
  assert.equal(c.followUp.resumeScanMs, 2000);
  assert.equal(loadConfig({ ...PRODUCTION, RESPONSE_ACTIONS: 'all' }).responseActions.followUp.resumeScanMs, 15_000);
});

test('bad values are refused together, each naming its key', () => {
  try {
    loadConfig({
      ...PRODUCTION,
      RESPONSE_ACTIONS: 'isolate,wipe',
      RESPONSE_ACTIONS_APPROVAL: 'boss',
      RESPONSE_ACTION_CONFIRM_MINUTES: '0',
      RESPONSE_ACTION_POLL_MS: 'soon',
      RESPONSE_ACTION_RESUME_SCAN_MS: '10',
    });
    assert.fail('accepted');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    const keys = e.problems.map((p) => p.split('=')[0]);
    assert.deepEqual(keys, [
      'RESPONSE_ACTIONS',
      'RESPONSE_ACTIONS_APPROVAL',
      'RESPONSE_ACTION_CONFIRM_MINUTES',
      'RESPONSE_ACTION_POLL_MS',
      'RESPONSE_ACTION_RESUME_SCAN_MS',
    ]);
    assert.match(e.problems[0] ?? '', /"wipe" is not a response action/);
  }
});
