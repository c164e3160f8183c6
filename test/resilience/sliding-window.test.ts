// The shared gate on virtual time: sliding 60 s / 3600 s windows, pauses, deadlines, aborts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DefenderError } from '../../src/defender';
import { SlidingWindowGate, type Permit } from '../../src/resilience';
import { ManualClock, settle } from './helpers';

const MINUTE = 60_000;
const HOUR = 3_600_000;

function gate(clock: ManualClock, perMinute: number, perHour: number): SlidingWindowGate {
  return new SlidingWindowGate(
    [
      { windowMs: MINUTE, limit: perMinute },
      { windowMs: HOUR, limit: perHour },
    ],
    clock,
  );
}

/** Acquires and releases at once (answered instantly); resolves with the grant time. */
async function quickCall(g: SlidingWindowGate, clock: ManualClock, key = 'machines'): Promise<number> {
  const permit = await g.acquire(key, { deadline: Infinity });
  const at = clock.now();
  permit.release();
  return at;
}

test('for any arrival pattern and answer times, no sliding minute or hour ever holds more calls than its limit, and every call gets through', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          gapMs: fc.integer({ min: 0, max: 30_000 }),
          key: fc.constantFrom('machines', 'machines/{id}'),
          answerMs: fc.integer({ min: 0, max: 8_000 }),
        }),
        { minLength: 1, maxLength: 60 },
      ),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 25 }),
      async (arrivals, perMinute, perHour) => {
        const clock = new ManualClock(0);
        const g = gate(clock, perMinute, perHour);
        const calls: { key: string; granted: number; answered: number }[] = [];
        let t = 0;
        for (const a of arrivals) {
          t += a.gapMs;
          clock.setTimer(() => {
            void g.acquire(a.key, { deadline: Infinity }).then((permit) => {
              const call = { key: a.key, granted: clock.now(), answered: Number.NaN };
              calls.push(call);
              clock.setTimer(() => {
                call.answered = clock.now();
                permit.release();
              }, a.answerMs);
            });
          }, t);
        }
        for (let hours = 0; calls.filter((c) => !Number.isNaN(c.answered)).length < arrivals.length; hours++) {
          assert.ok(hours < 200, 'every call is let through eventually');
          await clock.advance(HOUR);
        }
        // Defender counts a call at some moment between our send (granted) and its answer. Whatever
        // that moment, a window ending at t holds at most the calls sent by t and answered after t - window.
        for (const call of calls) {
          const sameKey = calls.filter((c) => c.key === call.key);
          for (const [windowMs, limit] of [
            [MINUTE, perMinute],
            [HOUR, perHour],
          ] as const) {
            const t = call.granted;
            const overlapping = sameKey.filter((c) => c.granted <= t && c.answered > t - windowMs).length;
            assert.ok(
              overlapping <= limit,
              `${overlapping} calls to ${call.key} could count in the ${windowMs} ms window ending ${t}, limit ${limit}`,
            );
          }
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('a burst at the end of a minute does not get a second full minute at the window edge (no fixed-window 2x)', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 100, 1500);
  await clock.advance(59_000);
  for (let i = 0; i < 100; i++) await quickCall(g, clock);
  await clock.advance(1_000); // a fixed window would refill here, at 1:00
  const next = quickCall(g, clock);
  await clock.advance(58_999);
  assert.equal(g.usage('machines').queued, 1, 'still waiting at 1:58.999');
  await clock.advance(1);
  assert.equal(await next, 119_000, 'goes exactly when the first call of the burst leaves its sliding minute');
});

test('the hourly limit holds when every minute is within its own limit', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 100, 150);
  for (let i = 0; i < 100; i++) await quickCall(g, clock);
  await clock.advance(MINUTE);
  for (let i = 0; i < 50; i++) await quickCall(g, clock);
  const next = quickCall(g, clock);
  await clock.advance(HOUR - MINUTE - 1);
  assert.equal(g.usage('machines').inWindow[0], 0, 'the last minute is empty');
  assert.equal(g.usage('machines').queued, 1, 'the hour is full: 150 calls');
  await clock.advance(1);
  assert.equal(await next, HOUR);
});

