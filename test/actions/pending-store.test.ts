// The pending-confirmation store over the state store, in memory and on a real redis-server: put is
// create-only, take hands an entry to exactly one of any number of callers, entries expire, and a
// stored value that does not parse into a PendingAction is absent (reported without its content).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StatePendingStore } from '../../src/actions/pending-store';
import { parsePendingAction } from '../../src/actions/pending-action-parse';
import type { PendingAction } from '../../src/actions/types';
import { createLogger } from '../../src/logging/logger';
import { MemoryStateStore, openSharedState, type SharedState, type StateStore } from '../../src/state';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const REQUEST: PendingAction = {
  id: 'p-1',
  action: 'isolate',
  option: 'selective',
  machineId: 'm'.repeat(40),
  machineName: 'pc1.contoso.com',
  reason: 'INC-7 ransomware',
  requester: { teamsUserId: '29:elena', aadObjectId: 'a1a1', name: 'Elena Brandt' },
  conversationId: 'conv-1',
  approval: 'second-analyst',
  createdAt: '2026-12-03T10:00:00.000Z',
  expiresAt: '2026-12-03T10:10:00.000Z',
};

function adapter(store: StateStore): { pending: StatePendingStore<PendingAction>; unreadable: string[] } {
  const unreadable: string[] = [];
  const pending = new StatePendingStore<PendingAction>(store, {
    kind: 'action-pending:',
    parse: parsePendingAction,
    onUnreadable: (kind) => unreadable.push(kind),
  });
  return { pending, unreadable };
}

function contract(name: string, open: () => StateStore): void {
  describe(`pending confirmations on the ${name} state store`, () => {
    test('put is create-only; get reads without consuming and returns the typed request; take consumes', async () => {
      const { pending } = adapter(open());
      const id = `a-${name}`;
      assert.equal(await pending.put(id, { ...REQUEST, id }, 60_000), true);
      assert.equal(await pending.put(id, { ...REQUEST, id, reason: 'overwrite' }, 60_000), false);
      assert.deepEqual(await pending.get(id), { ...REQUEST, id });
      assert.deepEqual(await pending.take(id), { ...REQUEST, id });
      assert.equal(await pending.get(id), undefined);
      assert.equal(await pending.take(id), undefined);
    });

    test('of fifty concurrent takes exactly one gets the entry', async () => {
      const { pending } = adapter(open());
      const id = `x-${name}`;
      await pending.put(id, { ...REQUEST, id }, 60_000);
      const results = await Promise.all(Array.from({ length: 50 }, () => pending.take(id)));
      assert.deepEqual(
        results.filter((r) => r !== undefined).map((r) => r.id),
        [id],
      );
    });

    test('an entry is gone after its TTL', async () => {
      const { pending } = adapter(open());
      const id = `t-${name}`;
      await pending.put(id, { ...REQUEST, id }, 100);
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(await pending.get(id), undefined);
      assert.equal(await pending.put(id, { ...REQUEST, id }, 60_000), true, 'the id can be used again');
    });

    test('a stored value that is not a valid request is absent, and reported by kind only', async () => {
      const store = open();
      const { pending, unreadable } = adapter(store);
      const bad = [
        'not json {',
        JSON.stringify({ ...REQUEST, action: 'wipe' }),
        JSON.stringify({ ...REQUEST, requester: { name: 'no id' } }),
        JSON.stringify({ ...REQUEST, expiresAt: 'soon' }),
        JSON.stringify({ ...REQUEST, option: 'everything' }),
        JSON.stringify({ ...REQUEST, approval: 'nobody' }),
        JSON.stringify([REQUEST]),
      ];
      for (const [i, raw] of bad.entries()) await store.set(`action-pending:bad-${name}-${i}`, raw, 60_000);
      for (const i of bad.keys()) assert.equal(await pending.get(`bad-${name}-${i}`), undefined, bad[i]);
      assert.equal(await pending.take(`bad-${name}-0`), undefined);
      assert.deepEqual(
        unreadable,
        Array.from({ length: bad.length + 1 }, () => 'action-pending:'),
      );
    });

    test('keys are under the action-pending: kind, and the value holds no more than the request', async () => {
      const store = open();
      const { pending } = adapter(store);
      const id = `k-${name}`;
      await pending.put(id, { ...REQUEST, id }, 60_000);
      const raw = await store.get(`action-pending:${id}`);
      assert.ok(raw);
      assert.deepEqual(Object.keys(JSON.parse(raw) as object).sort(), Object.keys(REQUEST).sort());
    });
  });
}

const memory = new MemoryStateStore();
contract('in-memory', () => memory);

describe('on a real redis-server', () => {
  let server: RedisServer;
  let state: SharedState;
  before(async () => {
    server = await startRedisServer();
    state = await openSharedState(
      { redis: { url: server.url, useEntraId: false, keyPrefix: 'test-actions:', commandTimeoutMs: 300 }, expectedReplicas: 1 },
      createLogger('silent'),
    );
  });
  after(async () => {
    await state?.close();
    await server?.stop();
  });
  contract('Redis', () => state.store);

  test('a put whose Redis write times out but is executed later is still taken only once', async () => {
    const { pending } = adapter(state.store);
    // Redis holds writes for 1 s: the client gives up after 300 ms (the replica turns degraded and
    // answers locally), then Redis executes the SET NX anyway.
    await server.command('CLIENT', 'PAUSE', '1000', 'WRITE');
    assert.equal(await pending.put('late', { ...REQUEST, id: 'late' }, 60_000), true);
    assert.equal(state.store.mode(), 'degraded');
    const end = Date.now() + 8000;
    while (state.store.mode() !== 'shared' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(state.store.mode(), 'shared', 'back on Redis');
    const takes = [await pending.take('late'), await pending.take('late')];
    assert.deepEqual(
      takes.map((t) => t?.id),
      ['late', undefined],
    );
  });
});

test('a request without its optional fields parses back as written, without undefined keys', () => {
  const { option: _o, machineName: _m, reason: _r, ...minimal } = REQUEST;
  const requester = { teamsUserId: '29:sam', name: 'Sam Okafor' };
  const parsed = parsePendingAction(JSON.parse(JSON.stringify({ ...minimal, requester })));
  assert.deepEqual(parsed, { ...minimal, requester });
  assert.deepEqual(Object.keys(parsed ?? {}).sort(), Object.keys({ ...minimal, requester }).sort());
});
