// Each endpoint's wire shape, headers, error envelope and routing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../src/simulator';
import { BARE_HOST, DUPLICATE_HOST, SEED_MACHINE_IDS, SPARSE_MACHINE_ID, UNKNOWN_USER, USER1 } from '../../src/simulator/data/facts';
import { call, errorCode, ids, record, startTestSim, values } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startTestSim();
});
after(() => sim.close());

describe('users/{name}/machines', () => {
  test('answers an OData collection of machine entities with the #Machines context', async () => {
    const reply = await call(sim, '/api/users/user1/machines');
    const body = record(reply.json);
    assert.equal(body['@odata.context'], 'https://api.securitycenter.microsoft.com/api/$metadata#Machines');
    const machines = values(reply);
    assert.ok(machines.length > 0);
    for (const m of machines) assert.equal(typeof m.id, 'string');
    assert.equal(body['@odata.nextLink'], undefined);
  });

  test('an unknown user is 200 with an empty value (current API)', async () => {
    const reply = await call(sim, `/api/users/${UNKNOWN_USER}/machines`);
    assert.deepEqual(reply.json, { '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Machines', value: [] });
  });

  test('the user name matches case-insensitively and may be percent-encoded', async () => {
    const plain = ids(await call(sim, '/api/users/user1/machines'));
    assert.deepEqual(ids(await call(sim, '/api/users/USER1/machines')), plain);
    assert.deepEqual(ids(await call(sim, '/api/users/user%31/machines')), plain);
  });

  test('a DOMAIN\\user or UPN form is not the bare name, so it finds nothing', async () => {
    assert.deepEqual(values(await call(sim, `/api/users/${encodeURIComponent(USER1.id)}/machines`)), []);
    assert.deepEqual(values(await call(sim, '/api/users/user1%40contoso.com/machines')), []);
  });
});

describe('machines/{id}', () => {
  test('answers one machine entity with the #Machines/$entity context', async () => {
    const reply = await call(sim, `/api/machines/${SEED_MACHINE_IDS.mymachine1}`);
    assert.equal(reply.status, 200);
    const body = record(reply.json);
    assert.equal(body['@odata.context'], 'https://api.securitycenter.microsoft.com/api/$metadata#Machines/$entity');
    assert.equal(body.id, SEED_MACHINE_IDS.mymachine1);
    assert.equal(body.computerDnsName, 'mymachine1.contoso.com');
  });

  test('accepts the computer name instead of the id, case-insensitively', async () => {
    const reply = await call(sim, '/api/machines/MyMachine1.Contoso.com');
    assert.equal(record(reply.json).id, SEED_MACHINE_IDS.mymachine1);
    const bare = await call(sim, `/api/machines/${BARE_HOST.computerDnsName}`);
    assert.equal(record(bare.json).id, BARE_HOST.machineId);
  });

  test('a computer name with two records resolves to the current one, not the potential duplicate', async () => {
    const reply = await call(sim, `/api/machines/${DUPLICATE_HOST.computerDnsName}`);
    assert.equal(record(reply.json).id, DUPLICATE_HOST.currentMachineId);
  });

  test('an unknown machine is 404 ResourceNotFound in the error envelope', async () => {
    assert.equal(errorCode(await call(sim, '/api/machines/0000000000000000000000000000000000000000'), 404), 'ResourceNotFound');
  });

  test('serves the seed machines as the reference pages show them (osVersion, numeric and string rbacGroupId)', async () => {
    const m1 = record((await call(sim, `/api/machines/${SEED_MACHINE_IDS.mymachine1}`)).json);
    assert.equal(m1.osVersion, '10.0.0.0');
    assert.ok(!('version' in m1));
    assert.equal(m1.rbacGroupId, 140);
    assert.equal(m1.rbacGroupName, 'The-A-Team');
    assert.equal(m1.isAadJoined, true);
    assert.deepEqual(m1.machineTags, ['test tag 1', 'test tag 2']);
    assert.ok(!('ipAddresses' in m1));
    const m2 = record((await call(sim, `/api/machines/${SEED_MACHINE_IDS.mymachine2}`)).json);
    assert.equal(m2.aadDeviceId, null);
    assert.equal(m2.healthStatus, 'Inactive');
    const d1 = record((await call(sim, '/api/machines/machine-1')).json);
    assert.equal(d1.rbacGroupId, 'group-fin-001');
    assert.equal(d1.version, '10.0.19045');
    assert.equal(d1.onboardingStatus, 'onboarded');
    assert.deepEqual(d1.ipAddresses, [
      { ipAddress: '10.0.0.5', type: 'IPv4' },
      { ipAddress: 'fe80::abcd', type: 'IPv6' },
    ]);
  });

  test('serves a machine with no sensor data with nulls and without version fields', async () => {
    const m = record((await call(sim, `/api/machines/${SPARSE_MACHINE_ID}`)).json);
    assert.equal(m.healthStatus, 'NoSensorData');
    assert.equal(m.riskScore, null);
    assert.equal(m.lastIpAddress, null);
    assert.ok(!('version' in m) && !('osVersion' in m));
    assert.deepEqual(m.ipAddresses, []);
  });
});

