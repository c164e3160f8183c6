// Which budget a request spends: the same endpoint the simulated tenant counts it against.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefenderClient, type FetchLike } from '../../src/defender';
import { ENDPOINT_KEYS as LIMITER_KEYS, endpointKeyOfUrl } from '../../src/resilience';
import { ENDPOINT_KEYS as TENANT_KEYS, demoToken, facts, type SimulatorHandle } from '../../src/simulator';
import { startSim } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  // Small pages, so lists follow @odata.nextLink and those requests are checked too.
  sim = await startSim({ serverPageSize: 2 });
});
after(async () => {
  await sim.close();
});

test('every request the real client makes maps to the endpoint the simulator counts it against', async () => {
  const seen: string[] = [];
  const recording: FetchLike = (url, init) => {
    seen.push(url);
    return fetch(url, init);
  };
  const client = createDefenderClient({ baseUrl: sim.url, fetch: recording, getToken: async () => demoToken('soc-lead') });
  await client.getUserMachines('user1');
  await client.getUserMachines('we/ird user');
  await client.getMachine(facts.SEED_MACHINE_IDS.mymachine1);
  await client.getLogonUsers(facts.SEED_MACHINE_IDS.mymachine1);
  await client.findMachinesByHostName('mymachine1.contoso.com');
  await client.findMachinesByHostName(facts.HOST_PREFIX.prefix); // eq finds nothing, then startswith
  await client.findMachinesByIp(facts.UNIQUE_IP.ip, new Date());
  await client.getMachine('findbyip(not-really').catch(() => undefined);
  await client.getMachineAlerts(facts.ALERTS_BUSY_MACHINE.machineId);
  await client.getUserAlerts('user1');
  await client.getAlert(facts.USER1_INCIDENT.alertIds.onMymachine1);
  const m = facts.SEED_MACHINE_IDS.mymachine1;
  const action = await client.runResponseAction(m, 'isolate', { Comment: 'INC-1' });
  for (const kind of ['release', 'scan', 'collect', 'restrict', 'unrestrict'] as const)
    await client.runResponseAction(m, kind, { Comment: 'INC-1' });
  await client.getMachineAction(action.id);
  await client.listMachineActions(m);

  const entries = sim.calls.entries();
  assert.equal(entries.length, seen.length);
  assert.ok(
    entries.some((e) => e.path.includes('skip')),
    'some requests were nextLink pages',
  );
  for (const [i, entry] of entries.entries()) {
    assert.equal(endpointKeyOfUrl(seen[i] ?? ''), entry.endpoint, `${entry.path}`);
  }
  assert.deepEqual(
    new Set(entries.map((e) => e.endpoint)),
    new Set([
      'users/{name}/machines',
      'machines/{id}',
      'machines/{id}/logonusers',
      'machines',
      'machines/findbyip',
      'machines/{id}/alerts',
      'users/{name}/alerts',
      'alerts/{id}',
      'machines/{id}/isolate',
      'machines/{id}/unisolate',
      'machines/{id}/runAntiVirusScan',
      'machines/{id}/collectInvestigationPackage',
      'machines/{id}/restrictCodeExecution',
      'machines/{id}/unrestrictCodeExecution',
      'machineactions/{id}',
      'machineactions',
    ]),
  );
});

test('a base URL with a path prefix is stripped before matching', () => {
  assert.equal(endpointKeyOfUrl('https://proxy.example/defender/api/machines/abc/logonusers', '/defender'), 'machines/{id}/logonusers');
  assert.equal(endpointKeyOfUrl('https://proxy.example/other/api/machines', '/defender'), undefined);
});

test('paths that are none of the known endpoints have no key', () => {
  for (const url of ['https://h/api/alerts/a/b', 'https://h/api/users/u/alerts/x', 'https://h/api/alerts//']) {
    assert.equal(endpointKeyOfUrl(url), undefined, url);
  }
  for (const url of [
    'https://h/api',
    'https://h/api/alerts',
    'https://h/api/machines/a/b/c',
    'https://h/api//machines',
    'https://h/x/machines',
    'not a url',
  ]) {
    assert.equal(endpointKeyOfUrl(url), undefined, url);
  }
  assert.equal(
    endpointKeyOfUrl('https://h/API/Machines/'),
    'machines',
    'fixed segments are case-insensitive, one trailing slash tolerated',
  );
});

test('the limiter knows the same endpoints the simulated tenant budgets', () => {
  assert.deepEqual([...LIMITER_KEYS].sort(), [...TENANT_KEYS].sort());
});
