// The simulated tenant's response actions: POST creates a MachineAction (201) that moves Pending →
// InProgress → Succeeded with the tenant's clock; a second one of the same kind while one runs is
// 400 ActiveRequestAlreadyExists; the role, the device groups and the method are checked as Defender does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { facts, type SimulatorHandle } from '../../src/simulator';
import { ANALYST_C, BOT_APP_ID, DEFENDER_AUDIENCE, startTestIdp } from '../../scripts/rig/identity/fixtures';
import { startJwtSimulator } from '../../scripts/rig/identity/simulator';
import { call, errorCode, manualClock, record, startTestSim } from './helpers';

const MACHINE = facts.SEED_MACHINE_IDS.mymachine1;
const EMEA_LAPTOP = facts.USER1_EXTRA_MACHINES.emeaLaptop.id;

function post(sim: SimulatorHandle, path: string, body: unknown, persona: 'soc-lead' | 'analyst-emea' | 'analyst-us' = 'soc-lead') {
  return call(sim, path, persona, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

test('an isolation is 201 Pending, InProgress after a second, Succeeded after three; the device is isolated from then until a release succeeds', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now });
  try {
    const created = await post(sim, `/api/machines/${MACHINE}/isolate`, { Comment: 'INC-1', IsolationType: 'Selective' });
    assert.equal(created.status, 201);
    const action = record(created.json);
    assert.equal(action.type, 'Isolate');
    assert.equal(action.status, 'Pending');
    assert.equal(action.requestor, 'sam.okafor@contoso.com');
    assert.equal(action.requestorComment, 'INC-1');
    assert.equal(action.scope, 'Selective');
    const path = `/api/machineactions/${String(action.id)}`;
    clock.advance(1000);
    assert.equal(record((await call(sim, path)).json).status, 'InProgress');
    assert.equal(sim.isolatedSince(MACHINE), undefined);
    clock.advance(2000);
    assert.equal(record((await call(sim, path)).json).status, 'Succeeded');
    assert.equal(sim.isolatedSince(MACHINE), clock.now());
    const listed = record((await call(sim, `/api/machineactions?$filter=${encodeURIComponent(`machineId eq '${MACHINE}'`)}`)).json);
    assert.deepEqual(
      (listed.value as Array<{ id: string }>).map((a) => a.id),
      [action.id],
    );

    assert.equal((await post(sim, `/api/machines/${MACHINE}/unisolate`, { Comment: 'INC-1 done' })).status, 201);
    clock.advance(3000);
    assert.equal(sim.isolatedSince(MACHINE), undefined);
  } finally {
    await sim.close();
  }
});

test('a second request of the same kind while one runs is 400 ActiveRequestAlreadyExists; another kind, or after it finished, is accepted', async () => {
  const clock = manualClock();
  const sim = await startTestSim({ now: clock.now });
  try {
    assert.equal((await post(sim, `/api/machines/${MACHINE}/runAntiVirusScan`, { Comment: 'a', ScanType: 'Quick' })).status, 201);
    const again = await post(sim, `/api/machines/${MACHINE}/runAntiVirusScan`, { Comment: 'b', ScanType: 'Full' });
    assert.equal(errorCode(again, 400), 'ActiveRequestAlreadyExists');
    assert.equal((await post(sim, `/api/machines/${MACHINE}/collectInvestigationPackage`, { Comment: 'c' })).status, 201);
    clock.advance(3000);
    assert.equal((await post(sim, `/api/machines/${MACHINE}/runAntiVirusScan`, { Comment: 'd' })).status, 201);
  } finally {
    await sim.close();
  }
});

test('Defender’s refusals: no Comment 400, a persona without "Active remediation actions" 403 (it may still collect), a device outside the groups 404, GET 405', async () => {
  const sim = await startTestSim();
  try {
    assert.equal(errorCode(await post(sim, `/api/machines/${MACHINE}/isolate`, {}), 400), 'InvalidInput');
    const forbidden = await post(sim, `/api/machines/${facts.USER1_EXTRA_MACHINES.usAppServer.id}/isolate`, { Comment: 'x' }, 'analyst-us');
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.text, /Active remediation actions/);
    assert.equal(
      (
        await post(
          sim,
          `/api/machines/${facts.USER1_EXTRA_MACHINES.usAppServer.id}/collectInvestigationPackage`,
          { Comment: 'x' },
          'analyst-us',
        )
      ).status,
      201,
    );
    assert.equal((await post(sim, `/api/machines/${EMEA_LAPTOP}/restrictCodeExecution`, { Comment: 'x' }, 'analyst-us')).status, 404);
    assert.equal((await call(sim, `/api/machines/${MACHINE}/isolate`)).status, 405);
    assert.equal(sim.calls.entries().filter((e) => e.endpoint === 'machines/{id}/isolate').length, 3, 'every try is in the call log');
  } finally {
    await sim.close();
  }
});

test('with JWT checks, each action needs its own delegated permission: a read-only token is 403 on the POST and may read actions', async () => {
  const idp = await startTestIdp();
  const jwtSim = await startJwtSimulator(idp);
  const token = (scp: string) => idp.mintAccessToken(ANALYST_C, { clientId: BOT_APP_ID, audience: DEFENDER_AUDIENCE, scp });
  const send = (path: string, scp: string, method = 'POST') =>
    fetch(`${jwtSim.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token(scp)}`, 'Content-Type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify({ Comment: 'INC-1' }) } : {}),
    });
  try {
    const readOnly = await send(`/api/machines/${MACHINE}/isolate`, 'Machine.Read User.Read.All');
    assert.equal(readOnly.status, 403);
    assert.match(await readOnly.text(), /Machine\.Isolate/);
    assert.equal((await send(`/api/machines/${MACHINE}/runAntiVirusScan`, 'Machine.Isolate')).status, 403, 'isolate does not allow a scan');
    const ok = await send(`/api/machines/${MACHINE}/isolate`, 'Machine.Isolate');
    assert.equal(ok.status, 201);
    const id = String(record(await ok.json()).id);
    assert.equal((await send(`/api/machineactions/${id}`, 'Machine.Read', 'GET')).status, 200);
  } finally {
    await jwtSim.close();
    await idp.close();
  }
});
