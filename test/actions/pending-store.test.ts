// The pending-confirmation store's contract, which a shared (Redis) store must keep too: create-only
// put, entries gone after their TTL, and take() handing an entry to exactly one of any number of callers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryPendingStore } from '../../src/actions/pending-store';

test('put is create-only, get reads without consuming, take consumes', async () => {
  const store = new MemoryPendingStore<string>();
  assert.equal(await store.put('a', 'first', 60_000), true);
  assert.equal(await store.put('a', 'second', 60_000), false);
  assert.equal(await store.get('a'), 'first');
  assert.equal(await store.take('a'), 'first');
  assert.equal(await store.get('a'), undefined);
  assert.equal(await store.take('a'), undefined);
});

test('of many concurrent takes exactly one gets the entry', async () => {
  const store = new MemoryPendingStore<number>();
  await store.put('x', 42, 60_000);
  const results = await Promise.all(Array.from({ length: 50 }, () => store.take('x')));
  assert.deepEqual(
    results.filter((r) => r !== undefined),
    [42],
  );
});

test('an entry is gone after its TTL, and its id can be used again', async () => {
  let now = 1_000;
  const store = new MemoryPendingStore<string>(10, () => now);
  await store.put('a', 'v', 500);
  now += 499;
  assert.equal(await store.get('a'), 'v');
  now += 1;
  assert.equal(await store.get('a'), undefined);
  assert.equal(await store.take('a'), undefined);
  assert.equal(await store.put('a', 'w', 500), true);
});

test('bounded: past its size the oldest entries are forgotten', async () => {
  const store = new MemoryPendingStore<number>(3);
  for (const i of [1, 2, 3, 4]) await store.put(String(i), i, 60_000);
  assert.equal(await store.get('1'), undefined);
  assert.equal(await store.get('4'), 4);
});
