// The named facts of data/facts.ts hold in the generated tenant, as served over HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PERSONAS, machineVisibility, type SimulatorHandle } from '../../src/simulator';
import {
  BARE_HOST,
  DOMAIN_ADMIN,
  DUPLICATE_HOST,
  HOST_PREFIX,
  MACHINE_COUNT,
  MARKDOWN_MACHINE,
  MYMACHINE1_LOGON_USER_IDS,
  OPEN_DEVICE_GROUP,
  SEED_MACHINE_IDS,
  SHARED_IP,
  STALE_IP,
  UNIQUE_IP,
  USER1,
  USER1_MACHINE_HIDDEN_FROM_EMEA,
  USER1_MACHINE_IDS,
  USER1_MOST_PREVALENT_MACHINE_ID,
  USER_COUNT,
  USER_ONLY_EMEA_SEES,
  USER_ONLY_SOC_LEAD_SEES,
  USER_ONLY_US_SEES,
  USER_WITHOUT_MACHINES,
} from '../../src/simulator/data/facts';
import { START, call, filterPath, ids, odataString, record, startTestSim, values } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startTestSim();
});
after(() => sim.close());

const DAY = 86_400_000;

test('the tenant has about 300 machines, 40 users, several device groups and one open to everyone', () => {
  assert.equal(sim.data.machines.length, MACHINE_COUNT);
  assert.equal(sim.data.users.length, USER_COUNT);
  assert.ok(sim.data.groups.length >= 5);
  const open = sim.data.groups.filter((g) => g.entraGroups.length === 0);
  assert.deepEqual(
    open.map((g) => [g.id, g.name]),
    [[OPEN_DEVICE_GROUP.id, OPEN_DEVICE_GROUP.name]],
  );
  const platforms = new Set(sim.data.machines.map((m) => m.osPlatform));
  for (const p of ['Windows10', 'Windows11', 'WindowsServer2022', 'Ubuntu', 'macOS']) assert.ok(platforms.has(p), p);
  assert.equal(new Set(sim.data.machines.map((m) => m.id)).size, MACHINE_COUNT, 'ids are unique');
});

test('user1 has 4 to 8 machines, including the four seed machines, one of them hidden from analyst-emea', async () => {
  const got = ids(await call(sim, `/api/users/${USER1.accountName}/machines`, 'soc-lead'));
  assert.ok(got.length >= 4 && got.length <= 8);
  assert.deepEqual([...got].sort(), [...USER1_MACHINE_IDS].sort());
  for (const id of Object.values(SEED_MACHINE_IDS)) assert.ok(got.includes(id), id);
  const emea = ids(await call(sim, `/api/users/${USER1.accountName}/machines`, 'analyst-emea'));
  assert.ok(!emea.includes(USER1_MACHINE_HIDDEN_FROM_EMEA));
  assert.ok(got.includes(USER1_MOST_PREVALENT_MACHINE_ID));
});

test("mymachine1's logon users are user1 as in the seed, a domain admin and a network-only service account", async () => {
  const users = values(await call(sim, `/api/machines/${SEED_MACHINE_IDS.mymachine1}/logonusers`));
  assert.deepEqual(users.map((u) => u.id).sort(), [...MYMACHINE1_LOGON_USER_IDS].sort());
  const u1 = users.find((u) => u.id === USER1.id);
  assert.deepEqual(
    { ...u1, firstSeen: undefined, lastSeen: undefined },
    {
      id: 'contoso\\user1',
      accountName: 'user1',
      accountDomain: 'contoso',
      accountSid: USER1.accountSid,
      firstSeen: undefined,
      lastSeen: undefined,
      mostPrevalentMachineId: '111153d0c675eaa415b8e5f383c6388bff446c62',
      leastPrevalentMachineId: '111153d0c675eaa415b8e5f383c6388bff446c62',
      logonTypes: 'Interactive',
      logOnMachinesCount: 8,
      isDomainAdmin: true,
      isOnlyNetworkUser: false,
    },
  );
  const admin = users.find((u) => u.id === DOMAIN_ADMIN.id);
  assert.equal(admin?.isDomainAdmin, true);
  assert.equal(admin?.logOnMachinesCount, DOMAIN_ADMIN.machineCount);
  assert.ok(users.some((u) => u.isOnlyNetworkUser === true));
});

test('the domain admin logged onto more than 20 machines visible to soc-lead (more than one card page)', async () => {
  const got = ids(await call(sim, `/api/users/${DOMAIN_ADMIN.accountName}/machines`, 'soc-lead'));
  assert.equal(got.length, DOMAIN_ADMIN.machineCount);
  assert.ok(got.length > 20);
  const emea = ids(await call(sim, `/api/users/${DOMAIN_ADMIN.accountName}/machines`, 'analyst-emea'));
  assert.ok(emea.length < got.length);
});

test('two records share one computer name; the old one is a potential duplicate merged into the current one', async () => {
  const records = values(await call(sim, filterPath(`computerDnsName eq ${odataString(DUPLICATE_HOST.computerDnsName)}`)));
  assert.equal(records.length, 2);
  const old = records.find((m) => m.id === DUPLICATE_HOST.duplicateMachineId);
  const current = records.find((m) => m.id === DUPLICATE_HOST.currentMachineId);
  assert.equal(old?.isPotentialDuplication, true);
  assert.equal(old?.mergedIntoMachineId, DUPLICATE_HOST.currentMachineId);
  assert.equal(current?.isPotentialDuplication, false);
  const others = sim.data.machines.filter((m) => m.computerDnsName === DUPLICATE_HOST.computerDnsName);
  assert.equal(others.length, 2, 'no other name is duplicated by accident');
  assert.equal(new Set(sim.data.machines.map((m) => m.computerDnsName)).size, MACHINE_COUNT - 1);
});

