// findbyip(ip=…,timestamp=…): matches within the 30-day window, and InvalidInput outside it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../src/simulator';
import { SEED_MACHINE_IDS, SHARED_IP, STALE_IP, UNIQUE_IP } from '../../src/simulator/data/facts';
import { START, call, errorCode, ids, manualClock, record, startTestSim, type ManualClock } from './helpers';

const DAY = 86_400_000;
let sim: SimulatorHandle;
let clock: ManualClock;
before(async () => {
  clock = manualClock();
  sim = await startTestSim({ now: clock.now });
});
after(() => sim.close());

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function path(ip: string, timestamp: string): string {
  return `/api/machines/findbyip(ip=${encodeURIComponent(`'${ip}'`)},timestamp=${timestamp})`;
}

test('an IP two recent machines share finds both, as a #Machines collection', async () => {
  const reply = await call(sim, path(SHARED_IP.ip, iso(START - 3_600_000)));
  assert.equal(record(reply.json)['@odata.context'], 'https://api.securitycenter.microsoft.com/api/$metadata#Machines');
  assert.deepEqual(ids(reply).sort(), [...SHARED_IP.machineIds].sort());
});

test('a unique IP finds exactly its machine', async () => {
  assert.deepEqual(ids(await call(sim, path(UNIQUE_IP.ip, iso(START)))), [UNIQUE_IP.machineId]);
});

test("results are filtered to the analyst's device groups", async () => {
  const us = ids(await call(sim, path(SHARED_IP.ip, iso(START)), 'analyst-us'));
  const visibleToUs = sim.data.machines
    .filter((m) => SHARED_IP.machineIds.some((id) => id === m.id) && m.rbacGroupId === 9)
    .map((m) => m.id);
  assert.deepEqual(us, visibleToUs);
  assert.equal(us.length, 1);
});

test('an address in ipAddresses[] (IPv6, percent-encoded) matches too', async () => {
  assert.deepEqual(ids(await call(sim, path('fe80::abcd', iso(START)))), [SEED_MACHINE_IDS.machine1]);
});

test('a machine not seen in the last 30 days is not found by its IP', async () => {
  assert.deepEqual(ids(await call(sim, path(STALE_IP.ip, iso(START)))), []);
});

test('a timestamp older than 30 days is 400 InvalidInput; 29 days is fine', async () => {
  assert.equal(errorCode(await call(sim, path(UNIQUE_IP.ip, iso(START - 31 * DAY))), 400), 'InvalidInput');
  assert.equal((await call(sim, path(UNIQUE_IP.ip, iso(START - 29 * DAY)))).status, 200);
});

test('a malformed timestamp, a bad IP or a missing parameter is 400 InvalidInput', async () => {
  const bad = [
    path(UNIQUE_IP.ip, 'yesterday'),
    path(UNIQUE_IP.ip, '2026-13-01T00:00:00Z'),
    path(UNIQUE_IP.ip, '2026-03-01'),
    path('10.0.0.300', iso(START)),
    path('not-an-ip', iso(START)),
    `/api/machines/findbyip(ip='10.0.0.5')`,
    `/api/machines/findbyip(timestamp=${iso(START)})`,
    `/api/machines/findbyip(ip='10.0.0.5',timestamp=${iso(START)},extra=1)`,
    `/api/machines/findbyip(ip='10.0.0.5,timestamp=${iso(START)})`,
    `/api/machines/findbyip()`,
  ];
  for (const p of bad) assert.equal(errorCode(await call(sim, p), 400), 'InvalidInput', p);
});

test('the window follows the injected clock: a month later, the same machines are no longer found', async () => {
  const local = manualClock();
  const later = await startTestSim({ now: local.now });
  try {
    assert.equal(ids(await call(later, path(UNIQUE_IP.ip, iso(START)))).length, 1);
    local.advance(31 * DAY);
    assert.deepEqual(ids(await call(later, path(UNIQUE_IP.ip, iso(START + 31 * DAY)))), []);
    assert.equal(errorCode(await call(later, path(UNIQUE_IP.ip, iso(START))), 400), 'InvalidInput');
  } finally {
    await later.close();
  }
});
