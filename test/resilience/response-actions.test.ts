// A response action is sent once: an answer that is a 5xx, a timeout or a dropped connection does not
// mean Defender did not act, so the resilient client never re-sends a POST (reads of an action's
// status are retried like any read). The POST still spends the shared budget of its own endpoint.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DefenderError } from '../../src/defender';
import { facts, type SimulatorHandle } from '../../src/simulator';
import { analystClient, resilienceFor, startSim } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim.close();
});

test('a POST answered 503 or with a dropped connection is not re-sent; a status read is retried', async () => {
  const resilience = resilienceFor({ retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
  try {
    const client = analystClient(resilience, sim, 'soc-lead', 'u1');
    const machine = facts.SEED_MACHINE_IDS.mymachine1;
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'reset' }] as const) {
      sim.calls.reset();
      sim.faults.set(fault, { endpoint: 'machines/{id}/isolate', times: 1 });
      await assert.rejects(client.runResponseAction(machine, 'isolate', { Comment: 'INC-1' }), DefenderError);
      assert.equal(sim.calls.entries().filter((e) => e.method === 'POST').length, 1, JSON.stringify(fault));
    }
    const action = await client.runResponseAction(machine, 'isolate', { Comment: 'INC-1' });
    sim.calls.reset();
    sim.faults.set({ kind: 'status', status: 503 }, { endpoint: 'machineactions/{id}', times: 1 });
    assert.equal((await client.getMachineAction(action.id)).id, action.id);
    assert.equal(sim.calls.entries().length, 2, 'the read was retried once');
    // Injected faults answer before the tenant counts a call; the accepted POST and read were counted.
    assert.equal(sim.budget.usage('machines/{id}/isolate').lastMinute, 1);
    assert.equal(sim.budget.usage('machineactions/{id}').lastMinute, 1);
  } finally {
    await resilience.close();
  }
});
