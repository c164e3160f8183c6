// The rate limit: per endpoint, whole tenant, 429 with Retry-After, recovery on the injected clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Budget } from '../../src/simulator/budget';
import { call, errorCode, manualClock, startTestSim } from './helpers';

test('the default budget is 100 calls per minute per endpoint; the 101st is 429 TooManyRequests', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now });
  try {
    for (let i = 0; i < 100; i++) assert.equal((await call(sim, '/api/machines/machine-1')).status, 200, `call ${i + 1}`);
    const refused = await call(sim, '/api/machines/machine-1');
    assert.equal(errorCode(refused, 429), 'TooManyRequests');
    assert.equal(refused.headers.get('retry-after'), '60');
    assert.equal(sim.calls.byEndpoint()['machines/{id}'], 101);
    assert.equal(sim.calls.entries().filter((e) => e.counted).length, 100);
  } finally {
    await sim.close();
  }
});

test('Retry-After counts down in whole seconds and calls succeed again once the minute has passed', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now, limits: { perMinute: 3, perHour: 100 } });
  try {
    for (let i = 0; i < 3; i++) {
      assert.equal((await call(sim, '/api/machines?$top=1')).status, 200);
      clock.advance(1_000);
    }
    // Calls at t=0s, 1s, 2s; now t=3s: the first frees at 60s.
    assert.equal((await call(sim, '/api/machines?$top=1')).headers.get('retry-after'), '57');
    clock.advance(56_500);
    const almost = await call(sim, '/api/machines?$top=1');
    assert.equal(almost.status, 429);
    assert.equal(almost.headers.get('retry-after'), '1', 'rounded up to a whole second');
    clock.advance(500);
    assert.equal((await call(sim, '/api/machines?$top=1')).status, 200, 'a slot freed at 60 s');
    assert.equal((await call(sim, '/api/machines?$top=1')).status, 429, 'the second call (t=1s) still blocks');
  } finally {
    await sim.close();
  }
});

test('each endpoint has its own budget, shared by every analyst of the tenant', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now, limits: { perMinute: 2, perHour: 100 } });
  try {
    assert.equal((await call(sim, '/api/users/user1/machines', 'analyst-emea')).status, 200);
    assert.equal((await call(sim, '/api/users/user1/machines', 'analyst-us')).status, 200);
    assert.equal((await call(sim, '/api/users/user1/machines', 'soc-lead')).status, 429, 'another analyst shares the budget');
    assert.equal((await call(sim, '/api/machines/machine-1')).status, 200, 'another endpoint is unaffected');
    assert.equal((await call(sim, '/api/machines/machine-1/logonusers')).status, 200);
  } finally {
    await sim.close();
  }
});

test('the hourly budget applies on its own, with Retry-After until the oldest call is an hour old', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now, limits: { perMinute: 100, perHour: 3 } });
  try {
    for (let i = 0; i < 3; i++) {
      assert.equal((await call(sim, '/api/machines/machine-1')).status, 200);
      clock.advance(10 * 60_000);
    }
    const refused = await call(sim, '/api/machines/machine-1');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), String(30 * 60));
    clock.advance(30 * 60_000);
    assert.equal((await call(sim, '/api/machines/machine-1')).status, 200);
  } finally {
    await sim.close();
  }
});

test('refused calls do not use budget, and calls that fail auth are not counted', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now, limits: { perMinute: 1, perHour: 100 } });
  try {
    assert.equal((await call(sim, '/api/machines', null)).status, 401);
    assert.equal((await call(sim, '/api/machines', 'no-role')).status, 403);
    assert.equal((await call(sim, '/api/machines?$top=1')).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await call(sim, '/api/machines?$top=1')).status, 429);
    clock.advance(60_000);
    assert.equal((await call(sim, '/api/machines?$top=1')).status, 200, 'the 429s did not extend the window');
    assert.deepEqual(sim.budget.usage('machines'), { lastMinute: 1, lastHour: 2 });
  } finally {
    await sim.close();
  }
});

test('a 400 answer still uses budget (the call reached the API)', async () => {
  const sim = await startTestSim({ limits: { perMinute: 1, perHour: 100 } });
  try {
    assert.equal((await call(sim, '/api/machines?$top=ten')).status, 400);
    assert.equal((await call(sim, '/api/machines?$top=1')).status, 429);
  } finally {
    await sim.close();
  }
});

test('Budget computes the wait from the call whose expiry frees a slot', () => {
  let t = 0;
  const budget = new Budget({ perMinute: 2, perHour: 10 }, () => t);
  assert.deepEqual(budget.tryConsume('machines'), { ok: true });
  t = 20_000;
  assert.deepEqual(budget.tryConsume('machines'), { ok: true });
  t = 30_000;
  assert.deepEqual(budget.tryConsume('machines'), { ok: false, retryAfterSeconds: 30 });
  t = 60_000;
  assert.deepEqual(budget.tryConsume('machines'), { ok: true });
  assert.deepEqual(budget.tryConsume('machines'), { ok: false, retryAfterSeconds: 20 });
  budget.reset();
  assert.deepEqual(budget.tryConsume('machines'), { ok: true });
});

test('startSimulator refuses limits that are not positive integers', async () => {
  await assert.rejects(startTestSim({ limits: { perMinute: 0, perHour: 10 } }), RangeError);
  await assert.rejects(startTestSim({ serverPageSize: 1.5 }), RangeError);
});
