// Follow-ups parked in the state store: a record comes back as it was saved (what a replica needs to
// carry it on), one that does not parse is dropped and reported without its value, and a poll's lease
// is held by one owner at a time and released only by that owner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FollowUpRecord } from '../../src/actions/follow-up-record';
import { FollowUpStore } from '../../src/actions/follow-up-store';
import { MemoryStateStore } from '../../src/state/memory-store';

const ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const RECORD: FollowUpRecord<{ conversation: { id: string } }> = {
  actionId: ID,
  view: {
    action: { id: ID, status: 'InProgress', type: 'Isolate', machineId: 'f'.repeat(40), lastUpdateDateTimeUtc: '2026-12-03T10:00:05Z' },
    kind: 'isolate',
    machineName: 'pc1.contoso.com',
    requestedBy: 'Elena Brandt',
    requestedAt: '2026-12-03T09:59:00Z',
    decidedAt: '2026-12-03T10:00:00Z',
    reason: 'INC-1',
    existing: false,
  },
  as: { teamsUserId: '29:elena', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a', displayName: 'Elena Brandt' },
  reference: { conversation: { id: 'a:chat' } },
  cardId: 'reply-7',
  startedAt: 1_000,
  deadline: 901_000,
  nextPollAt: 6_000,
  delayMs: 10_000,
};

function setup() {
  const state = new MemoryStateStore();
  const unreadable: string[] = [];
  const store = new FollowUpStore(state, {
    parseRef: (raw) =>
      typeof raw === 'object' && raw !== null && typeof (raw as { conversation?: { id?: unknown } }).conversation?.id === 'string'
        ? (raw as { conversation: { id: string } })
        : undefined,
    onUnreadable: (id) => unreadable.push(id),
    now: () => 2_000,
  });
  return { state, store, unreadable };
}

test('a saved follow-up comes back whole, is listed, and is gone once removed', async () => {
  const { store } = setup();
  await store.save(RECORD);
  assert.deepEqual(await store.get(ID), RECORD);
  assert.deepEqual(await store.all(), [RECORD]);
  await store.remove(ID);
  assert.equal(await store.get(ID), undefined);
  assert.deepEqual(await store.all(), []);
});

test('a record that does not parse (here: a reference without a conversation) is dropped and reported by action id only', async () => {
  const { state, store, unreadable } = setup();
  await state.setField('action-follow-ups', ID, JSON.stringify({ ...RECORD, reference: { serviceUrl: 'x' } }), 60_000);
  await state.setField('action-follow-ups', 'other', 'not json', 60_000);
  assert.deepEqual(await store.all(), []);
  assert.deepEqual(unreadable.sort(), [ID, 'other'].sort());
  assert.deepEqual([...(await state.fields('action-follow-ups'))], [], 'dropped from the store');
});

test('a poll lease: one owner at a time, released only by its owner', async () => {
  const { store } = setup();
  assert.equal(await store.claim(ID, 'replica-a', 60_000), true);
  assert.equal(await store.claim(ID, 'replica-b', 60_000), false);
  await store.release(ID, 'replica-b');
  assert.equal(await store.claim(ID, 'replica-b', 60_000), false, 'B cannot release A’s lease');
  await store.release(ID, 'replica-a');
  assert.equal(await store.claim(ID, 'replica-b', 60_000), true);
});
