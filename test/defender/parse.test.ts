import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogonUser, Machine } from '../../src/defender/model';
import {
  parseErrorBody,
  parseJsonText,
  parseLogonUserPage,
  parseMachineBody,
  parseMachinePage,
  parseRetryAfter,
  type Page,
  type ParseResult,
} from '../../src/defender/parse';
import { readFixture, readFixtureText } from '../../scripts/rig/repo-root';

function ok<T>(result: ParseResult<T>): T {
  if (!result.ok) assert.fail(`expected success, got: ${result.reason}`);
  return result.value;
}

function machines(name: string): Page<Machine> {
  return ok(parseMachinePage(readFixture(`defender/${name}`)));
}

function logonUsers(name: string): Page<LogonUser> {
  return ok(parseLogonUserPage(readFixture(`defender/${name}`)));
}

describe('seed payloads parse to the normalised model', () => {
  test('user machines 2018 (000): osVersion, numeric rbacGroupId 140 becomes "140", null aadDeviceId is absent', () => {
    const page = machines('user-machines.legacy-2018.json');
    assert.equal(page.skipped, 0);
    assert.equal(page.nextLink, undefined);
    assert.deepEqual(page.items, [
      {
        id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
        computerDnsName: 'mymachine1.contoso.com',
        firstSeen: '2018-08-02T14:55:03.7791856Z',
        lastSeen: '2018-08-02T14:55:03.7791856Z',
        osPlatform: 'Windows10',
        osVersion: '10.0.0.0',
        lastIpAddress: '172.17.230.209',
        lastExternalIpAddress: '167.220.196.71',
        agentVersion: '10.5830.18209.1001',
        osBuild: 18209,
        healthStatus: 'Active',
        rbacGroupId: '140',
        rbacGroupName: 'The-A-Team',
        riskScore: 'Low',
        aadDeviceId: '80fe8ff8-2624-418e-9591-41f0491218f9',
        machineTags: ['test tag 1', 'test tag 2'],
        ipAddresses: [],
      },
      {
        id: '7292e4b8cb74ff1cc3d8a495eb29dc8858b732f7',
        computerDnsName: 'mymachine2.contoso.com',
        firstSeen: '2018-07-09T13:22:45.1250071Z',
        lastSeen: '2018-07-09T13:22:45.1250071Z',
        osPlatform: 'Windows10',
        osVersion: '10.0.0.0',
        lastIpAddress: '192.168.12.225',
        lastExternalIpAddress: '79.183.65.82',
        agentVersion: '10.5820.17724.1000',
        osBuild: 17724,
        healthStatus: 'Inactive',
        rbacGroupId: '140',
        rbacGroupName: 'The-A-Team',
        riskScore: 'Low',
        machineTags: ['test tag 1'],
        ipAddresses: [],
      },
    ]);
  });

  test('user machines 2025 (001): `version` becomes osVersion, string rbacGroupId kept, exposureLevel and ipAddresses parsed', () => {
    const page = machines('user-machines.current-2025.json');
    assert.equal(page.skipped, 0);
    assert.deepEqual(page.items[0], {
      id: 'machine-1',
      computerDnsName: 'device1.corp.example.com',
      firstSeen: '2024-01-01T00:00:00Z',
      lastSeen: '2024-01-02T00:00:00Z',
      osPlatform: 'Windows10',
      onboardingStatus: 'onboarded',
      osProcessor: 'x64',
      osVersion: '10.0.19045',
      osBuild: 19045,
      lastIpAddress: '10.0.0.5',
      lastExternalIpAddress: '203.0.113.1',
      healthStatus: 'Active',
      rbacGroupName: 'Finance',
      rbacGroupId: 'group-fin-001',
      riskScore: 'Low',
      aadDeviceId: 'd9f1373e-1733-437e-8f4c-3f77f60d3c92',
      machineTags: ['laptop', 'finance'],
      exposureLevel: 'Medium',
      deviceValue: 'High',
      ipAddresses: [
        { ipAddress: '10.0.0.5', type: 'IPv4' },
        { ipAddress: 'fe80::abcd', type: 'IPv6' },
      ],
      osArchitecture: '64-bit',
    });
    const second = page.items[1];
    assert.ok(second);
    assert.equal(second.id, 'machine-2');
    assert.equal(second.rbacGroupId, 'group-hr-001');
    assert.equal(second.aadDeviceId, undefined);
    assert.equal('aadDeviceId' in second, false, 'null is absent, not undefined-valued');
    assert.deepEqual(second.ipAddresses, [{ ipAddress: '10.0.0.10', type: 'IPv4' }]);
  });

  test('list machines 2018 (003): isAadJoined true and false', () => {
    const page = machines('machines.list-aad-joined-2018.json');
    assert.deepEqual(
      page.items.map((m) => [m.id, m.isAadJoined, m.rbacGroupId, m.osVersion]),
      [
        ['1e5bc9d7e413ddd7902c2932e418702b84d0cc07', true, '140', '10.0.0.0'],
        ['7292e4b8cb74ff1cc3d8a495eb29dc8858b732f7', false, '140', '10.0.0.0'],
      ],
    );
  });

  test('logon users 2020 (004): every field, logonTypes as a one-element array', () => {
    const page = logonUsers('logon-users.2020.json');
    assert.equal(page.skipped, 0);
    assert.deepEqual(page.items, [
      {
        id: 'contoso\\user1',
        accountName: 'user1',
        accountDomain: 'contoso',
        accountSid: 'S-1-5-21-72051607-1745760036-109187956-93922',
        firstSeen: '2019-12-18T08:02:54Z',
        lastSeen: '2020-01-06T08:01:48Z',
        mostPrevalentMachineId: '111153d0c675eaa415b8e5f383c6388bff446c62',
        leastPrevalentMachineId: '111153d0c675eaa415b8e5f383c6388bff446c62',
        logonTypes: ['Interactive'],
        logOnMachinesCount: 8,
        isDomainAdmin: true,
        isOnlyNetworkUser: false,
      },
    ]);
  });

  test('a single machine body parses like a list entry', () => {
    assert.deepEqual(
      ok(parseMachineBody(readFixture('defender/machine.single-2018.json'))),
      machines('machines.list-aad-joined-2018.json').items[0],
    );
  });
});

