// The state store against a real redis-server (Debian's 7.0 here, and 8.0 when newer-redis.test.ts runs
// it again; started on a free port): the contract both implementations keep, the client's handshake, keys
// prefixed and all expiring, and the fallback when Redis goes away and comes back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { REDIS_DEFAULTS } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { MemoryStateStore, openSharedState, type SharedState, type StateStore } from '../../src/state';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';
import { Writable } from 'node:stream';

function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`never happened: ${what}`);
}

function contract(name: string, open: () => Promise<StateStore>): void {
  describe(`the ${name} state store`, () => {
    let store: StateStore;
    before(async () => {
      store = await open();
    });

    test('set then get; an absent key is undefined', async () => {
      await store.set('k1', 'v1', 60_000);
      assert.equal(await store.get('k1'), 'v1');
      assert.equal(await store.get('absent'), undefined);
    });

    test('getMany answers in the order asked, undefined for absent and expired keys; none asked, none answered', async () => {
      await store.set('m1', 'one', 60_000);
      await store.set('m3', 'three', 60_000);
      await store.set('m-short', 'gone', 30);
      await new Promise((r) => setTimeout(r, 80));
      assert.deepEqual(await store.getMany(['m3', 'absent', 'm1', 'm-short', 'm3']), ['three', undefined, 'one', undefined, 'three']);
      assert.deepEqual(await store.getMany([]), []);
    });

    test('setIfAbsent: of ten concurrent creators exactly one wins, and the value is the winner’s', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setIfAbsent('once', `w${i}`, 60_000)));
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await store.get('once'), `w${results.indexOf(true)}`);
    });

    test('a value is gone after its TTL', async () => {
      await store.set('short', 'x', 40);
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(await store.get('short'), undefined);
      assert.equal(await store.setIfAbsent('short', 'y', 60_000), true, 'creatable again');
    });

    test('take returns the value once, even when two ask at the same time', async () => {
      await store.set('parked', 'cmd', 60_000);
      const [a, b] = await Promise.all([store.take('parked'), store.take('parked')]);
      assert.deepEqual([a, b].sort(), ['cmd', undefined].sort());
    });

    test('deleteIfEquals removes only the value it was given', async () => {
      await store.set('lock', 'mine', 60_000);
      assert.equal(await store.deleteIfEquals('lock', 'theirs'), false);
      assert.equal(await store.get('lock'), 'mine');
      assert.equal(await store.deleteIfEquals('lock', 'mine'), true);
      assert.equal(await store.get('lock'), undefined);
      assert.equal(await store.delete('lock'), false);
    });

    test('a map: fields written, read one by one and all at once, removed; it outlives the longest TTL written to it', async () => {
      await store.setField('follow', 'a', '1', 60_000);
      await store.setField('follow', 'b', '2', 80);
      assert.equal(await store.getField('follow', 'b'), '2');
      assert.equal(await store.getField('follow', 'absent'), undefined);
      assert.deepEqual([...(await store.fields('follow'))].sort(), [
        ['a', '1'],
        ['b', '2'],
      ]);
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(await store.getField('follow', 'a'), '1', 'a shorter TTL written later does not shorten the map’s');
      assert.equal(await store.deleteField('follow', 'a'), true);
      assert.equal(await store.deleteField('follow', 'a'), false);
      assert.deepEqual([...(await store.fields('follow'))], [['b', '2']]);
      assert.deepEqual([...(await store.fields('no-such-map'))], []);
    });

    test('getOrClaim: a present value is returned and nothing is claimed; absent, of ten concurrent claimers exactly one holds the claim', async () => {
      await store.set('{q}:answer', 'known', 60_000);
      assert.deepEqual(await store.getOrClaim('{q}:answer', '{q}:lease', 'me', 60_000), { value: 'known' });
      assert.equal(await store.get('{q}:lease'), undefined, 'no claim taken when the value was there');
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.getOrClaim('{r}:answer', '{r}:lease', `o${i}`, 60_000)));
      const winners = results.flatMap((r, i) => ('claimed' in r && r.claimed ? [i] : []));
      assert.equal(winners.length, 1);
      assert.deepEqual(results.filter((r) => 'claimed' in r && !r.claimed).length, 9);
      assert.equal(await store.get('{r}:lease'), `o${winners[0]}`);
    });

    test('setAndRelease writes the value and gives up only its own claim', async () => {
      await store.set('{s}:lease', 'theirs', 60_000);
      await store.setAndRelease('{s}:answer', 'a1', 60_000, '{s}:lease', 'mine');
      assert.equal(await store.get('{s}:answer'), 'a1');
      assert.equal(await store.get('{s}:lease'), 'theirs', 'a successor’s claim is left alone');
      await store.setAndRelease('{s}:answer', 'a2', 60_000, '{s}:lease', 'theirs');
      assert.equal(await store.get('{s}:answer'), 'a2');
      assert.equal(await store.get('{s}:lease'), undefined);
    });

    test('a TTL below 1 ms is refused: nothing is kept forever', async () => {
      await assert.rejects(() => store.set('k', 'v', 0), RangeError);
      await assert.rejects(() => store.setIfAbsent('k', 'v', Number.POSITIVE_INFINITY), RangeError);
    });
  });
}

