// Commands per person per minute (rate-limiter-flexible in memory; the same window on Redis, counted
// with the redelivery check in one step): a person over it is told when to retry; other people are not
// counted against it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { CommandRate } from '../../src/resilience';
import { openSharedState, type SharedState } from '../../src/state';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

test('the third command within a minute at 2 a minute is refused with a wait of at most 60 s; a colleague is unaffected', async () => {
  const rate = new CommandRate(2);
  assert.equal(await rate.take('a'), undefined);
  assert.equal(await rate.take('a'), undefined);
  const refused = await rate.take('a');
  assert.ok(refused !== undefined);
  assert.equal(refused.perMinute, 2);
  assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60, String(refused.retryAfterSeconds));
  assert.equal(await rate.take('b'), undefined);
});

test('a limit that is not a positive whole number is refused at construction', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => new CommandRate(bad), RangeError);
});

describe('on a real redis-server, shared by replicas', () => {
  let server: RedisServer;
  const states: SharedState[] = [];
  let group = 0;
  /** `n` replicas' command rates on one Redis (their own connections), `perMinute` each, one prefix per test. */
  type R = { rate: CommandRate; state: SharedState };
  async function rates(n: number, perMinute: number, expectedReplicas = n): Promise<R[]> {
    const keyPrefix = `rate-test-${group++}:`;
    return Promise.all(
      Array.from({ length: n }, async () => {
        const state = await openSharedState(
          { redis: { url: server.url, useEntraId: false, keyPrefix, commandTimeoutMs: 300 }, expectedReplicas },
          quiet,
        );
        states.push(state);
        const redis = state.redis;
        assert.ok(redis);
        return { state, rate: new CommandRate(perMinute, { client: redis.connection.client, health: redis.health, expectedReplicas }) };
      }),
    );
  }
  /** Scripts sent (commands a script runs inside the server are counted too, so those are not what to count). */
  const scripts = async (): Promise<number> => {
    const stats = await server.command('INFO', 'commandstats');
    return [...stats.matchAll(/cmdstat_(?:eval|evalsha):calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  };
  before(async () => {
    server = await startRedisServer();
  });
  after(async () => {
    for (const s of states) await s.close();
    await server.stop();
  });

  test('one count across replicas: the third command within a minute at 2 a minute is refused, with the time to the next window; a colleague is unaffected', async () => {
    const [a, b] = (await rates(2, 2)) as [R, R];
    assert.equal(await a.rate.take('alice'), undefined);
    assert.equal(await b.rate.take('alice'), undefined);
    const refused = await a.rate.take('alice');
    assert.ok(refused !== undefined);
    assert.equal(refused.perMinute, 2);
    assert.ok(refused.retryAfterSeconds >= 59 && refused.retryAfterSeconds <= 60, String(refused.retryAfterSeconds));
    assert.equal(await b.rate.take('bob'), undefined);
  });

  test('the first delivery of a command counts it in one round trip; a redelivery on another replica counts nothing', async () => {
    const [a, b] = (await rates(2, 2)) as [R, R];
    const delivery = (state: SharedState) => ({ store: state.store, key: 'seen:activity:abc', ttlMs: 60_000 });
    await a.rate.takeOnFirstDelivery('warm-up', delivery(a.state)); // the script's first use sends its text
    await b.rate.takeOnFirstDelivery('warm-up', delivery(b.state));
    const before = await scripts();
    assert.deepEqual(await a.rate.takeOnFirstDelivery('carol', { ...delivery(a.state), key: 'seen:activity:one' }), {
      duplicate: false,
      refusal: undefined,
    });
    assert.equal((await scripts()) - before, 1, 'one script for both');
    assert.deepEqual(await b.rate.takeOnFirstDelivery('carol', { ...delivery(b.state), key: 'seen:activity:one' }), { duplicate: true });
    assert.equal(await a.rate.take('carol'), undefined, 'the redelivery left the second of 2 free');
    const third = await b.rate.takeOnFirstDelivery('carol', { ...delivery(b.state), key: 'seen:activity:two' });
    assert.equal(third.duplicate, false);
    assert.equal(third.duplicate === false ? third.refusal?.perMinute : undefined, 2, 'the third command is refused');
  });

  test('Redis away: each replica counts locally, perMinute ÷ EXPECTED_REPLICAS, and redeliveries are still caught there', async () => {
    const [a] = (await rates(1, 6, 3)) as [R];
    await server.stop();
    try {
      const delivery = { store: a.state.store, key: 'seen:activity:x', ttlMs: 60_000 };
      assert.deepEqual(await a.rate.takeOnFirstDelivery('dave', delivery), { duplicate: false, refusal: undefined });
      assert.deepEqual(await a.rate.takeOnFirstDelivery('dave', delivery), { duplicate: true });
      assert.equal(await a.rate.take('dave'), undefined, '2 of 6 ÷ 3');
      assert.ok((await a.rate.take('dave')) !== undefined, 'the third is over the local share');
    } finally {
      await server.start();
    }
  });
});
