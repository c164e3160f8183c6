// The guide tells admins which paths to probe and what a healthy answer looks like. Probing a path
// the bot does not serve, or restarting the bot because Defender is down, are deployment bugs: these
// tests run the real bot and hold the guide's paths, probe roles and examples to what it answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startBot } from '../../src/app/start-bot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { personalMessage, startHarness } from '../../scripts/rig/bot-harness';
import { appServiceHealthPaths, curlPaths, jsonExamples, keyPaths, probes, readGuide, targetPorts } from './guide-text';
import { closedPort } from '../helpers/closed-port';

const guide = readGuide();
const livenessPaths = [
  ...probes(guide)
    .filter((p) => p.type === 'Liveness')
    .map((p) => p.path),
  ...appServiceHealthPaths(guide),
];
const readinessPaths = probes(guide)
  .filter((p) => p.type === 'Readiness')
  .map((p) => p.path);

/** The real bot (demo mode) with Defender unreachable. */
async function botWithoutDefender(): Promise<{ url: string; close: () => Promise<void> }> {
  const silent = new Writable({
    write(_c, _e, cb) {
      cb();
    },
  });
  const config = loadConfig({ PORT: '0', CI: 'true', DEFENDER_API_URL: `http://127.0.0.1:${await closedPort()}` });
  const bot = await startBot(config, { logger: createLogger('silent', silent), host: '127.0.0.1' });
  return { url: bot.url, close: () => bot.close() };
}

test('the guide names a liveness and a readiness path for each host', () => {
  assert.ok(
    probes(guide).some((p) => p.type === 'Liveness'),
    'Container Apps liveness probe',
  );
  assert.ok(readinessPaths.length > 0, 'Container Apps readiness probe');
  assert.ok(appServiceHealthPaths(guide).length > 0, 'App Service health check path');
  assert.ok(curlPaths(guide).length >= 3, 'first-run curl checks');
});

test('every path the guide curls or probes is served by the bot', async () => {
  const h = await startHarness();
  try {
    for (const path of new Set([...curlPaths(guide), ...livenessPaths, ...readinessPaths])) {
      const get = await fetch(`${h.bot.url}${path}`);
      await get.text();
      if (get.status !== 404) continue;
      // POST-only routes (the messaging endpoint) answer a GET with 404.
      const post = await fetch(`${h.bot.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      await post.text();
      assert.notEqual(post.status, 404, `${path} is not served (GET and POST both 404)`);
    }
    const missing = await fetch(`${h.bot.url}/livez`);
    await missing.text();
    assert.equal(missing.status, 404, 'an unserved path is 404, so the check above can fail');
  } finally {
    await h.close();
  }
});

test('liveness paths stay healthy while Defender is out of reach, and the readiness path does not', async () => {
  // A liveness probe that followed Defender would restart the bot for an outage a restart cannot cure.
  const bot = await botWithoutDefender();
  try {
    for (const path of livenessPaths) {
      const res = await fetch(`${bot.url}${path}`);
      await res.text();
      assert.equal(res.status, 200, `liveness ${path} must not depend on Defender`);
    }
    for (const path of readinessPaths) {
      const res = await fetch(`${bot.url}${path}`);
      await res.text();
      assert.equal(res.status, 503, `readiness ${path} should report Defender out of reach`);
    }
  } finally {
    await bot.close();
  }
});

test("the guide's /healthz and /readyz answers are what the bot answers", async () => {
  const h = await startHarness();
  try {
    const health = await (await fetch(`${h.bot.url}/healthz`)).text();
    assert.ok(guide.includes(`\`${health}\``), `the guide should show the /healthz answer ${health}`);
    const ready = (await (await fetch(`${h.bot.url}/readyz`)).json()) as unknown;
    const example = jsonExamples(guide).find((j) => keyPaths(j).includes('checks'));
    assert.ok(example !== undefined, 'the guide shows a /readyz answer');
    assert.deepEqual(keyPaths(example), keyPaths(ready));
  } finally {
    await h.close();
  }
});

test("the guide's audit line is the line the bot writes for the same command", async () => {
  const h = await startHarness();
  try {
    const example = jsonExamples(guide).find((j) => keyPaths(j).includes('audit.kind')) as { audit: Record<string, unknown> } | undefined;
    assert.ok(example !== undefined, 'the guide shows an audit line');
    // The example is "machines for user1" in a personal chat, as the demo tenant answers it.
    await h.exchange(personalMessage('machines for user1'));
    const line = h.logLines.map((l) => JSON.parse(l) as { audit?: Record<string, unknown> }).find((l) => l.audit !== undefined);
    assert.ok(line?.audit !== undefined, 'the bot wrote an audit line');
    assert.deepEqual(keyPaths(example), keyPaths(line));
    for (const field of [
      'kind',
      'via',
      'command',
      'target',
      'outcome',
      'resultCount',
      'defenderCalls',
      'cacheHits',
      'deferred',
      'conversationType',
    ]) {
      assert.deepEqual(example.audit[field], line.audit[field], `audit.${field}`);
    }
  } finally {
    await h.close();
  }
});

test('the ingress target port is the port the bot listens on when PORT is unset', () => {
  const ports = targetPorts(guide);
  assert.ok(ports.length > 0, 'the guide gives a target port');
  for (const port of ports) assert.equal(port, loadConfig({ CI: 'true' }).port);
  for (const probe of guide.matchAll(/httpGet:\s*\n\s*path:\s*\S+\s*\n\s*port:\s*(\d+)/g))
    assert.equal(Number(probe[1]), loadConfig({ CI: 'true' }).port, 'probe port');
});