contract('in-memory', () => Promise.resolve(new MemoryStateStore()));

describe('on a real redis-server', () => {
  let server: RedisServer;
  let state: SharedState;
  const log = capturedLogger();
  before(async () => {
    server = await startRedisServer();
    state = await openSharedState(
      { redis: { url: server.url, useEntraId: false, keyPrefix: 'test-prefix:', commandTimeoutMs: 300 }, expectedReplicas: 3 },
      log.logger,
    );
  });
  after(async () => {
    await state.close();
    await server.stop();
  });

  contract('Redis', () => Promise.resolve(state.store));

  test('our connection causes no error on this server; before 7.2 (no CLIENT SETINFO) the default handshake would', async (t) => {
    const version = /redis_version:((\d+)\.(\d+)\.\d+)/.exec(await server.command('INFO', 'server'));
    assert.ok(version, 'INFO server names the version');
    // Read by test/state/newer-redis.test.ts, which runs this file on another server and checks it was that one.
    t.diagnostic(`redis_version ${version[1]}`);
    const stats = (await server.command('INFO', 'errorstats')) + (await server.command('INFO', 'commandstats'));
    assert.doesNotMatch(stats, /errorstat_/, `no command of ours was refused: ${stats}`);
    if (Number(version[2]) === 7 && Number(version[3]) < 2) {
      // The control: ioredis with its default handshake does send CLIENT SETINFO, which this server refuses.
      const plain = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
      await plain.connect();
      await plain.ping();
      await new Promise((r) => setTimeout(r, 100));
      plain.disconnect();
      assert.match(await server.command('INFO', 'errorstats'), /errorstat_ERR/, 'the default client handshake is refused by Redis 7.0');
      await server.command('CONFIG', 'RESETSTAT');
    }
  });

  test('every key is under the prefix and expires', async () => {
    await state.store.set('a', '1', 60_000);
    await state.store.setIfAbsent('b', '1', 60_000);
    const raw = new Redis({ port: server.port, host: '127.0.0.1', disableClientInfo: true });
    try {
      const keys = await raw.keys('*');
      assert.ok(keys.length >= 2);
      for (const key of keys) {
        assert.ok(key.startsWith('test-prefix:'), `${key} is under the prefix`);
        assert.ok((await raw.pttl(key)) > 0, `${key} has a TTL`);
      }
    } finally {
      raw.disconnect();
    }
  });

  test('Redis stopped: the store answers locally, says degraded once; Redis back: shared again, said once', async () => {
    assert.equal(state.describe().mode, 'shared');
    await server.stop();
    // Nothing throws; a create-only write still works (locally) and still dedups (locally).
    assert.equal(await state.store.setIfAbsent('during-outage', '1', 60_000), true);
    assert.equal(await state.store.setIfAbsent('during-outage', '1', 60_000), false);
    assert.equal(await state.store.get('k1'), undefined, 'what only Redis had is not there');
    assert.equal(state.describe().mode, 'degraded');
    assert.match(state.describe().detail, /degraded: Redis unreachable or slow/);
    await state.store.get('x');
    await state.store.set('y', '1', 1000);
    assert.equal(log.lines.filter((l) => l.includes('"sharedStateDegraded"')).length, 1, 'logged once per state change');
    await server.start();
    await until(() => state.describe().mode === 'shared', 'back on Redis');
    assert.equal(log.lines.filter((l) => l.includes('"sharedStateRecovered"')).length, 1);
    await state.store.set('after', '1', 60_000);
    assert.equal(await state.store.get('after'), '1');
  });
});

test('the default key prefix is mde-chatops:', () => {
  assert.equal(REDIS_DEFAULTS.keyPrefix, 'mde-chatops:');
});