test('a prefix matches several machines, and one machine has a bare host name', async () => {
  const names = values(await call(sim, filterPath(`startswith(computerDnsName,'${HOST_PREFIX.prefix}')`))).map((m) => m.computerDnsName);
  assert.deepEqual(names, [...HOST_PREFIX.computerDnsNames]);
  assert.ok(!BARE_HOST.computerDnsName.includes('.'));
  assert.equal(record((await call(sim, `/api/machines/${BARE_HOST.machineId}`)).json).computerDnsName, BARE_HOST.computerDnsName);
});

test('one IP is shared by two recent machines, another is unique, a third belongs to a stale machine', () => {
  const holders = (ip: string) =>
    sim.data.machines.filter((m) => m.lastIpAddress === ip || (m.ipAddresses ?? []).some((a) => a.ipAddress === ip));
  const recent = (ms: string | null | undefined) => START - Date.parse(ms ?? '') < 7 * DAY;
  assert.deepEqual(
    holders(SHARED_IP.ip)
      .map((m) => m.id)
      .sort(),
    [...SHARED_IP.machineIds].sort(),
  );
  assert.ok(holders(SHARED_IP.ip).every((m) => recent(m.lastSeen)));
  assert.deepEqual(
    holders(UNIQUE_IP.ip).map((m) => m.id),
    [UNIQUE_IP.machineId],
  );
  const stale = holders(STALE_IP.ip);
  assert.deepEqual(
    stale.map((m) => m.id),
    [STALE_IP.machineId],
  );
  assert.ok(START - Date.parse(stale[0]?.lastSeen ?? '') > 30 * DAY);
});

test('a machine carries a Markdown-looking tag and device-group name', async () => {
  const m = record((await call(sim, `/api/machines/${MARKDOWN_MACHINE.machineId}`)).json);
  assert.ok(Array.isArray(m.machineTags) && m.machineTags.includes(MARKDOWN_MACHINE.tag));
  assert.equal(m.rbacGroupName, MARKDOWN_MACHINE.rbacGroupName);
  assert.equal(m.rbacGroupId, MARKDOWN_MACHINE.rbacGroupId);
});

test('a known user has no machines at all', async () => {
  assert.ok(sim.data.users.some((u) => u.accountName === USER_WITHOUT_MACHINES && u.logOnMachinesCount === 0));
  for (const persona of ['soc-lead', 'analyst-emea', 'analyst-us'] as const) {
    assert.deepEqual(values(await call(sim, `/api/users/${USER_WITHOUT_MACHINES}/machines`, persona)), []);
  }
});

test('some users are visible to only one persona (besides soc-lead, who sees everyone)', async () => {
  const seen = async (user: string, persona: 'soc-lead' | 'analyst-emea' | 'analyst-us'): Promise<number> =>
    values(await call(sim, `/api/users/${user}/machines`, persona)).length;
  assert.deepEqual(
    [
      (await seen(USER_ONLY_EMEA_SEES, 'soc-lead')) > 0,
      (await seen(USER_ONLY_EMEA_SEES, 'analyst-emea')) > 0,
      await seen(USER_ONLY_EMEA_SEES, 'analyst-us'),
    ],
    [true, true, 0],
  );
  assert.deepEqual(
    [
      (await seen(USER_ONLY_US_SEES, 'soc-lead')) > 0,
      await seen(USER_ONLY_US_SEES, 'analyst-emea'),
      (await seen(USER_ONLY_US_SEES, 'analyst-us')) > 0,
    ],
    [true, 0, true],
  );
  assert.deepEqual(
    [
      (await seen(USER_ONLY_SOC_LEAD_SEES, 'soc-lead')) > 0,
      await seen(USER_ONLY_SOC_LEAD_SEES, 'analyst-emea'),
      await seen(USER_ONLY_SOC_LEAD_SEES, 'analyst-us'),
    ],
    [true, 0, 0],
  );
});

test('logon records show the wire variety: comma-joined logonTypes, network-only users, null isOnlyNetworkUser', () => {
  const types = new Set(sim.data.logons.map((l) => l.logonTypes));
  for (const t of ['Interactive', 'RemoteInteractive', 'Network', 'Network, RemoteInteractive']) assert.ok(types.has(t), t);
  assert.ok(sim.data.users.some((u) => u.isOnlyNetworkUser === true));
  assert.ok(sim.data.users.some((u) => u.isOnlyNetworkUser === null));
  for (const u of sim.data.users) {
    const count = new Set(
      sim.data.logons.filter((l) => l.accountName === u.accountName && l.accountDomain === u.accountDomain).map((l) => l.machineId),
    ).size;
    assert.equal(u.logOnMachinesCount, count, `${u.accountName}'s logOnMachinesCount matches its logons`);
  }
  const machineIds = new Set(sim.data.machines.map((m) => m.id));
  for (const l of sim.data.logons) assert.ok(machineIds.has(l.machineId));
});

test("every machine's group exists and the group name on the machine matches it", () => {
  const groups = new Map(sim.data.groups.map((g) => [String(g.id), g]));
  for (const m of sim.data.machines) assert.equal(groups.get(String(m.rbacGroupId))?.name, m.rbacGroupName, m.id);
});

test('the personas are exactly soc-lead, analyst-emea, analyst-us and no-role', () => {
  assert.deepEqual(
    sim.data.personas.map((p) => p.id),
    ['soc-lead', 'analyst-emea', 'analyst-us', 'no-role'],
  );
  const visible = (id: 'analyst-emea' | 'analyst-us') => sim.data.machines.filter(machineVisibility(PERSONAS[id], sim.data.groups)).length;
  assert.ok(visible('analyst-emea') > 50 && visible('analyst-us') > 50);
});
