// Retries and the circuit breaker against the simulated tenant's injected faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefenderError } from '../../src/defender';
import { CircuitBreaker, RetryPolicy } from '../../src/resilience';
import { currentAttempt } from '../../src/resilience/retry';
import { facts } from '../../src/simulator';
import { analystClient, ManualClock, resilienceFor, startSim } from './helpers';

const fastRetries = { retryBaseDelayMs: 1, retryMaxDelayMs: 5, cacheTtlMs: 0 } as const;

function isCode(code: DefenderError['code']) {
  return (e: unknown): boolean => e instanceof DefenderError && e.code === code;
}

test('a 503 is retried and the analyst gets the answer', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, retryAttempts: 3 });
  try {
    sim.faults.set({ kind: 'status', status: 503 }, { times: 2 });
    const machines = await analystClient(resilience, sim, 'soc-lead', 'analyst-1').getUserMachines('user1');
    assert.equal(machines.length, facts.USER1_MACHINE_IDS.length);
    assert.deepEqual(
      sim.calls.entries().map((e) => e.status),
      [503, 503, 200],
    );
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('a dropped connection and a timeout are retried too', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, retryAttempts: 3, requestTimeoutMs: 150 });
  try {
    sim.faults.set({ kind: 'reset' }, { times: 1 });
    sim.faults.set({ kind: 'latency', ms: 400 }, { times: 1 });
    const machine = await analystClient(resilience, sim, 'soc-lead', 'analyst-1').getMachine(facts.SEED_MACHINE_IDS.mymachine1);
    assert.equal(machine.id, facts.SEED_MACHINE_IDS.mymachine1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the simulator logs the slow call when it finishes
    assert.deepEqual(
      sim.calls
        .entries()
        .map((e) => e.status)
        .sort(),
      [0, 200, 200],
      'reset, timed out (answered too late), answered',
    );
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('the retries are bounded: a lasting 503 fails after the configured tries', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, retryAttempts: 3, breakerFailureThreshold: 100 });
  try {
    sim.faults.set({ kind: 'status', status: 503 });
    await assert.rejects(analystClient(resilience, sim, 'soc-lead', 'analyst-1').getUserMachines('user1'), isCode('serverError'));
    assert.equal(sim.calls.total(), 3);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('a 404 and a 403 are not retried', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, retryAttempts: 3 });
  try {
    await assert.rejects(analystClient(resilience, sim, 'soc-lead', 'analyst-1').getMachine('0'.repeat(40)), isCode('notFound'));
    assert.equal(sim.calls.total(), 1);
    await assert.rejects(analystClient(resilience, sim, 'no-role', 'analyst-2').getUserMachines('user1'), isCode('forbidden'));
    assert.equal(sim.calls.total(), 2);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('the breaker opens after N failures in a row, fails fast without calling Defender, then half-opens and recovers by itself', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, retryAttempts: 1, breakerFailureThreshold: 3, breakerCoolDownMs: 1_000 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    const breaker = resilience.breakerFor(sim.url);
    sim.faults.set({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i++) await assert.rejects(client.getUserMachines('user1'), isCode('serverError'));
    assert.equal(breaker.state(), 'open');
    assert.equal(sim.calls.total(), 3);

    const other = analystClient(resilience, sim, 'analyst-us', 'analyst-2');
    await assert.rejects(other.getMachine(facts.SEED_MACHINE_IDS.mymachine1), (e: unknown) => {
      assert.ok(e instanceof DefenderError);
      assert.equal(e.code, 'unreachable');
      assert.equal(e.retryAfterSeconds, 1, 'the card can say "retry in 1 s"');
      assert.match(e.message, /not answering/);
      return true;
    });
    assert.equal(sim.calls.total(), 3, 'failing fast: Defender was not called, for anyone');

    sim.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    assert.equal(breaker.state(), 'halfOpen');
    const machines = await client.getUserMachines('user1');
    assert.equal(machines.length, facts.USER1_MACHINE_IDS.length);
    assert.equal(breaker.state(), 'closed');
    assert.equal(sim.calls.total(), 4);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('a failed probe opens the breaker for another cool-down, and the analyst is told when to retry', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, retryAttempts: 3, breakerFailureThreshold: 2, breakerCoolDownMs: 500 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    sim.faults.set({ kind: 'status', status: 502 });
    // Two tries fail, the breaker opens, the third try fails fast: the analyst hears "not answering".
    await assert.rejects(
      client.getUserMachines('user1'),
      (e: unknown) => isCode('unreachable')(e) && (e as DefenderError).retryAfterSeconds === 1,
    );
    assert.equal(sim.calls.total(), 2);
    await new Promise((resolve) => setTimeout(resolve, 550));
    await assert.rejects(client.getUserMachines('user1'), isCode('unreachable'));
    assert.equal(sim.calls.total(), 3, 'one probe, no retries after it failed');
    assert.equal(resilience.breakerFor(sim.url).state(), 'open');
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('answers from Defender that are not failures (404, 403) never open the breaker', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ ...fastRetries, breakerFailureThreshold: 2 });
  try {
    for (let i = 0; i < 4; i++)
      await assert.rejects(analystClient(resilience, sim, 'soc-lead', 'a').getMachine('0'.repeat(40)), isCode('notFound'));
    await assert.rejects(analystClient(resilience, sim, 'no-role', 'b').getMachine('0'.repeat(40)), isCode('forbidden'));
    assert.equal(resilience.breakerFor(sim.url).state(), 'closed');
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('while the breaker is open, an answer still in the cache is served, with its fetch time', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ retryBaseDelayMs: 1, retryMaxDelayMs: 5, retryAttempts: 1, breakerFailureThreshold: 1 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    await client.getUserMachines('user1');
    sim.faults.set({ kind: 'status', status: 500 });
    await assert.rejects(client.getMachine(facts.SEED_MACHINE_IDS.mymachine1), isCode('serverError'));
    assert.equal(resilience.breakerFor(sim.url).state(), 'open');
    const cached = await client.getUserMachines('user1');
    assert.equal(cached.length, facts.USER1_MACHINE_IDS.length);
    assert.ok(client.dataFetchedAt() !== undefined);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('one breaker per Defender base URL, however the URL is spelled', () => {
  const resilience = resilienceFor();
  try {
    assert.equal(resilience.breakerFor('https://api.security.microsoft.com'), resilience.breakerFor('https://api.security.microsoft.com/'));
    assert.notEqual(
      resilience.breakerFor('https://api.security.microsoft.com'),
      resilience.breakerFor('https://eu.api.security.microsoft.com'),
    );
  } finally {
    void resilience.close();
  }
});

test('the half-open breaker lets one probe through at a time; the others fail fast', async () => {
  const clock = new ManualClock(0);
  const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 10_000, clock });
  const down = (): Promise<never> => Promise.reject(new DefenderError('serverError', 'Defender API answered 503'));
  await assert.rejects(breaker.run(down), isCode('serverError'));
  await assert.rejects(breaker.run(down), (e: unknown) => breaker.isFailFast(e) && (e as DefenderError).retryAfterSeconds === 10);
  await clock.advance(10_000);
  let finishProbe: () => void = () => undefined;
  const probe = breaker.run(
    () =>
      new Promise<string>((resolve) => {
        finishProbe = () => resolve('up');
      }),
  );
  await assert.rejects(
    breaker.run(async () => 'second'),
    (e: unknown) => breaker.isFailFast(e),
  );
  finishProbe();
  assert.equal(await probe, 'up');
  assert.equal(breaker.state(), 'closed');
});

test('backoff grows exponentially with jitter, within its bounds', () => {
  const low = new RetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0 });
  const high = new RetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => low.delayMs(n)),
    [50, 100, 200, 400, 500],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => Math.round(high.delayMs(n))),
    [100, 200, 400, 800, 1000],
  );
});

