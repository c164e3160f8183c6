// The per-exchange timeout of limitedFetch: one more abort signal on the request, measured on the
// resilience clock from the moment the request is sent, and reported as the Defender client's `timeout`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefenderError, type FetchLike } from '../../src/defender';
import { BudgetLimiter, limitedFetch } from '../../src/resilience';
import { ManualClock } from './helpers';

const BASE = 'https://defender.test';
const URL_ = `${BASE}/api/machines/abc`;

/** Like undici: a request (or its body read) rejects with the signal's reason once its signal aborts. */
function abortable(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

async function withLimited(fetch: FetchLike, run: (limited: FetchLike, clock: ManualClock) => Promise<void>): Promise<void> {
  const clock = new ManualClock(0);
  const limiter = new BudgetLimiter({ clock });
  try {
    await run(limitedFetch(fetch, { limiter, userKey: 'analyst-a', baseUrl: BASE, requestTimeoutMs: 1_000, clock }), clock);
  } finally {
    await limiter.close();
  }
}

const isTimeout = (e: unknown): boolean => e instanceof DefenderError && e.code === 'timeout' && e.request === 'GET /api/machines/abc';

test('a request with no answer within requestTimeoutMs is aborted and fails as timeout', async () => {
  let seen: AbortSignal | undefined;
  await withLimited(
    async (_url, init) => {
      seen = init.signal;
      return abortable(init.signal);
    },
    async (limited, clock) => {
      const failed = assert.rejects(limited(URL_, { method: 'GET', headers: {} }), isTimeout);
      await clock.advance(999);
      assert.equal(seen?.aborted, false, 'not before the time is up');
      await clock.advance(1);
      await failed;
      assert.equal(seen?.aborted, true, 'the request itself is aborted');
    },
  );
});

test('a body that does not arrive within requestTimeoutMs fails as timeout too', async () => {
  await withLimited(
    async (_url, init) => ({ status: 200, headers: { get: () => null }, text: () => abortable(init.signal) }),
    async (limited, clock) => {
      const reply = await limited(URL_, { method: 'GET', headers: {} });
      const failed = assert.rejects(reply.text(), isTimeout);
      await clock.advance(1_000);
      await failed;
    },
  );
});

test("a fetch that ignores its signal is still answered as timeout, and the person's slot is given back", async () => {
  const clock = new ManualClock(0);
  const limiter = new BudgetLimiter({ clock });
  try {
    const limited = limitedFetch(() => new Promise<never>(() => undefined), {
      limiter,
      userKey: 'analyst-a',
      baseUrl: BASE,
      requestTimeoutMs: 1_000,
      clock,
    });
    const failed = assert.rejects(limited(URL_, { method: 'GET', headers: {} }), isTimeout);
    await clock.advance(1_000);
    await failed;
    assert.equal(limiter.usage('machines/{id}').inFlight, 0, 'the slot is free although the fetch never settles');
  } finally {
    await limiter.close();
  }
});

test("the caller's own abort is passed on as it is, not reported as a timeout", async () => {
  await withLimited(
    async (_url, init) => abortable(init.signal),
    async (limited) => {
      const caller = new AbortController();
      const answer = limited(URL_, { method: 'GET', headers: {}, signal: caller.signal });
      caller.abort(new Error('the client gave up'));
      await assert.rejects(answer, /the client gave up/);
    },
  );
});

test('an answer read in time leaves no timeout timer behind', async () => {
  await withLimited(
    async () => ({ status: 200, headers: { get: () => null }, text: async () => '{}' }),
    async (limited, clock) => {
      const before = clock.pendingTimers;
      const reply = await limited(URL_, { method: 'GET', headers: {} });
      assert.equal(await reply.text(), '{}');
      assert.equal(clock.pendingTimers, before);
    },
  );
});
