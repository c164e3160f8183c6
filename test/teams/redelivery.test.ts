import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStateStore } from '../../src/state/memory-store';
import { RecentActivities } from '../../src/teams/redelivery';
import { personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

test('an activity id is a first delivery once, then a redelivery', async () => {
  const recent = new RecentActivities();
  assert.equal(await recent.firstDelivery('conv|1'), true);
  assert.equal(await recent.firstDelivery('conv|1'), false);
  assert.equal(await recent.firstDelivery('conv|2'), true);
});

test('memory stays bounded: the oldest ids are forgotten first', async () => {
  const recent = new RecentActivities({ maxEntries: 3 });
  for (const id of ['a', 'b', 'c', 'd']) await recent.firstDelivery(id);
  assert.equal(await recent.firstDelivery('a'), true, 'a was evicted');
  assert.equal(await recent.firstDelivery('d'), false, 'd is still remembered');
});

test('an id is remembered only for the TTL', async () => {
  let now = 0;
  const recent = new RecentActivities({ ttlMs: 1000, now: () => now });
  await recent.firstDelivery('x');
  now = 999;
  assert.equal(await recent.firstDelivery('x'), false);
  now = 2500;
  assert.equal(await recent.firstDelivery('x'), true);
});

test('activity ids and token-exchange ids sharing one store do not collide', async () => {
  const store = new MemoryStateStore();
  const activities = new RecentActivities({ store });
  const exchanges = new RecentActivities({ store, kind: 'exchange' });
  assert.equal(await activities.firstDelivery('same'), true);
  assert.equal(await exchanges.firstDelivery('same'), true);
});

describe('a redelivered activity over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test('Teams resending the same activity gets one answer and one Defender call', async () => {
    const activity = personalMessage('machines for user1');
    h.sim.calls.reset();
    const [first, second] = await Promise.all([h.exchange(activity), h.exchange(activity)]);
    assert.equal((first?.length ?? 0) + (second?.length ?? 0), 1);
    assert.equal(h.sim.calls.entries().length, 1);
    assert.equal((await h.exchange(activity)).length, 0, 'a later redelivery is dropped too');
  });
});