test("a call refused by the bot's own budget is no proof that Defender answers: a half-open breaker stays half-open", async () => {
  const clock = new ManualClock(0);
  const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 1_000, clock });
  await assert.rejects(
    breaker.run(() => Promise.reject(new DefenderError('serverError', 'Defender API answered 503', { status: 503 }))),
    isCode('serverError'),
  );
  await clock.advance(1_000);
  const localBudget = new DefenderError('throttled', 'the shared Defender API budget is used up for now', { retryAfterSeconds: 30 });
  await assert.rejects(
    breaker.run(() => Promise.reject(localBudget)),
    isCode('throttled'),
  );
  assert.equal(breaker.state(), 'halfOpen');
  await assert.rejects(
    breaker.run(() => Promise.reject(new DefenderError('notFound', 'Defender API answered 404', { status: 404 }))),
    isCode('notFound'),
  );
  assert.equal(breaker.state(), 'closed', 'a 404 is Defender answering');
});

test('each try knows its number: 1 on the first try and outside any retry, 2 and 3 on later ones, 1 again for a try run inside a later one', async () => {
  const policy = new RetryPolicy({ attempts: 3, baseDelayMs: 0, maxDelayMs: 0 });
  const seen: number[] = [];
  const nestedFirst: number[] = [];
  const answer = await policy.run(async () => {
    await Promise.resolve();
    seen.push(currentAttempt());
    if (seen.length > 1) nestedFirst.push(await new RetryPolicy({ attempts: 1 }).run(async () => currentAttempt()));
    if (seen.length < 3) throw new DefenderError('serverError', 'Defender answered 503');
    return 'done';
  });
  assert.equal(answer, 'done');
  assert.deepEqual(seen, [1, 2, 3]);
  assert.deepEqual(nestedFirst, [1, 1]);
  await Promise.resolve();
  assert.equal(currentAttempt(), 1);
});
