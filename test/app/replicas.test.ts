// Three bot processes on one real redis-server behind a round-robin balancer, driven over HTTP as
// Teams drives them (scripts/rig/replicas.ts): one Defender budget for the tenant, one answer per
// activity, a cached answer shared per analyst and never across analysts, a replica crash and a Redis
// outage without a crash or a broken budget. The sign-in that moves between replicas is in
// test/app/production-replicas.test.ts (it needs the production rig).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardOf, cardText, personalMessage } from '../../scripts/rig/bot-harness';
import { startReplicaSet, type ReplicaSet } from '../../scripts/rig/replicas';

const analyst = (id: string) => ({ from: { id: `29:${id}`, name: id, aadObjectId: undefined } });

/** The message replies to one activity (typing indicators and "still working" apart). */
function repliesTo(set: ReplicaSet, activityId: unknown): Array<Record<string, unknown>> {
  return set.connector.sent.filter((s) => s.replyToId === activityId && s.activity.type === 'message').map((s) => s.activity);
}

function rejected429(set: ReplicaSet): number {
  return set.sim.calls.entries().filter((e) => e.status === 429).length;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`never happened: ${what}`);
}

/**
 * 20 a minute at the tenant (the case); the bot keeps 19; a call over it waits at most 2 s, then says "retry in N s".
 * Redis gets 3 s per command here, not the default 500 ms: on a loaded 2-core test machine a slow Redis reply would
 * otherwise send a replica to its degraded local share mid-burst (the outage test covers that path on purpose).
 */
const SLOW_MACHINE = { REDIS_TIMEOUT_MS: '3000' };
const BUDGET_ENV = { DEFENDER_RATE_PER_MINUTE: '20', DEFENDER_QUEUE_MAX_WAIT_SECONDS: '2' };
const BUDGET_SIM = { limits: { perMinute: 20, perHour: 1500 } };

/** A burst of `n` commands from `n` analysts through the balancer; each asks about a different user (one Defender call each). */
async function burst(set: ReplicaSet, n: number, tag: string): Promise<Array<Record<string, unknown>>> {
  const activities = Array.from({ length: n }, (_, i) => personalMessage(`machines for user${(i % 40) + 1}`, analyst(`${tag}-${i}`)));
  const statuses = await Promise.all(activities.map((a) => set.post(a)));
  assert.deepEqual(
    statuses.filter((s) => s !== 200),
    [],
    'every post answered 200',
  );
  return activities;
}

describe('a burst across three replicas', () => {
  test('on one Redis: Defender never refuses a call (no 429) and every command gets one answer', async () => {
    const set = await startReplicaSet({ replicas: 3, env: { ...BUDGET_ENV, ...SLOW_MACHINE }, sim: BUDGET_SIM });
    try {
      const activities = await burst(set, 30, 'burst');
      for (const a of activities) assert.equal(repliesTo(set, a.id).length, 1, `one answer to ${String(a.id)}`);
      assert.equal(rejected429(set), 0, 'the simulated tenant refused nothing');
      // A replica that found Redis too slow (REDIS_TIMEOUT_MS) answers from its local share: named, should this fail.
      const degraded = set.replicas.filter((r) => r.output().includes('"sharedStateDegraded"')).length;
      assert.equal(
        set.sim.budget.usage('users/{name}/machines').lastMinute,
        19,
        `the whole budget, less the 5 % reserve, and no more (replicas that went degraded meanwhile: ${degraded})`,
      );
      const throttled = activities.filter((a) => /retry|try again/i.test(cardText(cardOf(repliesTo(set, a.id)[0] ?? {}))));
      assert.equal(throttled.length, 11, 'the 11 over the budget are told when to retry');
    } finally {
      await set.close();
    }
  });

  test('control, without Redis: the same burst makes the simulated tenant refuse calls (each replica spends its own budget)', async () => {
    const set = await startReplicaSet({ replicas: 3, redis: false, env: BUDGET_ENV, sim: BUDGET_SIM });
    try {
      await burst(set, 30, 'control');
      assert.ok(rejected429(set) > 0, 'three separate budgets overrun the tenant’s one');
    } finally {
      await set.close();
    }
  });
});

