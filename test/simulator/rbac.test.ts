// Who sees what: device-group filtering per persona, 404 outside one's groups, 403 without a role, 401 without a valid token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PERSONAS, machineVisibility, startSimulator, type PersonaId, type SimulatorHandle } from '../../src/simulator';
import { OPEN_DEVICE_GROUP, SEED_MACHINE_IDS, USER1_MACHINE_HIDDEN_FROM_EMEA } from '../../src/simulator/data/facts';
import { call, errorCode, ids, manualClock, record, startTestSim } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startTestSim();
});
after(() => sim.close());

function expectedIds(persona: PersonaId): string[] {
  const visible = machineVisibility(PERSONAS[persona], sim.data.groups);
  return sim.data.machines.filter(visible).map((m) => m.id);
}

test('soc-lead, a global admin, sees every machine', async () => {
  assert.equal(ids(await call(sim, '/api/machines', 'soc-lead')).length, sim.data.machines.length);
});

test("each analyst's machine list is filtered to their device groups", async () => {
  for (const persona of ['analyst-emea', 'analyst-us'] as const) {
    const got = ids(await call(sim, '/api/machines', persona));
    assert.deepEqual(got, expectedIds(persona));
    assert.ok(got.length > 0 && got.length < sim.data.machines.length, `${persona} sees some but not all`);
  }
});

test('the analysts see different groups but overlap on the group with no Entra group assigned', async () => {
  const emea = new Set(ids(await call(sim, '/api/machines', 'analyst-emea')));
  const us = new Set(ids(await call(sim, '/api/machines', 'analyst-us')));
  const open = sim.data.machines.filter((m) => m.rbacGroupId === OPEN_DEVICE_GROUP.id).map((m) => m.id);
  assert.ok(open.length > 0);
  for (const id of open) assert.ok(emea.has(id) && us.has(id), id);
  assert.ok([...emea].some((id) => !us.has(id)));
  assert.ok([...us].some((id) => !emea.has(id)));
  const tier0 = sim.data.machines.filter((m) => m.rbacGroupId === 301).map((m) => m.id);
  for (const id of tier0) assert.ok(!emea.has(id) && !us.has(id), 'Tier 0 is for the global admin only');
});

test("a single device outside the analyst's groups is 404, like an unknown one", async () => {
  assert.equal(errorCode(await call(sim, `/api/machines/${USER1_MACHINE_HIDDEN_FROM_EMEA}`, 'analyst-emea'), 404), 'ResourceNotFound');
  assert.equal(
    errorCode(await call(sim, `/api/machines/${USER1_MACHINE_HIDDEN_FROM_EMEA}/logonusers`, 'analyst-emea'), 404),
    'ResourceNotFound',
  );
  assert.equal((await call(sim, `/api/machines/${USER1_MACHINE_HIDDEN_FROM_EMEA}`, 'analyst-us')).status, 200);
  assert.equal(errorCode(await call(sim, `/api/machines/${SEED_MACHINE_IDS.mymachine1}`, 'analyst-us'), 404), 'ResourceNotFound');
  assert.equal(errorCode(await call(sim, '/api/machines/mymachine1.contoso.com', 'analyst-us'), 404), 'ResourceNotFound');
});

test("a user's machines are filtered to the asking analyst's groups", async () => {
  const all = ids(await call(sim, '/api/users/user1/machines', 'soc-lead'));
  const emea = ids(await call(sim, '/api/users/user1/machines', 'analyst-emea'));
  assert.ok(!emea.includes(USER1_MACHINE_HIDDEN_FROM_EMEA));
  assert.deepEqual(
    emea,
    all.filter((id) => expectedIds('analyst-emea').includes(id)),
  );
});

test('no-role is authenticated but gets 403 Forbidden on every endpoint', async () => {
  const paths = [
    '/api/users/user1/machines',
    '/api/machines/machine-1',
    '/api/machines/machine-1/logonusers',
    '/api/machines',
    `/api/machines/findbyip(ip='10.0.0.5',timestamp=2026-03-02T09:00:00Z)`,
  ];
  for (const path of paths) assert.equal(errorCode(await call(sim, path, 'no-role'), 403), 'Forbidden', path);
});

test('a missing, malformed or unknown token is 401 Unauthorized with WWW-Authenticate', async () => {
  const headers = [
    undefined,
    'Basic dXNlcjpwYXNz',
    'Bearer',
    'Bearer demo-analyst:intruder',
    'Bearer eyJhbGciOiJub25lIn0.e30.',
    'demo-analyst:soc-lead',
  ];
  for (const h of headers) {
    const reply = await call(sim, '/api/machines', null, h === undefined ? {} : { headers: { Authorization: h } });
    assert.equal(errorCode(reply, 401), 'Unauthorized', String(h));
    assert.match(reply.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
});

test('the authenticate option replaces demo tokens, and a 403 it returns is answered as is', async () => {
  const custom = await startSimulator({
    now: manualClock().now,
    authenticate: (h) =>
      h === 'Bearer good'
        ? { ok: true, analyst: PERSONAS['analyst-us'] }
        : { ok: false, status: 403, code: 'Forbidden', message: 'wrong audience' },
  });
  try {
    assert.equal((await call(custom, '/api/machines/machine-2', null, { headers: { Authorization: 'Bearer good' } })).status, 200);
    const refused = await call(custom, '/api/machines/machine-2', 'soc-lead');
    assert.equal(errorCode(refused, 403), 'Forbidden');
    assert.equal(record(record(refused.json).error).message, 'wrong audience');
  } finally {
    await custom.close();
  }
});
