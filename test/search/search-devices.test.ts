// The search's Defender budget, with the real resilient client and the simulated tenant over HTTP:
// which queries reach Defender, and which are answered from a complete shorter prefix.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefenderClient } from '../../src/defender';
import { HOST_PREFIX_TOP } from '../../src/defender';
import type { DefenderClient } from '../../src/defender/client-types';
import { PrefixAnswers, searchDevices, type SearchDeps } from '../../src/search';
import { demoToken, startSimulator, type SimulatorHandle } from '../../src/simulator';
import type { Requester } from '../../src/tokens/types';

let sim: SimulatorHandle;
before(async () => {
  sim = await startSimulator();
});
after(async () => {
  await sim?.close();
});

const asker: Requester = { teamsUserId: '29:asker', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a' };

function deps(client: DefenderClient, clock: { now: number }): SearchDeps {
  return {
    tokens: { getDefenderToken: async () => ({ kind: 'token', token: demoToken('soc-lead') }) },
    defenderFor: () => client,
    now: () => new Date(clock.now),
    reportInternalError: (_id, e) => {
      throw e;
    },
    prefixAnswers: new PrefixAnswers({ now: () => clock.now }),
    userKey: (r) => r.teamsUserId,
  };
}

function simClient(): DefenderClient {
  return createDefenderClient({ baseUrl: sim.url, fetch: (url, init) => fetch(url, init), getToken: async () => demoToken('soc-lead') });
}

const prefixCalls = () => sim.calls.entries().filter((e) => e.endpoint === 'machines').length;

test('a complete answer is reused for longer prefixes until it is 60 s old, then Defender is asked again', async () => {
  const clock = { now: Date.now() };
  const d = deps(simClient(), clock);
  const before = prefixCalls();
  await searchDevices('par', asker, d);
  const longer = await searchDevices('par-ws-0', asker, d);
  assert.equal(prefixCalls() - before, 1);
  assert.ok(longer.kind === 'devices' && longer.local && longer.machines.every((m) => m.computerDnsName?.startsWith('par-ws-0')));
  clock.now += 60_000;
  const later = await searchDevices('par-ws-05', asker, d);
  assert.equal(prefixCalls() - before, 2, 'stale: asked again');
  assert.ok(later.kind === 'devices' && !later.local);
});

test('an answer as long as the request’s cap may be cut short: longer prefixes are asked again', async () => {
  const clock = { now: Date.now() };
  const asked: string[] = [];
  const inner = simClient();
  // The tenant has no prefix with 100 machines: this client answers "par" with exactly the cap, as Defender would a busy prefix.
  const capped: DefenderClient = {
    ...inner,
    findMachinesByHostPrefix: async (prefix) => {
      asked.push(prefix);
      const found = await inner.findMachinesByHostPrefix(prefix);
      if (prefix !== 'par') return found;
      return Array.from({ length: HOST_PREFIX_TOP }, (_, i) => found[i % found.length]).filter((m) => m !== undefined);
    },
  };
  const d = deps(capped, clock);
  await searchDevices('par', asker, d);
  await searchDevices('par-', asker, d);
  await searchDevices('par-w', asker, d);
  assert.deepEqual(asked, ['par', 'par-'], '"par-" is asked; its complete answer serves "par-w"');
});

test('answers are never shared between people', async () => {
  const clock = { now: Date.now() };
  const d = deps(simClient(), clock);
  const before = prefixCalls();
  await searchDevices('sea', asker, d);
  await searchDevices('sea-', { ...asker, teamsUserId: '29:someone-else' }, d);
  assert.equal(prefixCalls() - before, 2);
});
