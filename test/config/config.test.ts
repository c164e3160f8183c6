import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';
import { problemsOf } from '../helpers/config-problems';

const GUID = '11111111-2222-3333-4444-555555555555';

test('no configuration at all starts the demo on port 3978 with the playground', () => {
  const c = loadConfig({});
  assert.equal(c.mode, 'demo');
  assert.equal(c.port, 3978);
  assert.equal(c.cloud, 'Commercial');
  assert.equal(c.defenderApiUrl, undefined);
  assert.equal(c.mode === 'demo' && c.playground, true);
  assert.equal(c.mode === 'demo' && c.demoAnalyst, 'soc-lead');
});

test('CI=true turns the playground off, PLAYGROUND=0 too', () => {
  const ci = loadConfig({ CI: 'true' });
  const off = loadConfig({ PLAYGROUND: '0' });
  assert.equal(ci.mode === 'demo' && ci.playground, false);
  assert.equal(off.mode === 'demo' && off.playground, false);
});

test('buttons are messageBack unless the demo runs the Playground, which cannot click them', () => {
  const actions = (env: Record<string, string>) => {
    const c = loadConfig(env);
    return c.mode === 'demo' ? c.cardActions : 'production';
  };
  assert.equal(actions({ CI: 'true' }), 'messageBack');
  assert.equal(actions({ PLAYGROUND: '0' }), 'messageBack');
  assert.equal(actions({}), 'plainSubmit');
  assert.equal(actions({ CARD_ACTIONS: 'messageBack' }), 'messageBack');
  assert.equal(actions({ CI: 'true', CARD_ACTIONS: 'submit' }), 'plainSubmit');
  assert.ok(problemsOf({ CARD_ACTIONS: 'imBack' }).some((p) => p.startsWith('CARD_ACTIONS')));
  assert.ok(
    problemsOf({ BOT_ID: GUID, BOT_PASSWORD: 'x', CARD_ACTIONS: 'submit' }).some((p) => p.startsWith('CARD_ACTIONS is a demo-only key')),
  );
});

test('DEFENDER_API_URL is honoured in demo mode and normalised without /api or trailing slash', () => {
  assert.equal(loadConfig({ DEFENDER_API_URL: 'http://127.0.0.1:4000/api/' }).defenderApiUrl, 'http://127.0.0.1:4000');
  assert.equal(
    loadConfig({ DEFENDER_API_URL: 'https://api-eu.securitycenter.microsoft.com' }).defenderApiUrl,
    'https://api-eu.securitycenter.microsoft.com',
  );
});

test('each cloud maps to its API host, token audience, login host and portal', () => {
  const gcch = loadConfig({ DEFENDER_CLOUD: 'gcchigh' });
  assert.equal(gcch.cloudSettings.apiBaseUrl, 'https://api-gov.securitycenter.microsoft.us');
  assert.equal(gcch.cloudSettings.loginHost, 'https://login.microsoftonline.us');
  assert.equal(gcch.cloudSettings.portalBaseUrl, 'https://security.microsoft.us');
  assert.equal(loadConfig({ DEFENDER_CLOUD: 'DoD' }).cloudSettings.portalBaseUrl, 'https://security.apps.mil');
  assert.equal(loadConfig({ DEFENDER_CLOUD: 'GCC' }).cloudSettings.audience, 'https://api-gcc.securitycenter.microsoft.us');
  assert.equal(loadConfig({}).cloudSettings.audience, 'https://api.securitycenter.microsoft.com');
});

test('every bad value is reported at once, naming the key', () => {
  const problems = problemsOf({
    PORT: 'eighty',
    DEFENDER_CLOUD: 'mars',
    LOG_LEVEL: 'loud',
    DEFENDER_API_URL: 'not a url',
    DEMO_ANALYST: 'mallory',
  });
  for (const key of ['PORT', 'DEFENDER_CLOUD', 'LOG_LEVEL', 'DEFENDER_API_URL', 'DEMO_ANALYST']) {
    assert.ok(
      problems.some((p) => p.startsWith(key)),
      `${key} missing from ${JSON.stringify(problems)}`,
    );
  }
});

test('a production app id can never run on demo data', () => {
  const problems = problemsOf({ BOT_ID: GUID, BOT_PASSWORD: 'x', DEMO: '1', DEMO_ANALYST: 'soc-lead' });
  assert.ok(problems.some((p) => p.includes('DEMO=1 cannot be combined with BOT_ID')));
  assert.ok(problems.some((p) => p.startsWith('DEMO_ANALYST')));
  assert.throws(() => loadConfig({ BOT_ID: GUID, BOT_PASSWORD: 'x' }), ConfigError);
});