describe('drift variants', () => {
  test('every optional field null: only id and the empty arrays remain', () => {
    assert.deepEqual(machines('machines.drift.nulls.json').items, [
      { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', machineTags: [], ipAddresses: [] },
    ]);
  });

  test('only an id, no @odata.context: parsed', () => {
    assert.deepEqual(machines('machines.drift.minimal.json').items, [
      { id: 'b2c3d4e5f60718293a4b5c6d7e8f90123456789a', machineTags: [], ipAddresses: [] },
    ]);
  });

  test('unknown extra fields are ignored; `version` wins over osVersion; rbacGroupId 0 is "0"', () => {
    assert.deepEqual(machines('machines.drift.extra-fields.json').items, [
      {
        id: 'c3d4e5f60718293a4b5c6d7e8f90123456789ab0',
        computerDnsName: 'fin-lt-0042.corp.contoso.com',
        firstSeen: '2025-11-03T09:12:44.123Z',
        lastSeen: '2026-02-14T17:40:02.5Z',
        osPlatform: 'Windows11',
        osVersion: '23H2',
        osProcessor: 'x64',
        osBuild: 22631,
        osArchitecture: '64-bit',
        lastIpAddress: '10.20.30.40',
        lastExternalIpAddress: '198.51.100.7',
        agentVersion: '10.8760.22631.1000',
        healthStatus: 'ImpairedCommunication',
        onboardingStatus: 'Onboarded',
        rbacGroupId: '0',
        rbacGroupName: 'UnassignedGroup',
        riskScore: 'High',
        exposureLevel: 'High',
        deviceValue: 'Low',
        aadDeviceId: '5e3b9f0a-7d6c-4e21-9a8b-1c2d3e4f5a6b',
        isAadJoined: true,
        machineTags: ['vip', 'finance'],
        ipAddresses: [
          { ipAddress: '10.20.30.40', macAddress: '00155D0A1B2C', type: 'Ethernet', operationalStatus: 'Up' },
          { ipAddress: 'fe80::1c2d:3e4f:5a6b:7c8d', macAddress: '00155D0A1B2C', type: 'Ethernet', operationalStatus: 'Up' },
        ],
        defenderAvStatus: 'Updated',
        managedBy: 'Intune',
        isPotentialDuplication: false,
      },
    ]);
  });

  test('wrong-typed optional fields are dropped, not fatal; malformed ipAddresses entries are dropped', () => {
    assert.deepEqual(machines('machines.drift.wrong-types.json').items, [
      {
        id: 'd4e5f60718293a4b5c6d7e8f90123456789ab0c1',
        computerDnsName: 'odd-types',
        machineTags: [],
        ipAddresses: [{ ipAddress: '10.0.0.9', macAddress: 'AABBCCDDEEFF' }],
      },
    ]);
  });

  test('entries without a string id are skipped and counted', () => {
    const page = machines('machines.drift.entries-without-id.json');
    assert.deepEqual(
      page.items.map((m) => m.id),
      ['e5f60718293a4b5c6d7e8f90123456789ab0c1d2'],
    );
    assert.equal(page.skipped, 4);
  });

  test('a non-empty page where no entry has an id is a failure, not an empty answer', () => {
    assert.equal(parseMachinePage(readFixture('defender/machines.drift.no-usable-entries.json')).ok, false);
  });

  test('logonTypes comma-joined are split and trimmed; logonMachinesCount (lowercase o) accepted; null is absent', () => {
    assert.deepEqual(logonUsers('logon-users.drift.comma-joined-types.json').items, [
      {
        id: 'contoso\\jdoe',
        accountName: 'jdoe',
        accountDomain: 'contoso',
        accountSid: 'S-1-5-21-72051607-1745760036-109187956-11042',
        firstSeen: '2025-12-01T08:00:00Z',
        lastSeen: '2026-02-14T16:59:00Z',
        mostPrevalentMachineId: '111153d0c675eaa415b8e5f383c6388bff446c62',
        logonTypes: ['Network', 'RemoteInteractive', 'Interactive'],
        logOnMachinesCount: 3,
        isDomainAdmin: false,
      },
    ]);
  });

  test('logonTypes as an array is accepted; accountName falls back to the name in the id; a user without id is skipped', () => {
    const page = logonUsers('logon-users.drift.array-types.json');
    assert.deepEqual(page.items, [{ id: 'contoso\\svc-backup', accountName: 'svc-backup', logonTypes: ['Service', 'Batch'] }]);
    assert.equal(page.skipped, 1);
  });

  test('an empty value array is an empty page', () => {
    assert.deepEqual(machines('machines.empty.json'), { items: [], skipped: 0 });
  });
});

describe('collection shape', () => {
  test('nextLink is returned untouched', () => {
    const page = machines('user-machines.page-1-of-2.json');
    assert.equal(page.nextLink, 'https://api.security.microsoft.com/api/users/user1/machines?$skiptoken=eyJwYWdlIjoyfQ%3D%3D');
  });

  test('a null nextLink means no next page', () => {
    assert.equal(ok(parseMachinePage({ value: [], '@odata.nextLink': null })).nextLink, undefined);
  });

  test('a body that is not an object with a value array is a failure', () => {
    for (const body of [
      null,
      'text',
      42,
      [],
      [{ id: 'x' }],
      {},
      { value: null },
      { value: {} },
      readFixture('defender/machines.not-a-collection.json'),
    ]) {
      assert.equal(parseMachinePage(body).ok, false, JSON.stringify(body));
      assert.equal(parseLogonUserPage(body).ok, false, JSON.stringify(body));
    }
  });

  test('a non-string nextLink is a failure rather than a silently truncated answer', () => {
    assert.equal(parseMachinePage({ value: [], '@odata.nextLink': 7 }).ok, false);
  });

  test('a single machine without a string id is a failure', () => {
    for (const body of [null, [], {}, { id: 5 }, { computerDnsName: 'x' }]) {
      assert.equal(parseMachineBody(body).ok, false, JSON.stringify(body));
    }
  });
});

describe('JSON text', () => {
  test('empty and whitespace-only bodies are failures', () => {
    assert.deepEqual(parseJsonText(''), { ok: false, reason: 'empty body' });
    assert.equal(parseJsonText(' \n').ok, false);
  });

  test('malformed JSON is a failure', () => {
    assert.deepEqual(parseJsonText('{"value": ['), { ok: false, reason: 'body is not JSON' });
    assert.equal(parseJsonText('<html>gateway</html>').ok, false);
  });
});

describe('error envelope', () => {
  test('code, message and target are read from each status fixture', () => {
    assert.deepEqual(parseErrorBody(readFixtureText('defender/error.404.resource-not-found.json')), {
      code: 'ResourceNotFound',
      message: 'Machine 0123 was not found',
      target: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c54',
    });
    for (const name of [
      'error.400.bad-request.json',
      'error.401.unauthorized.json',
      'error.403.forbidden.json',
      'error.429.too-many-requests.json',
      'error.500.internal-server-error.json',
    ]) {
      const envelope = parseErrorBody(readFixtureText(`defender/${name}`));
      assert.equal(typeof envelope?.code, 'string', name);
      assert.equal(typeof envelope?.target, 'string', name);
    }
  });

  test('a partial envelope keeps what is there', () => {
    assert.deepEqual(parseErrorBody('{"error":{"code":"Forbidden","target":null}}'), { code: 'Forbidden' });
  });

  test('a body that is not an envelope gives nothing', () => {
    for (const text of ['', '<html>502 Bad Gateway</html>', '{}', '{"error":"nope"}', 'null']) {
      assert.equal(parseErrorBody(text), undefined, text);
    }
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-02-14T12:00:00Z');

  test('delta-seconds', () => {
    assert.equal(parseRetryAfter('23', now), 23);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });

  test('an HTTP date, as seconds from now', () => {
    assert.equal(parseRetryAfter('Sat, 14 Feb 2026 12:01:30 GMT', now), 90);
  });

  test('an HTTP date in the past is 0', () => {
    assert.equal(parseRetryAfter('Sat, 14 Feb 2026 11:00:00 GMT', now), 0);
  });

  test('missing or unreadable is undefined', () => {
    for (const header of [null, '', 'soon', '-5', '1.5']) {
      assert.equal(parseRetryAfter(header, now), undefined, String(header));
    }
  });
});
