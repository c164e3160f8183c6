// $filter, $top, $skip and @odata.nextLink paging over HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../src/simulator';
import { DOMAIN_ADMIN, HOST_PREFIX, MARKDOWN_MACHINE, SEED_MACHINE_IDS } from '../../src/simulator/data/facts';
import { call, errorCode, filterPath, ids, odataString, record, startTestSim, values, type Reply } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startTestSim();
});
after(() => sim.close());

describe('$filter over HTTP', () => {
  test('computerDnsName eq finds one machine whatever the case', async () => {
    assert.deepEqual(ids(await call(sim, filterPath("computerDnsName eq 'MYMACHINE1.contoso.com'"))), [SEED_MACHINE_IDS.mymachine1]);
  });

  test('startswith(computerDnsName, prefix) finds every machine with that prefix', async () => {
    const names = values(await call(sim, filterPath(`startswith(computerDnsName,${odataString(HOST_PREFIX.prefix)})`))).map(
      (m) => m.computerDnsName,
    );
    assert.deepEqual(names, [...HOST_PREFIX.computerDnsNames]);
  });

  test('machineTags/any finds by tag, with quotes escaped by doubling', async () => {
    assert.deepEqual(ids(await call(sim, filterPath(`machineTags/any(t: t eq ${odataString(MARKDOWN_MACHINE.tag)})`))), [
      MARKDOWN_MACHINE.machineId,
    ]);
    assert.deepEqual(ids(await call(sim, filterPath(`machineTags/any(t: t eq ${odataString(MARKDOWN_MACHINE.apostropheTag)})`))), [
      MARKDOWN_MACHINE.machineId,
    ]);
  });

  test('a value with a quote cannot widen the filter', async () => {
    assert.deepEqual(values(await call(sim, filterPath(`computerDnsName eq ${odataString("x' or id ne 'y")}`))), []);
  });

  test('and combines conditions; every result satisfies all of them', async () => {
    const machines = values(await call(sim, filterPath("healthStatus eq 'Active' and osPlatform eq 'Windows11' and rbacGroupId eq 101")));
    assert.ok(machines.length > 0);
    for (const m of machines) assert.deepEqual([m.healthStatus, m.osPlatform, m.rbacGroupId], ['Active', 'Windows11', 101]);
  });

  test('ne, riskScore, exposureLevel, deviceValue, onboardingStatus, lastIpAddress, aadDeviceId and id filter as expected', async () => {
    const all = sim.data.machines;
    const count = async (f: string): Promise<number> => values(await call(sim, filterPath(f))).length;
    assert.equal(await count("riskScore eq 'High'"), all.filter((m) => m.riskScore === 'High').length);
    assert.equal(await count("exposureLevel ne 'Low'"), all.filter((m) => m.exposureLevel !== 'Low').length);
    assert.equal(await count("deviceValue eq 'High'"), all.filter((m) => m.deviceValue === 'High').length);
    assert.equal(await count("onboardingStatus eq 'onboarded'"), 2);
    assert.deepEqual(ids(await call(sim, filterPath("lastIpAddress eq '172.17.230.209'"))), [SEED_MACHINE_IDS.mymachine1]);
    assert.equal(await count('aadDeviceId eq null'), all.filter((m) => m.aadDeviceId === null || m.aadDeviceId === undefined).length);
    assert.deepEqual(ids(await call(sim, filterPath("id eq 'machine-2'"))), ['machine-2']);
  });

  test("rbacGroupId accepts the seed's string ids", async () => {
    assert.deepEqual(
      ids(await call(sim, filterPath("rbacGroupId eq 'group-fin-001'"))),
      sim.data.machines.filter((m) => m.rbacGroupId === 'group-fin-001').map((m) => m.id),
    );
  });

  test('a filter that matches nothing is 200 with an empty value', async () => {
    assert.deepEqual(values(await call(sim, filterPath("computerDnsName eq 'no-such-host'"))), []);
  });

  test('a bad filter is 400 ODataError', async () => {
    for (const f of ["computerDnsName eq 'x", 'nosuch eq 1', "computerDnsName ~ 'x'", "endswith(computerDnsName,'x')", '']) {
      assert.equal(errorCode(await call(sim, filterPath(f)), 400), 'ODataError', f);
    }
  });

  test("$filter also applies to a user's machines", async () => {
    const got = ids(await call(sim, `/api/users/user1/machines?$filter=${encodeURIComponent("startswith(computerDnsName,'mymachine')")}`));
    assert.deepEqual(got, [SEED_MACHINE_IDS.mymachine1, SEED_MACHINE_IDS.mymachine2]);
  });
});