describe('three replicas on one Redis', () => {
  let set: ReplicaSet;
  before(async () => {
    set = await startReplicaSet({
      replicas: 3,
      env: { DEFENDER_RATE_PER_MINUTE: '20', RESULT_CACHE_TTL_SECONDS: '60', ...SLOW_MACHINE },
      sim: BUDGET_SIM,
    });
  });
  after(async () => {
    await set?.close();
  });

  test('the same activity delivered to two replicas is answered once, with one Defender call', async () => {
    const activity = personalMessage('machines for user2', analyst('dup'));
    const before = set.sim.calls.total();
    const statuses = await Promise.all([set.post(activity, 0), set.post(activity, 1)]);
    assert.deepEqual(statuses, [200, 200]);
    assert.equal(repliesTo(set, activity.id).length, 1);
    assert.equal(set.sim.calls.total() - before, 1);
  });

  test('a cached answer is served by another replica for the same analyst, never for another analyst', async () => {
    const first = personalMessage('machines for user1', analyst('alice'));
    await set.post(first, 0);
    const calls = set.sim.calls.total();
    const again = personalMessage('machines for user1', analyst('alice'));
    await set.post(again, 1);
    assert.equal(set.sim.calls.total(), calls, 'no Defender call for the repeat on replica 1');
    const text = (a: Record<string, unknown>): string => cardText(cardOf(repliesTo(set, a.id)[0] ?? {}));
    assert.match(text(again), /^Cached \d+ s ago \(\d\d:\d\d:\d\d UTC\)\.$/m, 'the card says it is a cached answer');
    const withoutTime = (t: string): string => t.replace(/^Cached .*\n?/m, '');
    assert.equal(withoutTime(text(again)), withoutTime(text(first)), 'the same machines');
    assert.match(text(first), /user1/);
    const other = personalMessage('machines for user1', analyst('bob'));
    await set.post(other, 2);
    assert.equal(set.sim.calls.total(), calls + 1, 'another analyst’s question goes to Defender as that analyst');
  });

  test('Redis stopped and restarted mid-burst: no replica crashes, every command is answered, Defender refuses nothing', async () => {
    const redis = set.redis;
    assert.ok(redis);
    set.sim.budget.reset();
    const before = set.sim.calls.entries().length;
    const first = await burst(set, 6, 'pre-outage');
    await redis.stop();
    const during = await burst(set, 12, 'outage');
    const ready = await fetch(`${set.replicas[0]?.url ?? ''}/readyz`);
    const report = (await ready.json()) as { degraded?: string };
    assert.equal(ready.status, 200, 'a degraded replica stays in the load balancer');
    assert.match(report.degraded ?? '', /Redis unreachable or slow.*÷ 3 replicas/);
    await redis.start();
    await until(async () => {
      const r = (await (await fetch(`${set.replicas[0]?.url ?? ''}/readyz`)).json()) as { degraded?: string };
      return r.degraded === undefined;
    }, 'replica 0 back on Redis');
    await new Promise((r) => setTimeout(r, 1500));
    const later = await burst(set, 6, 'post-outage');
    for (const a of [...first, ...during, ...later]) assert.equal(repliesTo(set, a.id).length, 1, `one answer to ${String(a.id)}`);
    assert.ok(
      set.replicas.every((r) => r.alive),
      'no replica crashed',
    );
    const calls = set.sim.calls.entries().slice(before);
    assert.equal(calls.filter((e) => e.status === 429).length, 0, 'the tenant refused nothing');
    assert.ok(calls.length <= 19, `at most the budget reached Defender (${calls.length})`);
    for (const r of set.replicas) {
      assert.equal((r.output().match(/"sharedStateDegraded"/g) ?? []).length, 1, 'degraded logged once');
      assert.equal((r.output().match(/"sharedStateRecovered"/g) ?? []).length, 1, 'recovered logged once');
    }
  });

  test('one replica killed: the others carry on answering through the balancer', async () => {
    set.sim.budget.reset();
    await set.replicas[1]?.kill();
    const activities = await burst(set, 6, 'after-kill');
    for (const a of activities) assert.equal(repliesTo(set, a.id).length, 1);
    assert.equal(set.replicas.filter((r) => r.alive).length, 2);
  });
});
