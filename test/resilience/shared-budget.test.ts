// The Defender budget shared by replicas on one real redis-server: each "replica" is its own
// createResilience() with its own connection, as three bot processes would be. The multi-process
// version over HTTP is test/app/replicas.test.ts; this one pins the arithmetic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { isDefenderError } from '../../src/defender';
import { createLogger } from '../../src/logging/logger';
import { createResilience, type Resilience, type ResilienceOptions } from '../../src/resilience';
import { openSharedState, type SharedState } from '../../src/state';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const ENDPOINT = 'machines/{id}';
const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

interface Replica {
  state: SharedState;
  resilience: Resilience;
}

async function replicas(server: RedisServer, n: number, options: ResilienceOptions, expectedReplicas = n): Promise<Replica[]> {
  // One prefix per test: its replicas share a budget, tests do not.
  const keyPrefix = `budget-test-${groups++}:`;
  return Promise.all(
    Array.from({ length: n }, async () => {
      const state = await openSharedState(
        { redis: { url: server.url, useEntraId: false, keyPrefix, commandTimeoutMs: 300 }, expectedReplicas },
        quiet,
      );
      return { state, resilience: createResilience(options, state) };
    }),
  );
}
let groups = 0;

async function closeAll(list: Replica[]): Promise<void> {
  for (const r of list) {
    await r.resilience.close();
    await r.state.close();
  }
}

/** Fires one call through a replica's limiter; 'sent', or the error code it got. */
async function call(r: Replica, userKey: string, deadlineMs: number): Promise<string> {
  try {
    return await r.resilience.limiter.run({ endpoint: ENDPOINT, userKey, deadline: Date.now() + deadlineMs }, () =>
      Promise.resolve('sent'),
    );
  } catch (e) {
    if (isDefenderError(e)) return e.code;
    throw e;
  }
}

async function until(condition: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !condition()) await new Promise((r) => setTimeout(r, 50));
  assert.ok(condition(), `never happened: ${what}`);
}

