// The shared budget in front of the simulated tenant, over real HTTP with the real client:
// 429s are waited out for the analyst, fairness between analysts, and honest "throttled" answers
// when the budget cannot be had in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Machine } from '../../src/defender';
import { DefenderError } from '../../src/defender';
import { effectiveLimits } from '../../src/resilience';
import { facts } from '../../src/simulator';
import { acceleratedClock, analystClient, resilienceFor, startSim } from './helpers';

const MINUTE = 60_000;

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test("the safety margin lowers Defender's limits by a fraction, never below one call", () => {
  assert.deepEqual(effectiveLimits(100, 1500, 0.05), { perMinute: 95, perHour: 1425 });
  assert.deepEqual(effectiveLimits(100, 1500, 0), { perMinute: 100, perHour: 1500 });
  assert.deepEqual(effectiveLimits(1, 1, 0.5), { perMinute: 1, perHour: 1 });
});

test('a 429 with Retry-After pauses that endpoint for everyone, and the analyst gets the answer, not an error', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ cacheTtlMs: 0 });
  try {
    sim.faults.set({ kind: 'throttle', retryAfterSeconds: 1 }, { times: 1, endpoint: 'users/{name}/machines' });
    const x = analystClient(resilience, sim, 'soc-lead', 'analyst-x');
    const y = analystClient(resilience, sim, 'soc-lead', 'analyst-y');
    const z = analystClient(resilience, sim, 'soc-lead', 'analyst-z');

    const xMachines = x.getUserMachines('user1');
    // The simulator logs its 429 before the bot has read it; the pause starts when the bot has.
    await until(
      () => sim.calls.entries().some((e) => e.status === 429) && resilience.limiter.usage('users/{name}/machines').pausedUntil > 0,
      'the 429 and the pause',
    );
    // While the endpoint is paused: a colleague asks the same endpoint, another asks a different one.
    const yMachines = y.getUserMachines('user2');
    const zMachine = z.getMachine(facts.SEED_MACHINE_IDS.mymachine1);
    const [xs, ys, zm] = await Promise.all([xMachines, yMachines, zMachine]);

    assert.equal(xs.length, facts.USER1_MACHINE_IDS.length, 'x gets the machines');
    assert.ok(Array.isArray(ys));
    assert.equal(zm.id, facts.SEED_MACHINE_IDS.mymachine1);
    const entries = sim.calls.entries();
    const throttled = entries.filter((e) => e.status === 429);
    assert.equal(throttled.length, 1, 'Defender was asked again only after the pause');
    const pausedAt = throttled[0]?.at ?? 0;
    const later = entries.filter((e) => e.endpoint === 'users/{name}/machines' && e.status !== 429);
    assert.equal(later.length, 2, "x's retry and y's call");
    for (const e of later) assert.ok(e.at >= pausedAt + 1000, `${e.path} sent ${e.at - pausedAt} ms after the 429`);
    const other = entries.find((e) => e.endpoint === 'machines/{id}');
    assert.ok(other !== undefined && other.at < pausedAt + 1000, 'the other endpoint was not paused');
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('a Retry-After longer than the bot may wait reaches the analyst as throttled with that time, and the pause holds for everyone without calling Defender', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ cacheTtlMs: 0, maxQueueWaitMs: 5_000 });
  try {
    sim.faults.set({ kind: 'throttle', retryAfterSeconds: 42 }, { times: 1 });
    const x = analystClient(resilience, sim, 'soc-lead', 'analyst-x');
    const y = analystClient(resilience, sim, 'analyst-us', 'analyst-y');
    await assert.rejects(
      x.getUserMachines('user1'),
      (e: unknown) => e instanceof DefenderError && e.code === 'throttled' && e.retryAfterSeconds === 42,
    );
    const started = Date.now();
    await assert.rejects(
      y.getUserMachines('user2'),
      (e: unknown) => e instanceof DefenderError && e.code === 'throttled' && (e.retryAfterSeconds ?? 0) >= 41,
    );
    assert.ok(Date.now() - started < 1_000, 'told at once');
    assert.equal(sim.calls.total(), 1, 'only the first call reached Defender');
    const machine = await x.getMachine(facts.SEED_MACHINE_IDS.mymachine1);
    assert.equal(machine.id, facts.SEED_MACHINE_IDS.mymachine1, 'other endpoints still answer');
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('when the minute\'s budget is spent and the next slot is further away than the wait limit, the analyst is told "throttled, retry in N s" at once, and Defender is not called', async () => {
  const sim = await startSim();
  // perUserShare 1: the shared window alone (the per-person share has its own tests below).
  const resilience = resilienceFor({ perMinute: 2, safetyMargin: 0, perUserShare: 1, cacheTtlMs: 0, maxQueueWaitMs: 1_000 });
  try {
    const x = analystClient(resilience, sim, 'soc-lead', 'analyst-x');
    await x.getMachine(facts.SEED_MACHINE_IDS.mymachine1);
    await x.getMachine(facts.SEED_MACHINE_IDS.mymachine2);
    const started = Date.now();
    await assert.rejects(x.getMachine(facts.SEED_MACHINE_IDS.machine1), (e: unknown) => {
      assert.ok(e instanceof DefenderError);
      assert.equal(e.code, 'throttled');
      assert.ok((e.retryAfterSeconds ?? 0) >= 59 && (e.retryAfterSeconds ?? 0) <= 60, `retry after ${e.retryAfterSeconds}`);
      return true;
    });
    assert.ok(Date.now() - started < 500);
    assert.equal(sim.calls.total(), 2);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

interface FairnessRun {
  /** A's answers before B asked. */
  answeredBeforeB: number;
  /** B's place among all 51 answers (1-based). */
  bPlace: number;
  /** A's answers between B asking and B's answer. */
  aInBetween: number;
  throttledBySimulator: number;
}

/**
 * A fires 50 getMachine calls, then B fires one: at once, or once A has used up the first minute.
 * 120x compressed time shared by the simulator and the limiter (a minute is 0.5 s of real time);
 * 20 calls per sliding minute with no margin, so A's 50 calls need three minutes.
 */
async function fairnessRun(options: {
  perUserConcurrency: number;
  bAsksAfterAnswers: number;
  bAsksWhenQueued?: number;
}): Promise<FairnessRun> {
  const clock = acceleratedClock(120);
  const sim = await startSim({ now: clock.now });
  const resilience = resilienceFor({
    clock,
    perMinute: 20,
    safetyMargin: 0,
    // Fairness from the queues alone: no per-person share of the window.
    perUserShare: 1,
    perUserConcurrency: options.perUserConcurrency,
    cacheTtlMs: 0,
    maxQueueWaitMs: 30 * MINUTE,
    requestTimeoutMs: 5 * MINUTE,
  });
  try {
    const ids = sim.data.machines.map((m) => m.id).slice(0, 51);
    const a = analystClient(resilience, sim, 'soc-lead', 'analyst-a');
    const b = analystClient(resilience, sim, 'soc-lead', 'analyst-b');
    const answered: string[] = [];
    const note = (who: string) => (m: Machine) => {
      answered.push(who);
      return m;
    };
    const aCalls = ids.slice(0, 50).map((id) => a.getMachine(id).then(note('A')));
    const queuedAtGate = (): number => resilience.limiter.usage('machines/{id}').queued;
    await until(
      () => answered.length >= options.bAsksAfterAnswers && queuedAtGate() >= (options.bAsksWhenQueued ?? 0),
      "A's first answers",
    );
    const answeredBeforeB = answered.length;
    const bCall = b.getMachine(ids[50] ?? '').then(note('B'));
    await Promise.all([...aCalls, bCall]);
    const bIndex = answered.indexOf('B');
    return {
      answeredBeforeB,
      bPlace: bIndex + 1,
      aInBetween: bIndex - answeredBeforeB,
      throttledBySimulator: sim.calls.entries().filter((e) => e.status === 429).length,
    };
  } finally {
    await resilience.close();
    await sim.close();
  }
}

test('fairness: analyst A enqueues 50 calls, then B enqueues 1: B is answered among the first few', async (t) => {
  const run = await fairnessRun({ perUserConcurrency: 2, bAsksAfterAnswers: 0 });
  t.diagnostic(`B answered as #${run.bPlace} of 51`);
  assert.ok(run.bPlace <= 3, `B answered as #${run.bPlace}`);
  assert.equal(run.throttledBySimulator, 0);
});

test("fairness: when A has used up the minute and has 30 calls waiting, B's one call waits for at most a few of them", async (t) => {
  const run = await fairnessRun({ perUserConcurrency: 2, bAsksAfterAnswers: 20 });
  t.diagnostic(
    `B asked when A had ${run.answeredBeforeB} answers; B answered as #${run.bPlace} of 51, after ${run.aInBetween} more of A's`,
  );
  assert.ok(run.aInBetween <= 4, `B waited for ${run.aInBetween} of A's calls`);
  assert.ok(51 - run.bPlace >= 20, 'A still had most of its calls to go when B was answered');
  assert.equal(run.throttledBySimulator, 0);
});

test("fairness comes from the per-analyst queue: with it wide open, B waits behind A's whole backlog", async (t) => {
  // B asks once all 30 of A's remaining calls wait at the shared gate.
  const run = await fairnessRun({ perUserConcurrency: 50, bAsksAfterAnswers: 20, bAsksWhenQueued: 30 });
  t.diagnostic(`without per-analyst queueing B answered as #${run.bPlace} of 51`);
  assert.ok(run.aInBetween >= 25, `B waited for ${run.aInBetween} of A's calls`);
});

test('one person may use only their share of the minute (here 25 % of 8 = 2): the third call is refused as theirs, with when to retry, and a colleague still gets through', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ perMinute: 8, safetyMargin: 0, perUserShare: 0.25, cacheTtlMs: 0, maxQueueWaitMs: 1_000 });
  try {
    assert.deepEqual(resilience.limiter.personalLimits, { perMinute: 2, perHour: 375 });
    const x = analystClient(resilience, sim, 'soc-lead', 'analyst-x');
    await x.getMachine(facts.SEED_MACHINE_IDS.mymachine1);
    await x.getMachine(facts.SEED_MACHINE_IDS.mymachine2);
    const started = Date.now();
    await assert.rejects(x.getMachine(facts.SEED_MACHINE_IDS.machine1), (e: unknown) => {
      assert.ok(e instanceof DefenderError);
      assert.equal(e.code, 'personalShareUsed');
      assert.ok((e.retryAfterSeconds ?? 0) >= 59 && (e.retryAfterSeconds ?? 0) <= 60, `retry after ${e.retryAfterSeconds}`);
      return true;
    });
    assert.ok(Date.now() - started < 500, 'refused at once, not after the wait limit');
    assert.equal(sim.calls.total(), 2, 'the refused call never reached Defender');
    const y = analystClient(resilience, sim, 'soc-lead', 'analyst-y');
    await y.getMachine(facts.SEED_MACHINE_IDS.machine1);
    assert.equal(sim.calls.total(), 3, 'a colleague is not affected');
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('the hour is shared out too: one person draining at full speed gets at most their share of the hour, and the next person is answered at once', async () => {
  const clock = acceleratedClock(600);
  const sim = await startSim({ now: clock.now, limits: { perMinute: 1000, perHour: 40 } });
  const resilience = resilienceFor({
    clock,
    perMinute: 1000,
    perHour: 40,
    safetyMargin: 0,
    perUserShare: 0.25,
    cacheTtlMs: 0,
    maxQueueWaitMs: 1_000,
    requestTimeoutMs: 5 * MINUTE,
  });
  try {
    const x = analystClient(resilience, sim, 'soc-lead', 'analyst-x');
    let answered = 0;
    let refused: DefenderError | undefined;
    for (let i = 0; i < 40 && refused === undefined; i++) {
      try {
        await x.getMachine(facts.SEED_MACHINE_IDS.mymachine1);
        answered += 1;
      } catch (e) {
        if (!(e instanceof DefenderError)) throw e;
        refused = e;
      }
    }
    assert.equal(answered, 10, `25 % of 40; then ${refused?.code ?? ''}: ${refused?.message ?? ''}`);
    assert.equal(refused?.code, 'personalShareUsed');
    // The next person is answered (Defender's own answer, not a budget refusal): 30 of the hour are left.
    const y = analystClient(resilience, sim, 'soc-lead', 'analyst-y');
    assert.equal((await y.getMachine(facts.SEED_MACHINE_IDS.mymachine1)).id, facts.SEED_MACHINE_IDS.mymachine1);
  } finally {
    await resilience.close();
    await sim.close();
  }
});