test('a half-configured production identity names the missing key and where to get it', () => {
  const problems = problemsOf({ BOT_ID: GUID, BOT_TYPE: 'SingleTenant' });
  assert.ok(problems.some((p) => p.startsWith('BOT_PASSWORD is missing') && p.includes('Certificates & secrets')));
  assert.ok(problems.some((p) => p.startsWith('BOT_TENANT_ID is missing')));
  assert.ok(problemsOf({ BOT_ID: 'not-a-guid', BOT_PASSWORD: 'x' }).some((p) => p.includes('is not a GUID')));
  assert.ok(problemsOf({ BOT_ID: GUID, BOT_PASSWORD: 'x', BOT_TYPE: 'Weird' }).some((p) => p.startsWith('BOT_TYPE')));
});

test('bot secrets without BOT_ID are refused instead of silently running the demo', () => {
  assert.ok(problemsOf({ BOT_PASSWORD: 'secret' }).some((p) => p.startsWith('BOT_PASSWORD is set but BOT_ID is not')));
});

test('the error message never echoes the bot password', () => {
  try {
    loadConfig({ BOT_ID: 'bad', BOT_PASSWORD: 'hunter2-very-secret' });
    assert.fail('expected ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.ok(!e.message.includes('hunter2-very-secret'));
  }
});

test('Defender budget, cache and retry settings are read in their units and bad values are named', () => {
  const c = loadConfig({
    DEFENDER_RATE_PER_MINUTE: '50',
    RESULT_CACHE_TTL_SECONDS: '0',
    DEFENDER_REQUEST_TIMEOUT_SECONDS: '4',
    DEFENDER_RATE_SAFETY_MARGIN: '0.1',
  });
  assert.deepEqual(c.resilience, { perMinute: 50, cacheTtlMs: 0, requestTimeoutMs: 4000, safetyMargin: 0.1 });
  assert.deepEqual(loadConfig({}).resilience, {}, 'unset keys keep the library defaults');
  const problems = problemsOf({
    DEFENDER_RATE_PER_MINUTE: '0',
    DEFENDER_RETRY_ATTEMPTS: '1.5',
    DEFENDER_RATE_SAFETY_MARGIN: '1',
    RESULT_CACHE_TTL_SECONDS: 'soon',
  });
  for (const key of ['DEFENDER_RATE_PER_MINUTE', 'DEFENDER_RETRY_ATTEMPTS', 'DEFENDER_RATE_SAFETY_MARGIN', 'RESULT_CACHE_TTL_SECONDS']) {
    assert.ok(
      problems.some((p) => p.startsWith(key)),
      `${key} in ${JSON.stringify(problems)}`,
    );
  }
});

test('SLOW_REPLY_MS stays under Teams redelivery', () => {
  assert.equal(loadConfig({}).slowReplyMs, 10_000);
  assert.ok(problemsOf({ SLOW_REPLY_MS: '20000' }).some((p) => p.startsWith('SLOW_REPLY_MS')));
});

test('the demo listens on 127.0.0.1 unless HOST says otherwise, which is a warning (it has no authentication)', () => {
  const demo = loadConfig({});
  assert.equal(demo.host, '127.0.0.1');
  assert.deepEqual(demo.warnings, []);
  const open = loadConfig({ HOST: '0.0.0.0' });
  assert.equal(open.host, '0.0.0.0');
  assert.equal(open.warnings.length, 1);
  assert.match(open.warnings[0] ?? '', /^HOST=0\.0\.0\.0: the demo has no authentication/);
  assert.deepEqual(loadConfig({ HOST: 'localhost' }).warnings, []);
  assert.ok(problemsOf({ HOST: 'every interface please' }).some((p) => p.startsWith('HOST=')));
});

test('CHANNEL_RESULTS: thread by default, private on request, anything else refused with both choices named', () => {
  assert.equal(loadConfig({}).channelResults, 'thread');
  assert.equal(loadConfig({ CHANNEL_RESULTS: 'Private' }).channelResults, 'private');
  const problems = problemsOf({ CHANNEL_RESULTS: 'dm' });
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /^CHANNEL_RESULTS="dm" must be thread .* or private /);
});
