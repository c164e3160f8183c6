import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from '../../scripts/rig/bot-harness';
import { createReadiness } from '../../src/app/readiness';
import { closedPort } from '../helpers/closed-port';

test('/healthz says alive and /readyz says ready when Defender answers', async () => {
  const h = await startHarness();
  try {
    const health = await fetch(`${h.bot.url}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${h.bot.url}/readyz`);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail: string }> };
    assert.equal(ready.status, 200);
    assert.equal(body.ready, true);
    assert.match(body.checks.defender?.detail ?? '', /HTTP 401/);
    assert.equal(h.sim.calls.entries().filter((e) => e.status !== 401).length, 0, 'the probe spends no budget: it carries no token');
  } finally {
    await h.close();
  }
});

test('/readyz is 503 and says why when Defender is unreachable', async () => {
  const port = await closedPort();
  const readiness = createReadiness({
    defenderApiUrl: `http://127.0.0.1:${port}`,
    fetch: (u, i) => fetch(u, i),
    identity: { ok: true, detail: 'demo' },
  });
  const report = await readiness();
  assert.equal(report.ready, false);
  assert.equal(report.checks.defender.ok, false);
  assert.match(report.checks.defender.detail, /unreachable/);
});

test('the Defender probe result is cached, so frequent probes are not traffic', async () => {
  let calls = 0;
  let now = 0;
  const readiness = createReadiness({
    defenderApiUrl: 'http://x',
    fetch: async () => {
      calls += 1;
      return { status: 401, headers: { get: () => null }, text: async () => '' };
    },
    identity: { ok: true, detail: 'demo' },
    cacheMs: 1000,
    now: () => now,
  });
  await readiness();
  await readiness();
  assert.equal(calls, 1);
  now = 5000;
  await readiness();
  assert.equal(calls, 2);
});
