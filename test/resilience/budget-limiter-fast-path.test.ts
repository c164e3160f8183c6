// The limiter's fast path (budget-limiter.ts): an idle person's call on an endpoint with room goes at
// once, with no queue hop, and nothing else about the limiter changes: per-person concurrency, the
// gate's FIFO, retries first. No timing here: "at once" means sent before run() returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchLike } from '../../src/defender';
import { BudgetLimiter, limitedFetch, type LimitedCall } from '../../src/resilience';
import { ManualClock } from './helpers';

const call = (userKey: string, extra: Partial<LimitedCall> = {}): LimitedCall => ({
  endpoint: 'machines/{id}',
  userKey,
  deadline: Infinity,
  ...extra,
});

/** A send that resolves only when the test says so; counts how many are running at once. */
function controlledSends() {
  let running = 0;
  let most = 0;
  const open: Array<() => void> = [];
  const order: string[] = [];
  return {
    send: (name: string) => () => {
      running += 1;
      most = Math.max(most, running);
      order.push(name);
      return new Promise<string>((resolve) => {
        open.push(() => {
          running -= 1;
          resolve(name);
        });
      });
    },
    /** Answers the oldest running call. */
    answerOne: () => open.shift()?.(),
    get running() {
      return running;
    },
    get most() {
      return most;
    },
    order,
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(condition(), `never happened: ${what}`);
}

test("an idle analyst's call on an endpoint with room is sent before run() returns (no queue hop)", async () => {
  const limiter = new BudgetLimiter({ clock: new ManualClock(0) });
  try {
    const sends = controlledSends();
    const answer = limiter.run(call('analyst-a'), sends.send('a1'));
    assert.deepEqual(sends.order, ['a1'], 'sent synchronously');
    assert.equal(limiter.usage('machines/{id}').inFlight, 1, 'it holds a gate slot like any other call');
    sends.answerOne();
    assert.equal(await answer, 'a1');
    assert.equal(limiter.usage('machines/{id}').inFlight, 0, 'and gives it back');
    assert.equal(limiter.usage('machines/{id}').lastMinute, 1, 'counted in the window');
  } finally {
    await limiter.close();
  }
});

test('with the fast path, one analyst still never has more than perUserConcurrency calls past their queue, and every call is answered', async () => {
  const limiter = new BudgetLimiter({ clock: new ManualClock(0), perUserConcurrency: 2 });
  try {
    const sends = controlledSends();
    const answers = Array.from({ length: 8 }, (_, i) => limiter.run(call('analyst-a'), sends.send(`a${i + 1}`)));
    // The first went at once; the queue lets a second through, but no third while both run.
    await until(() => sends.running === 2, 'two calls running');
    // Time for the queue to start a third, were it (wrongly) allowed to: not an assertion on speed.
    await new Promise((r) => setTimeout(r, 50));
    for (let answered = 0; answered < 8; answered++) {
      await until(() => sends.running > 0, 'a call running');
      sends.answerOne();
    }
    assert.deepEqual(await Promise.all(answers), ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    assert.equal(sends.most, 2, 'never more than 2 at once');
    assert.deepEqual(sends.order, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'], 'in the order asked');
  } finally {
    await limiter.close();
  }
});

test("an idle analyst does not jump the gate's queue: when others wait for budget, their call waits behind them", async () => {
  const clock = new ManualClock(0);
  const limiter = new BudgetLimiter({ clock, perMinute: 1, safetyMargin: 0 });
  try {
    const sends = controlledSends();
    const first = limiter.run(call('analyst-a'), sends.send('a1'));
    sends.answerOne();
    await first;
    // The minute's one call is spent: B queues at the gate (through B's queue).
    const b = limiter.run(call('analyst-b'), sends.send('b1'));
    await until(() => limiter.usage('machines/{id}').queued === 1, 'B waiting at the gate');
    const c = limiter.run(call('analyst-c'), sends.send('c1'));
    assert.deepEqual(sends.order, ['a1'], 'C was not sent at once');
    await until(() => limiter.usage('machines/{id}').queued === 2, 'C waiting behind B');
    await clock.advance(60_000);
    await until(() => sends.running === 1, "the next minute's call running");
    assert.deepEqual(sends.order, ['a1', 'b1'], 'B first');
    sends.answerOne();
    await clock.advance(60_000);
    await until(() => sends.running === 1, 'the minute after that');
    sends.answerOne();
    assert.deepEqual(await Promise.all([b, c]), ['b1', 'c1']);
    assert.deepEqual(sends.order, ['a1', 'b1', 'c1']);
  } finally {
    await limiter.close();
  }
});

test('a paused endpoint (429) sends nothing, fast path or not, until the pause ends', async () => {
  const clock = new ManualClock(0);
  const limiter = new BudgetLimiter({ clock });
  try {
    const sends = controlledSends();
    limiter.pause('machines/{id}', 5_000);
    const a = limiter.run(call('analyst-a'), sends.send('a1'));
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(sends.order, [], 'not sent during the pause');
    await clock.advance(5_000);
    await until(() => sends.running === 1, 'sent after the pause');
    sends.answerOne();
    assert.equal(await a, 'a1');
  } finally {
    await limiter.close();
  }
});

test('a re-send after a 429 (retry) never takes the fast path: it goes through the queue, where it goes first', async () => {
  const limiter = new BudgetLimiter({ clock: new ManualClock(0) });
  try {
    const sends = controlledSends();
    const retry = limiter.run(call('analyst-a', { retry: true }), sends.send('a1-again'));
    assert.deepEqual(sends.order, [], 'not sent before run() returned');
    await until(() => sends.running === 1, 'sent through the queue');
    sends.answerOne();
    assert.equal(await retry, 'a1-again');
  } finally {
    await limiter.close();
  }
});

test("a 429 pauses the endpoint before its slot is given back: the analyst's next call, waiting for that slot, is not sent into the same 429", async () => {
  const clock = new ManualClock(0);
  const limiter = new BudgetLimiter({ clock, perUserConcurrency: 1 });
  try {
    const sentAt: Array<{ url: string; at: number }> = [];
    let answerFirst: () => void = () => undefined;
    const firstAnswered = new Promise<void>((resolve) => {
      answerFirst = resolve;
    });
    const fetch: FetchLike = async (url) => {
      sentAt.push({ url, at: clock.now() });
      if (sentAt.length === 1) {
        await firstAnswered;
        return { status: 429, headers: { get: (h: string) => (h.toLowerCase() === 'retry-after' ? '5' : null) }, text: async () => '' };
      }
      return { status: 200, headers: { get: () => null }, text: async () => '{}' };
    };
    const f = limitedFetch(fetch, { limiter, userKey: 'analyst-a', baseUrl: 'https://defender.example', clock, maxThrottleRetries: 0 });
    const get = (id: string) => f(`https://defender.example/api/machines/${id}`, { method: 'GET', headers: {} });
    // The first goes at once (idle analyst); the second waits in the analyst's queue for its slot.
    const [throttled, next] = [get('m1'), get('m2')];
    // Time for the queue to start m2's turn, so that it waits for m1's slot (not an assertion on speed).
    await new Promise((r) => setTimeout(r, 50));
    answerFirst();
    assert.equal((await throttled).status, 429);
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(
      sentAt.map((s) => s.url),
      ['https://defender.example/api/machines/m1'],
      'm2 held back by the pause',
    );
    await clock.advance(5_000);
    assert.equal((await next).status, 200);
    assert.deepEqual(
      sentAt.map((s) => s.at),
      [0, 5_000],
      'm2 sent when the pause ended',
    );
  } finally {
    await limiter.close();
  }
});
