// The per-person answer cache and coalescing, against the simulated tenant over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefenderError } from '../../src/defender';
import { ResultCache, resultKey, type ResultMeta } from '../../src/resilience';
import { demoToken, facts } from '../../src/simulator';
import { analystClient, ManualClock, realFetch, resilienceFor, startSim } from './helpers';

test('the same analyst asking again within the TTL costs no Defender call, and the answer keeps its fetch time', async () => {
  const sim = await startSim();
  const clock = new ManualClock(Date.now());
  const resilience = resilienceFor({ clock });
  try {
    const metas: ResultMeta[] = [];
    const first = await analystClient(resilience, sim, 'soc-lead', 'analyst-1').getUserMachines('user1');
    const fetchedAt = clock.now();
    await clock.advance(59_000);
    const again = analystClient(resilience, sim, 'soc-lead', 'analyst-1', (m) => metas.push(m));
    const second = await again.getUserMachines('user1');
    assert.deepEqual(second, first);
    assert.equal(sim.calls.total(), 1, 'one Defender call for two questions');
    assert.deepEqual(metas, [{ method: 'getUserMachines', fetchedAt: new Date(fetchedAt), source: 'cache' }]);
    assert.deepEqual(again.dataFetchedAt(), new Date(fetchedAt), 'the card can say the data is 59 s old');
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('after the TTL the answer is fetched again', async () => {
  const sim = await startSim();
  const clock = new ManualClock(Date.now());
  const resilience = resilienceFor({ clock, cacheTtlMs: 60_000 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    await client.getLogonUsers(facts.SEED_MACHINE_IDS.mymachine1);
    await clock.advance(60_000);
    await client.getLogonUsers(facts.SEED_MACHINE_IDS.mymachine1);
    assert.equal(sim.calls.total(), 2);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('two analysts never share an answer: analyst-emea and soc-lead each get their own view of user1', async () => {
  const sim = await startSim();
  const resilience = resilienceFor();
  try {
    const lead = await analystClient(resilience, sim, 'soc-lead', 'sam').getUserMachines('user1');
    const emea = await analystClient(resilience, sim, 'analyst-emea', 'elena').getUserMachines('user1');
    assert.equal(sim.calls.total(), 2, "the second analyst's question went to Defender with her own token");
    assert.deepEqual(
      sim.calls.entries().map((e) => e.analyst),
      ['soc-lead', 'analyst-emea'],
    );
    assert.ok(
      lead.some((m) => m.id === facts.USER1_MACHINE_HIDDEN_FROM_EMEA),
      'the SOC lead sees the HR machine',
    );
    assert.ok(!emea.some((m) => m.id === facts.USER1_MACHINE_HIDDEN_FROM_EMEA), 'analyst-emea does not');
    assert.ok(emea.length < lead.length);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('five identical calls in flight from one analyst make one Defender call', async () => {
  const sim = await startSim();
  const resilience = resilienceFor();
  try {
    sim.faults.set({ kind: 'latency', ms: 100 }, { times: 1 });
    const sources: string[] = [];
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1', (m) => sources.push(m.source));
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.getMachine(facts.SEED_MACHINE_IDS.mymachine1)));
    assert.equal(sim.calls.total(), 1);
    for (const a of answers) assert.equal(a.id, facts.SEED_MACHINE_IDS.mymachine1);
    assert.deepEqual(sources.sort(), ['coalesced', 'coalesced', 'coalesced', 'coalesced', 'defender']);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('identical calls in flight from two analysts are not coalesced', async () => {
  const sim = await startSim();
  const resilience = resilienceFor();
  try {
    sim.faults.set({ kind: 'latency', ms: 100 }, { times: 2 });
    await Promise.all([
      analystClient(resilience, sim, 'soc-lead', 'sam').getUserMachines('user1'),
      analystClient(resilience, sim, 'analyst-emea', 'elena').getUserMachines('user1'),
    ]);
    assert.equal(sim.calls.total(), 2);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('errors are not cached: the next question goes to Defender again', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ retryAttempts: 1 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    sim.faults.set({ kind: 'status', status: 503 }, { times: 1 });
    await assert.rejects(client.getUserMachines('user1'), (e: unknown) => e instanceof DefenderError && e.code === 'serverError');
    const machines = await client.getUserMachines('user1');
    assert.equal(machines.length, facts.USER1_MACHINE_IDS.length);
    await assert.rejects(client.getMachine('0'.repeat(40)), (e: unknown) => e instanceof DefenderError && e.code === 'notFound');
    await assert.rejects(client.getMachine('0'.repeat(40)), (e: unknown) => e instanceof DefenderError && e.code === 'notFound');
    assert.equal(sim.calls.total(), 4);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('an answer handed out cannot be changed through the cache: it is frozen all the way down, and the next caller gets it whole', async () => {
  const sim = await startSim();
  const resilience = resilienceFor();
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    const first = await client.getUserMachines('user1');
    const machine = first[0] ?? assert.fail('no machine');
    assert.throws(() => {
      first.length = 0;
    }, TypeError);
    assert.throws(() => {
      machine.computerDnsName = 'forged.contoso.com';
    }, TypeError);
    assert.throws(() => machine.machineTags.push('forged'), TypeError);
    // A handler sorts a copy, as list-order.ts does.
    assert.equal([...first].sort(() => 0).length, first.length);
    const second = await client.getUserMachines('user1');
    assert.equal(second.length, facts.USER1_MACHINE_IDS.length);
    assert.notEqual(second[0]?.computerDnsName, 'forged.contoso.com');
    assert.equal(sim.calls.total(), 1);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('an IP lookup is cached for the same minute, not for a time argument that differs by a minute', async () => {
  const sim = await startSim();
  const resilience = resilienceFor();
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await client.findMachinesByIp(facts.UNIQUE_IP.ip, new Date(minute + 1_000));
    await client.findMachinesByIp(facts.UNIQUE_IP.ip, new Date(minute + 59_000));
    assert.equal(sim.calls.total(), 1);
    await client.findMachinesByIp(facts.UNIQUE_IP.ip, new Date(minute - 1_000));
    assert.equal(sim.calls.total(), 2);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('the cache holds at most maxEntries answers and drops the least recently used first', async () => {
  const clock = new ManualClock(0);
  const cache = new ResultCache({ ttlMs: 60_000, maxEntries: 2, clock });
  let loads = 0;
  const load = async (): Promise<number> => ++loads;
  await cache.getOrLoad('a', load);
  await cache.getOrLoad('b', load);
  await cache.getOrLoad('a', load); // a is now the most recently used
  await cache.getOrLoad('c', load); // evicts b
  assert.equal(cache.size, 2);
  assert.equal((await cache.getOrLoad('a', load)).source, 'cache');
  assert.equal((await cache.getOrLoad('b', load)).source, 'defender');
  assert.equal(loads, 4);
});

test('a TTL of 0 turns caching off but still coalesces calls in flight', async () => {
  const cache = new ResultCache({ ttlMs: 0 });
  let loads = 0;
  const slow = (): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(++loads), 20));
  const both = await Promise.all([cache.getOrLoad('k', slow), cache.getOrLoad('k', slow)]);
  assert.deepEqual(both.map((f) => f.source).sort(), ['coalesced', 'defender']);
  assert.equal((await cache.getOrLoad('k', slow)).source, 'defender');
  assert.equal(loads, 2);
  assert.equal(cache.size, 0);
});

test('cache keys always start with who asked, and the arguments cannot be confused with one another', () => {
  assert.notEqual(resultKey('u1', 'getMachine', ['a","b']), resultKey('u1', 'getMachine', ['a', 'b']));
  assert.notEqual(resultKey('u1', 'getMachine', ['x']), resultKey('u2', 'getMachine', ['x']));
  assert.ok(resultKey('u1', 'getMachine', ['x']).startsWith('["u1"'));
  assert.throws(() => resultKey('', 'getMachine', ['x']), /userKey/);
});

test('a fresh call (Refresh) skips a stored answer, asks Defender once, and the new answer serves the next asker', async () => {
  const sim = await startSim();
  const clock = new ManualClock(Date.now());
  const resilience = resilienceFor({ clock });
  try {
    await analystClient(resilience, sim, 'soc-lead', 'analyst-1').getUserMachines('user1');
    await clock.advance(30_000);
    const metas: ResultMeta[] = [];
    const fresh = resilience.clientFor({
      baseUrl: sim.url,
      fetch: realFetch,
      getToken: async () => demoToken('soc-lead'),
      userKey: 'analyst-1',
      onResult: (m) => metas.push(m),
      fresh: true,
    });
    await fresh.getUserMachines('user1');
    assert.equal(sim.calls.total(), 2, 'the refresh reached Defender');
    assert.deepEqual(metas, [{ method: 'getUserMachines', fetchedAt: new Date(clock.now()), source: 'defender' }]);
    const later: ResultMeta[] = [];
    await analystClient(resilience, sim, 'soc-lead', 'analyst-1', (m) => later.push(m)).getUserMachines('user1');
    assert.equal(sim.calls.total(), 2, 'the repeat after it is served from the cache');
    assert.deepEqual(later, [{ method: 'getUserMachines', fetchedAt: new Date(clock.now()), source: 'cache' }]);
  } finally {
    await resilience.close();
    await sim.close();
  }
});
