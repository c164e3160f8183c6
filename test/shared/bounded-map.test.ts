import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMap } from '../../src/shared/bounded-map';

test('the least recently used entry is forgotten first; get counts as a use, peek does not', () => {
  const m = new BoundedMap<string, number>({ max: 2 });
  m.set('a', 1);
  m.set('b', 2);
  assert.equal(m.get('a'), 1); // a is now the most recent
  m.set('c', 3);
  assert.equal(m.get('b'), undefined, 'b was the least recently used');
  assert.deepEqual([m.get('a'), m.get('c'), m.size], [1, 3, 2]);
  assert.equal(m.peek('a'), 1); // c stays the most recent
  m.set('d', 4);
  assert.deepEqual([m.peek('a'), m.peek('c'), m.peek('d')], [undefined, 3, 4]);
});

test('an entry is gone once it is ttlMs old, on the injected clock, even at time 0', () => {
  let now = 0;
  const m = new BoundedMap<string, string>({ max: 10, ttlMs: 1000, now: () => now });
  m.set('x', 'v');
  now = 999;
  assert.equal(m.peek('x'), 'v');
  now = 1000;
  assert.equal(m.get('x'), undefined);
  assert.equal(m.size, 0, 'the expired entry is dropped when looked at');
});

test('setting again renews the age; deleteWhere removes matching values and counts them', () => {
  let now = 0;
  const m = new BoundedMap<string, number>({ max: 10, ttlMs: 100, now: () => now });
  m.set('a', 1);
  now = 90;
  m.set('a', 2);
  m.set('b', 3);
  now = 150;
  assert.equal(m.get('a'), 2);
  assert.equal(
    m.deleteWhere((v) => v > 1),
    2,
  );
  assert.equal(m.size, 0);
});

test('a bound that is not a positive integer, or a negative TTL, is refused', () => {
  assert.throws(() => new BoundedMap({ max: 0 }), RangeError);
  assert.throws(() => new BoundedMap({ max: 1.5 }), RangeError);
  assert.throws(() => new BoundedMap({ max: 1, ttlMs: -1 }), RangeError);
});
