// Identical answers in flight merged across replicas on one real redis-server: each "replica" is its
// own ResultCache on its own connection, as two bot processes would be. The same over HTTP with three
// bot processes is test/app/replica-merging.test.ts; this one pins the lease rules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { ResultCache, resultKey, SHARED_WAIT_MS } from '../../src/resilience/result-cache';
import { openSharedState, type SharedState } from '../../src/state';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

/** A load that answers when told to, counting how often it was started. */
function gated<T>(value: T): { load: () => Promise<T>; open(): void; fail(e: Error): void; calls: number } {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: Error) => void = () => undefined;
  const gate = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const g = {
    calls: 0,
    load: () => {
      g.calls += 1;
      return gate;
    },
    open: () => resolve(value),
    fail: (e: Error) => reject(e),
  };
  return g;
}

const eventually = async (condition: () => boolean): Promise<void> => {
  const end = Date.now() + 3000;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('answers in flight merged across replicas on one Redis', () => {
  let server: RedisServer;
  const states: SharedState[] = [];
  let a: ResultCache;
  let b: ResultCache;
  before(async () => {
    server = await startRedisServer();
    for (let i = 0; i < 2; i++) {
      states.push(
        await openSharedState(
          { redis: { url: server.url, useEntraId: false, keyPrefix: 'merge-test:', commandTimeoutMs: 1000 }, expectedReplicas: 2 },
          quiet,
        ),
      );
    }
    [a, b] = states.map((s) => new ResultCache({ ttlMs: 60_000, shared: s.store })) as [ResultCache, ResultCache];
  });
  after(async () => {
    for (const s of states) await s.close();
    await server.stop();
  });

  test('the same analyst’s identical request on two replicas at once: one Defender call, both answered', async () => {
    const key = resultKey('alice', 'getUserMachines', ['user1']);
    const first = gated(['m1']);
    const second = gated(['other']);
    const onA = a.getOrLoad(key, first.load);
    await eventually(() => first.calls === 1);
    const onB = b.getOrLoad(key, second.load);
    await new Promise((r) => setTimeout(r, 150));
    first.open();
    const [ra, rb] = await Promise.all([onA, onB]);
    assert.equal(first.calls + second.calls, 1, 'one call for both');
    assert.deepEqual([ra.value, rb.value], [['m1'], ['m1']]);
    assert.deepEqual([ra.source, rb.source], ['defender', 'coalesced']);
    assert.equal(rb.fetchedAt, ra.fetchedAt, 'the waiter gets the owner’s fetch time');
  });

  test('another analyst asking the same at the same moment makes their own call', async () => {
    const own = gated(['alice view']);
    const theirs = gated(['bob view']);
    const onA = a.getOrLoad(resultKey('alice', 'getUserMachines', ['user2']), own.load);
    await eventually(() => own.calls === 1);
    const onB = b.getOrLoad(resultKey('bob', 'getUserMachines', ['user2']), theirs.load);
    await eventually(() => theirs.calls === 1);
    assert.equal(theirs.calls, 1, 'bob did not wait for alice’s call');
    own.open();
    theirs.open();
    assert.deepEqual((await onA).value, ['alice view']);
    assert.deepEqual((await onB).value, ['bob view']);
  });

  test('the owner’s call fails: the waiter makes its own call at once, and nothing is cached', async () => {
    const key = resultKey('alice', 'getMachine', ['dev-1']);
    const failing = gated('never');
    const retry = gated('dev-1 details');
    const onA = a.getOrLoad(key, failing.load);
    await eventually(() => failing.calls === 1);
    const onB = b.getOrLoad(key, retry.load);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(retry.calls, 0, 'waiting while the owner asks');
    const started = Date.now();
    failing.fail(new Error('503'));
    await assert.rejects(onA, /503/);
    await eventually(() => retry.calls === 1);
    assert.equal(retry.calls, 1, 'the waiter asked itself');
    assert.ok(Date.now() - started < 1000, 'promptly, not after the lease ran out');
    retry.open();
    assert.equal((await onB).source, 'defender');
  });

  test('the owner never answers (a replica died mid-call): the waiter makes its own call once the lease runs out', async () => {
    const key = resultKey('alice', 'getLogonUsers', ['dev-2']);
    const dead = gated(['never']);
    const onA = a.getOrLoad(key, dead.load);
    onA.catch(() => undefined);
    await eventually(() => dead.calls === 1);
    const started = Date.now();
    const mine = gated(['u1']);
    mine.open();
    const got = await b.getOrLoad(key, mine.load);
    const waited = Date.now() - started;
    assert.deepEqual(got.value, ['u1']);
    assert.equal(mine.calls, 1);
    assert.ok(waited >= SHARED_WAIT_MS - 300 && waited < SHARED_WAIT_MS + 2000, `waited about the lease (${waited} ms)`);
  });

  test('a Refresh neither waits for nor serves the shared answer', async () => {
    const key = resultKey('alice', 'getUserMachines', ['user3']);
    const old = gated(['old']);
    old.open();
    await a.getOrLoad(key, old.load);
    const renewed = gated(['new']);
    renewed.open();
    const got = await b.getOrLoad(key, renewed.load, { fresh: true });
    assert.deepEqual(got.value, ['new']);
    assert.equal(renewed.calls, 1);
  });
});
