// Who an answer and a queue belong to: from Teams' identity of the asker, never from the token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createResilience, userKeyOf } from '../../src/resilience';

test('the user key is the tenant-qualified Entra object id when Teams sends one, else the Teams user id', () => {
  assert.equal(userKeyOf({ teamsUserId: '29:abc', aadObjectId: 'oid-1', tenantId: 't1' }), 'aad:t1:oid-1');
  assert.equal(userKeyOf({ teamsUserId: '29:abc', tenantId: 't1' }), 'teams:t1:29:abc');
  assert.notEqual(
    userKeyOf({ teamsUserId: 'x', aadObjectId: 'oid-1', tenantId: 't1' }),
    userKeyOf({ teamsUserId: 'x', aadObjectId: 'oid-1', tenantId: 't2' }),
  );
  assert.throws(() => userKeyOf({ teamsUserId: '' }), /neither/);
});

test('a resilient client cannot be made for nobody', () => {
  const resilience = createResilience();
  try {
    assert.throws(
      () =>
        resilience.clientFor({
          baseUrl: 'https://api.security.microsoft.com',
          fetch: (u, i) => fetch(u, i),
          getToken: async () => 't',
          userKey: '',
        }),
      /userKey/,
    );
  } finally {
    void resilience.close();
  }
});

test('invalid options are refused with the option named', () => {
  assert.throws(() => createResilience({ perMinute: 0 }), /perMinute/);
  assert.throws(() => createResilience({ safetyMargin: 1 }), /safetyMargin/);
  assert.throws(() => createResilience({ cacheMaxEntries: 0 }), /maxEntries/);
  assert.throws(() => createResilience({ breakerCoolDownMs: -1 }), /coolDownMs/);
  assert.throws(() => createResilience({ maxQueueWaitMs: 0 }), /maxQueueWaitMs/);
  assert.throws(() => createResilience({ retryAttempts: 0 }), /attempts/);
});
