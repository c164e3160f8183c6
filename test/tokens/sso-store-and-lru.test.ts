// The small containers under the provider: the bounded LRU map and the in-memory SSO token store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruMap } from '../../src/tokens/lru';
import { MemorySsoTokenStore } from '../../src/tokens/sso-token-source';

test('the LRU map evicts the least recently used entry and returns it', () => {
  const m = new LruMap<string, number>(2);
  m.set('a', 1);
  m.set('b', 2);
  assert.equal(m.get('a'), 1); // a is now the most recent
  assert.deepEqual(m.set('c', 3), [2]);
  assert.equal(m.get('b'), undefined);
  assert.equal(m.size, 2);
  assert.equal(m.deleteWhere((v) => v > 1), 1);
  assert.throws(() => new LruMap(0), RangeError);
});

test('the SSO store keeps the newest token per Teams user, forgets on request, and is bounded', async () => {
  const s = new MemorySsoTokenStore(2);
  const u = (id: string) => ({ teamsUserId: id });
  s.put(u('1'), 'old');
  s.put(u('1'), 'new');
  assert.equal(await s.getSsoToken(u('1')), 'new');
  s.forget(u('1'));
  assert.equal(await s.getSsoToken(u('1')), undefined);
  s.put(u('1'), 'x');
  s.put(u('2'), 'y');
  s.put(u('3'), 'z');
  assert.equal(s.size, 2);
  assert.equal(await s.getSsoToken(u('1')), undefined);
});
