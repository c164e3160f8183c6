// What a client already knows (its person's fresh cached answers) without calling Defender: against
// the simulated tenant over HTTP, and with two replicas on a real redis-server, where the whole look
// is one MGET.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { createResilience, type Resilience, type ResultMeta } from '../../src/resilience';
import { facts, type SimulatorHandle } from '../../src/simulator';
import { openSharedState, type SharedState } from '../../src/state';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';
import { analystClient, ManualClock, resilienceFor, settle, startSim } from './helpers';

const PC1 = facts.SEED_MACHINE_IDS.mymachine1;
const OTHERS = facts.USER1_MACHINE_IDS.filter((id) => id !== PC1);
const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

test("known(): this analyst's fresh answers in query order, undefined for the rest; no Defender call, no onResult", async () => {
  const sim = await startSim();
  const clock = new ManualClock(Date.now());
  const resilience = resilienceFor({ clock });
  try {
    const alerts = await analystClient(resilience, sim, 'soc-lead', 'analyst-1').getMachineAlerts(PC1);
    assert.ok(alerts.length > 0, 'the busy machine has alerts');
    await clock.advance(59_000);
    const metas: ResultMeta[] = [];
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1', (m) => metas.push(m));
    const known = await client.known([
      { method: 'getMachineAlerts', arg: OTHERS[0] ?? '' },
      { method: 'getMachineAlerts', arg: PC1 },
      { method: 'getLogonUsers', arg: PC1 },
      { method: 'getUserAlerts', arg: 'user1' },
    ]);
    assert.deepEqual(known, [undefined, { method: 'getMachineAlerts', value: alerts }, undefined, undefined]);
    assert.equal(sim.calls.total(), 1, 'only the lookup itself reached Defender');
    assert.deepEqual(metas, [], 'a look at the cache is no answer of the command');
    assert.equal(client.dataFetchedAt(), undefined, "the card's fetched-at is its own calls' only");

    // Another analyst (her own cache entry, even with the same role) knows nothing of it.
    const other = await analystClient(resilience, sim, 'soc-lead', 'analyst-2').known([{ method: 'getMachineAlerts', arg: PC1 }]);
    assert.deepEqual(other, [undefined]);

    // Once the TTL has passed the answer is not known any more.
    await clock.advance(1_000);
    assert.deepEqual(await client.known([{ method: 'getMachineAlerts', arg: PC1 }]), [undefined]);
    assert.equal(sim.calls.total(), 1);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('known() does not wait for or join a call in flight, and handing out a known answer does not let it be changed', async () => {
  const sim = await startSim();
  const resilience = resilienceFor();
  try {
    sim.faults.set({ kind: 'latency', ms: 300 }, { times: 1 });
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    const loading = client.getLogonUsers(PC1);
    await settle();
    const started = Date.now();
    assert.deepEqual(await client.known([{ method: 'getLogonUsers', arg: PC1 }]), [undefined]);
    assert.ok(Date.now() - started < 250, 'answered at once, not when the call in flight ended');
    const users = await loading;
    assert.equal(sim.calls.total(), 1);

    const [first] = await client.known([{ method: 'getLogonUsers', arg: PC1 }]);
    assert.ok(first?.method === 'getLogonUsers');
    assert.throws(() => {
      first.value.length = 0;
    }, TypeError);
    const [again] = await client.known([{ method: 'getLogonUsers', arg: PC1 }]);
    assert.deepEqual(again, { method: 'getLogonUsers', value: users });
  } finally {
    await resilience.close();
    await sim.close();
  }
});

test('with the cache off (TTL 0) nothing is known', async () => {
  const sim = await startSim();
  const resilience = resilienceFor({ cacheTtlMs: 0 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'analyst-1');
    await client.getMachineAlerts(PC1);
    assert.deepEqual(await client.known([{ method: 'getMachineAlerts', arg: PC1 }]), [undefined]);
  } finally {
    await resilience.close();
    await sim.close();
  }
});

describe('known() across replicas on a real redis-server', () => {
  let server: RedisServer;
  let sim: SimulatorHandle;
  const replicas: Array<{ state: SharedState; resilience: Resilience }> = [];
  before(async () => {
    server = await startRedisServer();
    sim = await startSim();
    for (let i = 0; i < 2; i++) {
      const state = await openSharedState(
        { redis: { url: server.url, useEntraId: false, keyPrefix: 'known-test:', commandTimeoutMs: 300 }, expectedReplicas: 2 },
        quiet,
      );
      replicas.push({ state, resilience: createResilience({}, state) });
    }
  });
  after(async () => {
    for (const r of replicas) {
      await r.resilience.close();
      await r.state.close();
    }
    await sim?.close();
    await server?.stop();
  });

  /** How often the server has run `command` so far (INFO commandstats). */
  async function calls(command: string): Promise<number> {
    const stats = await server.command('INFO', 'commandstats');
    return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
  }

  test("one replica's answer is known on the other, for the same analyst only; a page of ten is one MGET and no GET", async () => {
    const [a, b] = replicas;
    assert.ok(a && b);
    const alerts = await analystClient(a.resilience, sim, 'soc-lead', 'analyst-1').getMachineAlerts(PC1);
    const ids = [PC1, ...OTHERS, ...Array.from({ length: 10 }, (_, i) => `${'0'.repeat(39)}${i}`)].slice(0, 10);
    assert.equal(ids.length, 10);
    const [mgetBefore, getBefore] = [await calls('mget'), await calls('get')];
    const known = await analystClient(b.resilience, sim, 'soc-lead', 'analyst-1').known(
      ids.map((arg) => ({ method: 'getMachineAlerts' as const, arg })),
    );
    assert.deepEqual(
      known,
      ids.map((id) => (id === PC1 ? { method: 'getMachineAlerts', value: alerts } : undefined)),
    );
    assert.equal((await calls('mget')) - mgetBefore, 1, 'one round trip for the page');
    assert.equal((await calls('get')) - getBefore, 0);
    assert.equal(b.resilience.cache.size, 0, 'a look stores nothing on the replica that looked');
    assert.equal(sim.calls.total(), 1);

    const other = await analystClient(b.resilience, sim, 'soc-lead', 'analyst-2').known([{ method: 'getMachineAlerts', arg: PC1 }]);
    assert.deepEqual(other, [undefined], "another analyst's answer is never known");
  });
});