test('a call still in flight keeps its slot until it is answered, then for a full window after its answer', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 1, 100);
  const first = await g.acquire('machines', { deadline: Infinity });
  const second = g.acquire('machines', { deadline: Infinity });
  await clock.advance(5 * MINUTE);
  assert.equal(g.usage('machines').queued, 1, 'the first call never answered: no slot frees');
  first.release(); // answered at 5:00
  await clock.advance(MINUTE - 1);
  assert.equal(g.usage('machines').queued, 1);
  await clock.advance(1);
  (await second).release();
  assert.equal(clock.now(), 6 * MINUTE);
});

test('endpoints have separate budgets', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 1, 10);
  await quickCall(g, clock, 'machines');
  assert.equal(await quickCall(g, clock, 'machines/{id}'), 0, 'another endpoint is not held up');
});

test('a pause lets nothing through for that endpoint until it ends, then the queue resumes in order', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 100, 1500);
  g.pause('machines', 5_000);
  const order: string[] = [];
  const a = g.acquire('machines', { deadline: Infinity }).then((p) => {
    order.push(`a@${clock.now()}`);
    p.release();
  });
  const b = g.acquire('machines', { deadline: Infinity }).then((p) => {
    order.push(`b@${clock.now()}`);
    p.release();
  });
  const other = await quickCall(g, clock, 'machines/{id}');
  assert.equal(other, 0, 'other endpoints are not paused');
  await clock.advance(4_999);
  assert.deepEqual(order, []);
  await clock.advance(1);
  await Promise.all([a, b]);
  assert.deepEqual(order, ['a@5000', 'b@5000']);
});

test('a call that cannot go before its deadline fails at once as throttled, with the wait in retryAfterSeconds', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 2, 100);
  await quickCall(g, clock);
  await quickCall(g, clock);
  const started = clock.now();
  await assert.rejects(g.acquire('machines', { deadline: 30_000, label: 'GET /api/machines' }), (e: unknown) => {
    assert.ok(e instanceof DefenderError);
    assert.equal(e.code, 'throttled');
    assert.equal(e.retryAfterSeconds, 60);
    assert.equal(e.request, 'GET /api/machines');
    return true;
  });
  assert.equal(clock.now(), started, 'no waiting to be told');
});

test('a queued call whose deadline passes leaves the queue as throttled and does not hold up the next one', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 1, 100);
  const held = await g.acquire('machines', { deadline: Infinity }); // in flight: the wait is unknown
  const impatient = g.acquire('machines', { deadline: 1_000 });
  const patient = g.acquire('machines', { deadline: Infinity });
  const impatientFailed = assert.rejects(
    impatient,
    (e: unknown) => e instanceof DefenderError && e.code === 'throttled' && (e.retryAfterSeconds ?? 0) >= 1,
  );
  await clock.advance(1_000);
  await impatientFailed;
  held.release();
  await clock.advance(MINUTE);
  (await patient).release();
  assert.equal(g.usage('machines').queued, 0);
});

test('an aborted request leaves the queue with the abort reason', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 1, 100);
  await quickCall(g, clock);
  const controller = new AbortController();
  const waiting = g.acquire('machines', { deadline: Infinity, signal: controller.signal });
  await settle();
  controller.abort(new Error('client gave up'));
  await assert.rejects(waiting, /client gave up/);
  assert.equal(g.usage('machines').queued, 0);
});

test('a call sent back with 429 goes to the front of the queue', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 1, 100);
  await quickCall(g, clock);
  const order: string[] = [];
  const take = (name: string, front: boolean): Promise<void> =>
    g.acquire('machines', { deadline: Infinity, front }).then((p: Permit) => {
      order.push(name);
      p.release();
    });
  const waiting = [take('first-in-line', false), take('second-in-line', false), take('retry', true)];
  await clock.advance(3 * MINUTE);
  await Promise.all(waiting);
  assert.deepEqual(order, ['retry', 'first-in-line', 'second-in-line']);
});

test('closing fails queued calls instead of leaving them hanging', async () => {
  const clock = new ManualClock(0);
  const g = gate(clock, 1, 100);
  await quickCall(g, clock);
  const waiting = g.acquire('machines', { deadline: Infinity });
  g.close();
  await assert.rejects(waiting, (e: unknown) => e instanceof DefenderError && e.code === 'unreachable');
  assert.equal(clock.pendingTimers, 0, 'no timer left behind');
});