describe('the Defender budget shared on Redis', () => {
  let server: RedisServer;
  before(async () => {
    server = await startRedisServer();
  });
  after(async () => {
    await server.stop();
  });

  test('an answered call counts from its answer on; its release rides on the next call’s round trip, or is sent within a second', async () => {
    const list = await replicas(server, 1, { perMinute: 100 });
    const [a] = list as [Replica];
    const prefix = `budget-test-${groups - 1}:`;
    const raw = new Redis({ port: server.port, host: '127.0.0.1', disableClientInfo: true, keyPrefix: prefix });
    const scripts = async (): Promise<number> => {
      const stats = await server.command('INFO', 'commandstats');
      return [...stats.matchAll(/cmdstat_(?:eval|evalsha):calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    };
    try {
      const lane = `budget:{${ENDPOINT}}:tenant`;
      const scoreOf = async (member: string): Promise<number> => Number(await raw.zscore(lane, member));
      const before = await scripts();
      const sent1 = Date.now();
      assert.equal(await call(a, 'u1', 1000), 'sent');
      const answered1 = Date.now();
      const [first] = await raw.zrange(lane, 0, 0);
      assert.ok(first !== undefined);
      assert.ok((await scoreOf(first)) > answered1 + 30_000, 'counted as in flight (now + hold) until released');
      await new Promise((r) => setTimeout(r, 200));
      const sent2 = Date.now();
      assert.equal(await call(a, 'u2', 1000), 'sent');
      const answered2 = Date.now();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await scripts()) - before, 2, 'one script per call, the release of the first carried by the second');
      // Between the call being sent and its answer coming back (a few ms of slack for the two clocks' reads).
      const settled = await scoreOf(first);
      assert.ok(
        settled >= sent1 - 20 && settled <= answered1 + 20,
        `the first call leaves the count from its answer (${settled - answered1} ms)`,
      );
      // No call after the second one: its release goes on its own, within a second.
      const [, second] = await raw.zrange(lane, 0, 1);
      assert.ok(second !== undefined);
      await new Promise((r) => setTimeout(r, 1300));
      const alone = await scoreOf(second);
      assert.equal((await scripts()) - before, 3, 'and one for the last release, sent on its own');
      assert.ok(alone >= sent2 - 20 && alone <= answered2 + 20, `released from its answer time (${alone - answered2} ms)`);
    } finally {
      raw.disconnect();
      await closeAll(list);
    }
  });

  test('three replicas racing for one endpoint send exactly the tenant-wide limit, never more', async () => {
    // 10 a minute less the 5 % margin: 9 for the whole tenant.
    const list = await replicas(server, 3, { perMinute: 10, perUserShare: 1 });
    try {
      const results = await Promise.all(list.flatMap((r, i) => Array.from({ length: 10 }, (_, j) => call(r, `analyst-${i}-${j}`, 300))));
      assert.equal(results.filter((x) => x === 'sent').length, 9);
      assert.equal(results.filter((x) => x === 'throttled').length, 21);
      // Each replica also counted what it sent itself (its local share, should Redis go away).
      assert.equal(
        list.reduce((n, r) => n + r.resilience.limiter.usage(ENDPOINT).lastMinute, 0),
        9,
      );
    } finally {
      await closeAll(list);
    }
  });

  test('one analyst spread over replicas gets their share of the tenant budget, and a colleague still gets through', async () => {
    // 100 → 95 a minute for the tenant, a quarter of it (23) per person.
    const list = await replicas(server, 3, { perMinute: 100 });
    try {
      const heavy = await Promise.all(list.flatMap((r) => Array.from({ length: 15 }, () => call(r, 'heavy', 300))));
      assert.equal(heavy.filter((x) => x === 'sent').length, 23);
      assert.equal(heavy.filter((x) => x === 'personalShareUsed').length, 45 - 23);
      assert.equal(await call(list[2] as Replica, 'colleague', 300), 'sent');
    } finally {
      await closeAll(list);
    }
  });

  test('a 429 seen by one replica pauses the endpoint on the others, for Retry-After', async () => {
    const list = await replicas(server, 2, {});
    const [a, b] = list as [Replica, Replica];
    try {
      a.resilience.limiter.pause(ENDPOINT, Date.now() + 3000);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      let error: unknown;
      try {
        await b.resilience.limiter.run({ endpoint: ENDPOINT, userKey: 'x', deadline: Date.now() + 500 }, () => Promise.resolve('sent'));
      } catch (e) {
        error = e;
      }
      assert.ok(isDefenderError(error) && error.code === 'throttled', 'the other replica did not send into the pause');
      assert.ok(isDefenderError(error) && (error.retryAfterSeconds ?? 0) >= 2, 'and says when to retry');
      assert.ok(Date.now() - started < 400, 'it says so at once');
      // Within the deadline, it waits for the pause instead and then sends.
      assert.equal(await call(b, 'y', 5000), 'sent');
      assert.ok(Date.now() - started >= 2500);
    } finally {
      await closeAll(list);
    }
  });

  test('Redis away: each replica keeps to limits ÷ EXPECTED_REPLICAS, counting what it sent before; Redis back and empty: it re-records its calls', async () => {
    // 30 → 28 a minute for the tenant; 9 per replica while Redis is away.
    const list = await replicas(server, 2, { perMinute: 30, perUserShare: 1 }, 3);
    const [a, b] = list as [Replica, Replica];
    try {
      const before = await Promise.all(Array.from({ length: 4 }, (_, i) => call(a, `u${i}`, 300)));
      assert.deepEqual(before, ['sent', 'sent', 'sent', 'sent']);
      await server.stop();
      const during = await Promise.all(Array.from({ length: 12 }, (_, i) => call(a, `v${i}`, 300)));
      assert.equal(during.filter((x) => x === 'sent').length, 5, '9 locally, 4 of them already spent while shared');
      assert.equal(a.state.describe().mode, 'degraded');
      await server.start();
      await until(() => a.state.describe().mode === 'shared' && b.state.describe().mode === 'shared', 'both back on Redis');
      await new Promise((r) => setTimeout(r, 200));
      // The restarted Redis was empty; A told it about its 9 calls, so B finds 28 - 9 = 19 left.
      const after = await Promise.all(Array.from({ length: 25 }, (_, i) => call(b, `w${i}`, 300)));
      assert.equal(after.filter((x) => x === 'sent').length, 19);
    } finally {
      await closeAll(list);
    }
  });
});
