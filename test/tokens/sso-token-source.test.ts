// The in-memory SSO token store under the provider (its bounded map: test/shared/bounded-map.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySsoTokenStore } from '../../src/tokens/sso-token-source';

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
