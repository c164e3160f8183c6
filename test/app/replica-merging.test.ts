// Identical requests in flight merged across replicas: three bot processes on one real redis-server
// (scripts/rig/replicas.ts), driven over HTTP as Teams drives them, the simulated tenant slow enough
// that a second replica asks while the first is still waiting for Defender. The lease rules are pinned
// in test/resilience/result-cache-shared.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardOf, cardText, personalMessage } from '../../scripts/rig/bot-harness';
import { startReplicaSet, type ReplicaSet } from '../../scripts/rig/replicas';

const analyst = (id: string) => ({ from: { id: `29:${id}`, name: id, aadObjectId: undefined } });

function answerTo(set: ReplicaSet, activityId: unknown): string {
  const replies = set.connector.sent.filter((s) => s.replyToId === activityId && s.activity.type === 'message');
  assert.equal(replies.length, 1, `one answer to ${String(activityId)}`);
  return cardText(cardOf(replies[0]?.activity ?? {}));
}

/** Calls to users/{name}/machines for `user` the simulated tenant has seen. */
function machineCalls(set: ReplicaSet, user: string): number {
  return set.sim.calls.entries().filter((e) => e.path.includes(`/users/${user}/machines`)).length;
}

async function leaseHeld(set: ReplicaSet): Promise<boolean> {
  return /lease/.test((await set.redis?.command('KEYS', '*:lease')) ?? '');
}

describe('identical requests in flight on different replicas of one Redis', () => {
  let set: ReplicaSet;
  before(async () => {
    set = await startReplicaSet({
      replicas: 3,
      env: { RESULT_CACHE_TTL_SECONDS: '60', REDIS_TIMEOUT_MS: '3000', COMMANDS_PER_USER_PER_MINUTE: '3' },
    });
  });
  after(async () => {
    await set?.close();
  });

  test('the same analyst sends the same command to two replicas at once: one Defender call, both answered; another analyst gets their own call', async () => {
    set.sim.faults.set({ kind: 'latency', ms: 1500 });
    const first = personalMessage('machines for user1', analyst('carol'));
    const second = personalMessage('machines for user1', analyst('carol'));
    const other = personalMessage('machines for user1', analyst('dave'));
    const statuses = await Promise.all([set.post(first, 0), set.post(second, 1), set.post(other, 2)]);
    set.sim.faults.clear();
    assert.deepEqual(statuses, [200, 200, 200]);
    assert.equal(machineCalls(set, 'user1'), 2, 'one call for carol’s two commands, one for dave’s');
    const withoutTime = (t: string): string => t.replace(/^(Cached|Data from Defender) .*\n?/gm, '');
    assert.match(answerTo(set, first.id), /user1/);
    assert.doesNotMatch(answerTo(set, first.id), /No machines/);
    assert.equal(withoutTime(answerTo(set, second.id)), withoutTime(answerTo(set, first.id)), 'both of carol’s commands show the machines');
    assert.match(answerTo(set, other.id), /user1/);
  });

  test('each command counts once against the asker’s rate, across replicas (counted with its redelivery check); a redelivery counts nothing', async () => {
    const commands = ['machines for user1', 'alerts for user1', 'machines for user2'].map((text) =>
      personalMessage(text, analyst('frank')),
    );
    assert.deepEqual(await Promise.all(commands.map((c, i) => set.post(c, i))), [200, 200, 200]);
    assert.equal(await set.post(commands[0] ?? {}, 1), 200, 'the redelivery is taken (and ignored)');
    for (const c of commands) assert.doesNotMatch(answerTo(set, c.id), /faster than I take them/, 'within 3 a minute');
    const fourth = personalMessage('machines for user3', analyst('frank'));
    await set.post(fourth, 2);
    assert.match(answerTo(set, fourth.id), /faster than I take them/);
    assert.match(answerTo(set, fourth.id), /up to 3 Defender commands a minute/);
  });

  test('the replica asking Defender is killed mid-call: the replica waiting for it still answers, with its own call', async () => {
    set.sim.faults.set({ kind: 'latency', ms: 2000 });
    const before = machineCalls(set, 'user1');
    const owner = personalMessage('machines for user1', analyst('erin'));
    const onOwner = set.post(owner, 0).catch(() => 0);
    const end = Date.now() + 5000;
    while (!(await leaseHeld(set)) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.ok(await leaseHeld(set), 'replica 0 holds the lease while it asks Defender');
    const waiter = personalMessage('machines for user1', analyst('erin'));
    const onWaiter = set.post(waiter, 1);
    await new Promise((r) => setTimeout(r, 300));
    await set.replicas[0]?.kill();
    await onOwner;
    assert.equal(await onWaiter, 200);
    set.sim.faults.clear();
    assert.match(answerTo(set, waiter.id), /user1/);
    assert.doesNotMatch(answerTo(set, waiter.id), /No machines/);
    assert.doesNotMatch(answerTo(set, waiter.id), /didn't answer|not answering|try again/i);
    assert.equal(machineCalls(set, 'user1') - before, 2, 'the dead owner’s call and the waiter’s own');
  });
});