describe('machines/{id}/logonusers', () => {
  test('answers logon user entities with the wire field names and a #Users context', async () => {
    const reply = await call(sim, `/api/machines/${SEED_MACHINE_IDS.mymachine1}/logonusers`);
    assert.equal(record(reply.json)['@odata.context'], 'https://api.securitycenter.microsoft.com/api/$metadata#Users');
    const users = values(reply);
    assert.ok(users.length >= 2);
    for (const u of users) {
      assert.match(String(u.id), /^[^\\]+\\[^\\]+$/);
      assert.equal(typeof u.accountName, 'string');
      assert.equal(typeof u.logonTypes, 'string');
      assert.equal(typeof u.logOnMachinesCount, 'number');
      assert.equal(typeof u.isDomainAdmin, 'boolean');
      assert.ok(u.isOnlyNetworkUser === null || typeof u.isOnlyNetworkUser === 'boolean');
      assert.ok(Date.parse(String(u.lastSeen)) >= Date.parse(String(u.firstSeen)));
    }
    const lastSeen = users.map((u) => Date.parse(String(u.lastSeen)));
    assert.deepEqual(
      lastSeen,
      [...lastSeen].sort((a, b) => b - a),
      'most recent first',
    );
  });

  test('is 404 ResourceNotFound for an unknown machine', async () => {
    assert.equal(errorCode(await call(sim, '/api/machines/nope/logonusers'), 404), 'ResourceNotFound');
  });

  test('accepts $top and $skip but refuses $filter', async () => {
    const path = `/api/machines/${SEED_MACHINE_IDS.mymachine1}/logonusers`;
    const all = values(await call(sim, path));
    assert.deepEqual(values(await call(sim, `${path}?$top=1&$skip=1`)), all.slice(1, 2));
    assert.equal(errorCode(await call(sim, `${path}?$filter=${encodeURIComponent("accountName eq 'user1'")}`), 400), 'ODataError');
  });
});

describe('machines', () => {
  test('lists every machine the analyst can see', async () => {
    assert.equal(values(await call(sim, '/api/machines')).length, sim.data.machines.length);
  });

  test('most generated machines send version and some send osVersion, as real tenants do', async () => {
    const machines = values(await call(sim, '/api/machines'));
    const withVersion = machines.filter((m) => 'version' in m).length;
    const withOsVersion = machines.filter((m) => 'osVersion' in m).length;
    assert.ok(withVersion > machines.length / 2, `version on ${withVersion}`);
    assert.ok(withOsVersion >= 10, `osVersion on ${withOsVersion}`);
    assert.ok(machines.some((m) => typeof m.rbacGroupId === 'number'));
    assert.ok(machines.some((m) => typeof m.rbacGroupId === 'string'));
  });
});

describe('routing and headers', () => {
  test('every answer carries the OData JSON content type, OData-Version 4.0 and a correlation id', async () => {
    for (const reply of [
      await call(sim, '/api/machines/machine-1'),
      await call(sim, '/api/nothing-here'),
      await call(sim, '/api/machines', null),
    ]) {
      assert.equal(reply.headers.get('content-type'), 'application/json; odata.metadata=minimal');
      assert.equal(reply.headers.get('odata-version'), '4.0');
      assert.match(reply.headers.get('mise-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
    }
  });

  test('the error target is a fresh correlation id per response, echoed in mise-correlation-id', async () => {
    const a = await call(sim, '/api/machines/nope');
    const b = await call(sim, '/api/machines/nope');
    const ta = record(record(a.json).error).target;
    const tb = record(record(b.json).error).target;
    assert.notEqual(ta, tb);
    assert.equal(a.headers.get('mise-correlation-id'), ta);
  });

  test('an unknown path under /api is 404 ResourceNotFound', async () => {
    assert.equal(errorCode(await call(sim, '/api/alerts/x/y/z'), 404), 'ResourceNotFound');
    assert.equal(errorCode(await call(sim, '/api/users//machines'), 404), 'ResourceNotFound');
    assert.equal(errorCode(await call(sim, '/'), 404), 'ResourceNotFound');
  });

  test('a method other than GET is 405 in the envelope with Allow: GET', async () => {
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const reply = await call(sim, '/api/machines', 'soc-lead', { method });
      assert.equal(errorCode(reply, 405), 'MethodNotAllowed');
      assert.equal(reply.headers.get('allow'), 'GET');
    }
  });

  test('a badly percent-encoded path is 400 BadRequest', async () => {
    assert.equal(errorCode(await call(sim, '/api/users/%E0%A4%A/machines'), 400), 'BadRequest');
  });
});