describe('$top and $skip', () => {
  test('$top limits and $skip offsets the list', async () => {
    const all = ids(await call(sim, '/api/machines'));
    assert.deepEqual(ids(await call(sim, '/api/machines?$top=5')), all.slice(0, 5));
    assert.deepEqual(ids(await call(sim, '/api/machines?$skip=295')), all.slice(295));
    assert.deepEqual(ids(await call(sim, '/api/machines?$top=3&$skip=10')), all.slice(10, 13));
    assert.deepEqual(ids(await call(sim, '/api/machines?$top=0')), []);
    assert.deepEqual(ids(await call(sim, '/api/machines?$top=10000')), all);
  });

  test('$top above 10000, negative or not a number, or a bad $skip, is 400 ODataError', async () => {
    for (const q of ['$top=10001', '$top=-1', '$top=ten', '$top=', '$skip=-5', '$skip=1.5']) {
      assert.equal(errorCode(await call(sim, `/api/machines?${q}`), 400), 'ODataError', q);
    }
  });

  test('an unsupported or repeated system query option is 400 ODataError; other parameters are ignored', async () => {
    assert.equal(errorCode(await call(sim, '/api/machines?$orderby=lastSeen'), 400), 'ODataError');
    assert.equal(errorCode(await call(sim, '/api/machines?$top=1&$top=2'), 400), 'ODataError');
    assert.equal(ids(await call(sim, '/api/machines?api-version=1&$top=1')).length, 1);
  });
});

describe('@odata.nextLink paging', () => {
  let paged: SimulatorHandle;
  before(async () => {
    paged = await startTestSim({ serverPageSize: 10 });
  });
  after(() => paged.close());

  async function followAll(first: Reply): Promise<{ pages: number; items: string[]; links: string[] }> {
    const items: string[] = [];
    const links: string[] = [];
    let reply = first;
    let pages = 0;
    for (;;) {
      pages++;
      items.push(...ids(reply));
      const next = record(reply.json)['@odata.nextLink'];
      if (next === undefined) return { pages, items, links };
      assert.equal(typeof next, 'string');
      links.push(String(next));
      reply = await call(paged, String(next));
      assert.ok(pages < 100, 'paging terminates');
    }
  }

  test('a list longer than the server page size comes in pages linked by absolute next links on the simulator host', async () => {
    const first = await call(paged, '/api/machines');
    assert.equal(values(first).length, 10);
    const { pages, items, links } = await followAll(first);
    assert.equal(pages, 30);
    assert.deepEqual(
      items,
      paged.data.machines.map((m) => m.id),
    );
    for (const link of links) assert.ok(link.startsWith(`${paged.url}/api/machines?`), link);
  });

  test('next links keep the $filter and the remaining $top', async () => {
    const filter = "healthStatus eq 'Active'";
    const first = await call(paged, `${filterPath(filter)}&$top=25`);
    const { pages, items, links } = await followAll(first);
    assert.equal(pages, 3);
    assert.equal(items.length, 25);
    const expected = paged.data.machines
      .filter((m) => m.healthStatus === 'Active')
      .slice(0, 25)
      .map((m) => m.id);
    assert.deepEqual(items, expected);
    assert.ok(links.every((l) => new URL(l).searchParams.get('$filter') === filter));
  });

  test('a user with more machines than a page (the domain admin) pages too', async () => {
    const first = await call(paged, `/api/users/${DOMAIN_ADMIN.accountName}/machines`);
    const { pages, items } = await followAll(first);
    assert.equal(items.length, DOMAIN_ADMIN.machineCount);
    assert.equal(pages, Math.ceil(DOMAIN_ADMIN.machineCount / 10));
  });

  test('a list that fits in one page has no next link', async () => {
    const reply = await call(paged, '/api/machines?$top=10');
    assert.equal(record(reply.json)['@odata.nextLink'], undefined);
  });
});
