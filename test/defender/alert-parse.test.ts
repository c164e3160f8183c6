// The Alert entity from recorded and documented payloads, and across the drift the docs and
// recorded responses show.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Alert } from '../../src/defender/alert-model';
import { isOpenAlert } from '../../src/defender/alert-model';
import { parseAlert, parseAlertBody, parseAlertPage } from '../../src/defender/alert-parse';
import { readFixture } from '../../scripts/rig/repo-root';

function page(name: string): Alert[] {
  const parsed = parseAlertPage(readFixture(`defender/${name}`));
  assert.ok(parsed.ok, name);
  return parsed.value.items;
}

function only<T>(items: readonly T[], index = 0): T {
  const item = items[index];
  assert.ok(item !== undefined, `entry ${index} exists`);
  return item;
}

describe('documented and recorded payloads', () => {
  test('the single alert example: every field, Long ids as strings, nulls absent, evidence typed', () => {
    const parsed = parseAlertBody(readFixture('defender/alerts.single-2021.json'));
    assert.ok(parsed.ok);
    const a = parsed.value;
    assert.deepEqual(
      { ...a, description: undefined, evidence: a.evidence.length },
      {
        id: 'da637472900382838869_1364969609',
        incidentId: '1126093',
        investigationState: 'Queued',
        severity: 'Low',
        status: 'New',
        detectionSource: 'WindowsDefenderAtp',
        detectorId: '17e10bbc-3a68-474a-8aad-faef14d43952',
        category: 'Execution',
        title: 'Low-reputation arbitrary code executed by signed executable',
        description: undefined,
        alertCreationTime: '2021-01-26T20:33:57.7220239Z',
        firstEventTime: '2021-01-26T20:31:32.9562661Z',
        lastEventTime: '2021-01-26T20:31:33.0577322Z',
        lastUpdateTime: '2021-01-26T20:33:59.2Z',
        machineId: '111e6dd8c833c8a052ea231ec1b19adaf497b625',
        computerDnsName: 'temp123.middleeast.corp.microsoft.com',
        rbacGroupName: 'A',
        aadTenantId: 'a839b112-1253-6432-9bf6-94542403f21c',
        mitreTechniques: ['T1064', 'T1085', 'T1220'],
        relatedUser: { userName: 'temp123', domainName: 'DOMAIN' },
        loggedOnUsers: [],
        comments: [{ comment: 'test comment for docs', createdBy: 'secop123@contoso.com', createdTime: '2021-01-26T01:00:37.8404534Z' }],
        evidence: 3,
      },
    );
    assert.ok(a.description?.startsWith('Binaries signed by Microsoft'));
    const nullOnTheWire = [
      'investigationId',
      'assignedTo',
      'classification',
      'determination',
      'threatFamilyName',
      'resolvedTime',
      'threatName',
    ];
    for (const key of nullOnTheWire) {
      assert.equal(key in a, false, `${key} (null on the wire) is absent`);
    }
    assert.deepEqual(a.evidence[0], {
      entityType: 'User',
      evidenceCreationTime: '2021-01-26T20:33:58.42Z',
      accountName: 'name',
      domainName: 'DOMAIN',
      userSid: 'S-1-5-21-11111607-1111760036-109187956-75141',
      aadUserId: '11118379-2a59-1111-ac3c-a51eb4a3c627',
      userPrincipalName: 'temp123@microsoft.com',
    });
    assert.equal(a.evidence[1]?.processId, 3276);
    assert.equal(a.evidence[1]?.parentProcessId, 8420);
    assert.equal(a.evidence[1]?.processCommandLine, 'rundll32.exe  c:\\temp\\suspicious.dll,RepeatAfterMe');
    assert.equal(a.evidence[2]?.fileName, 'suspicious.dll');
    assert.equal(a.evidence[2]?.detectionStatus, 'Detected');
  });

  test('the list example (2020): a negative id suffix, investigationId, classification, empty evidence', () => {
    const a = only(page('alerts.list-2020.json'));
    assert.equal(a.id, 'da637308392288907382_-880718168');
    assert.equal(a.incidentId, '7587');
    assert.equal(a.investigationId, '723156');
    assert.equal(a.classification, 'TruePositive');
    assert.equal(a.assignedTo, 'secop123@contoso.com');
    assert.equal(a.threatFamilyName, 'Meterpreter');
    assert.equal(a.detectorId, undefined, 'absent in this example');
    assert.deepEqual(a.evidence, []);
  });

  test('a recorded 2023 answer: ar- and GUID-shaped ids, loggedOnUsers, null relatedUser and rbacGroupName, extra "domains"', () => {
    const alerts = page('alerts.recorded-2023.json');
    assert.deepEqual(
      alerts.map((a) => a.id),
      [
        'ar638180599315648136_73827727',
        'da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1',
        'da5a9d6588-c19d-4830-890b-dc56ee38c0c7_1',
        'da638181185158896141_667602127',
      ],
    );
    const first = only(alerts);
    assert.deepEqual(first.loggedOnUsers, [{ accountName: 'Pat Example', domainName: 'SE-POV-DESKTOP' }]);
    assert.equal(first.relatedUser, undefined);
    assert.equal(first.rbacGroupName, undefined);
    assert.equal(first.status, 'Resolved');
    assert.equal(first.resolvedTime, '2023-04-25T22:58:00.4108067Z');
    assert.equal('domains' in first, false);
    assert.deepEqual(only(alerts, 2).mitreTechniques, ['T1055.001']);
    assert.deepEqual(only(alerts, 3).loggedOnUsers, []);
  });

  test('an empty collection (unknown user) is an empty page', () => {
    assert.deepEqual(parseAlertPage(readFixture('defender/alerts.empty.json')), { ok: true, value: { items: [], skipped: 0 } });
  });
});

describe('drift', () => {
  test('every optional field null: only the id and the empty lists remain', () => {
    assert.deepEqual(only(page('alerts.drift.nulls.json')), {
      id: 'da637472900382838870_1',
      mitreTechniques: [],
      loggedOnUsers: [],
      comments: [],
      evidence: [],
    });
  });

  test('string incidentId, comma-joined techniques, createTime, enum case and display spellings', () => {
    const a = only(page('alerts.drift.variants.json'));
    assert.equal(a.incidentId, '1126093');
    assert.equal(a.investigationId, undefined, 'a non-numeric investigationId is dropped');
    assert.equal(a.severity, 'High');
    assert.equal(a.status, 'InProgress');
    assert.equal(a.classification, 'InformationalExpectedActivity');
    assert.equal(a.determination, 'SecurityTesting');
    assert.deepEqual(a.mitreTechniques, ['T1059.001', 'T1105']);
    assert.deepEqual(a.relatedUser, { userName: 'user1' });
    assert.deepEqual(a.loggedOnUsers, [{ accountName: 'user1', domainName: 'contoso' }]);
    assert.deepEqual(a.comments, [{ comment: 'Looked at it', createdBy: 'analyst@contoso.com', createdTime: '2026-01-02T03:04:05Z' }]);
    assert.equal('newFieldFromTheFuture' in a, false);
  });

  test('values we do not know are kept as sent; retired determinations are still known', () => {
    const a = only(page('alerts.drift.variants.json'), 1);
    assert.equal(a.severity, 'Critical');
    assert.equal(a.status, 'Dismissed');
    assert.equal(a.determination, 'Apt');
    assert.equal(a.investigationState, 'SomeNewState');
    assert.equal(a.incidentId, undefined, 'a negative incident id is no id');
    assert.equal(a.relatedUser, undefined, 'a related user without userName is no user');
    assert.deepEqual(a.evidence, [{ entityType: 'Ip', ipAddress: '203.0.113.9' }], 'string processId dropped, untyped entries skipped');
  });

  test('wrong-typed fields are dropped, blank text is no text, canonical spelling of UNSPECIFIED', () => {
    const a = only(page('alerts.drift.variants.json'), 2);
    assert.deepEqual(a, {
      id: 'da637472900382838873_4',
      severity: 'UnSpecified',
      status: 'Unknown',
      mitreTechniques: ['T1003'],
      loggedOnUsers: [],
      comments: [],
      evidence: [],
    });
  });

  test('entries without a string id are skipped and counted; a page of only those is a failure', () => {
    const parsed = parseAlertPage(readFixture('defender/alerts.drift.entries-without-id.json'));
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.value.items.map((a) => a.id),
      ['da637308392288907382_-880718168'],
    );
    assert.equal(parsed.value.skipped, 3);
    const none = parseAlertPage(readFixture('defender/alerts.drift.no-usable-entries.json'));
    assert.deepEqual(none, { ok: false, reason: 'none of the 2 entries has a usable id' });
  });

  test('a single alert without an id, or not an object, is a failure', () => {
    assert.deepEqual(parseAlertBody({ title: 'x' }), { ok: false, reason: 'alert has no string "id"' });
    assert.deepEqual(parseAlertBody([]), { ok: false, reason: 'alert has no string "id"' });
    assert.equal(parseAlert(null), undefined);
  });
});

describe('hostile text', () => {
  test('titles, descriptions and comments are kept exactly as sent (escaping is the view’s job, on the whole text)', () => {
    const raw = readFixture('defender/alerts.hostile.json') as { value: Array<Record<string, unknown>> };
    const alerts = page('alerts.hostile.json');
    assert.equal(alerts.length, 3);
    for (const [i, a] of alerts.entries()) {
      assert.equal(a.title, raw.value[i]?.['title']);
      assert.equal(a.description, raw.value[i]?.['description']);
    }
    const first = only(alerts);
    assert.equal(first.comments[0]?.comment, '@channel **pwned** <at>everyone</at>');
    assert.deepEqual(first.relatedUser, { userName: '*bob*', domainName: '_corp_' });
    assert.equal(only(alerts, 1).title?.length, 620);
  });
});

describe('open or resolved', () => {
  test('only Resolved is closed; New, InProgress, Unknown, unknown values and a missing status are open', () => {
    assert.equal(isOpenAlert({ status: 'Resolved' }), false);
    for (const status of ['New', 'InProgress', 'Unknown', 'Dismissed', undefined]) {
      assert.equal(isOpenAlert({ status }), true, String(status));
    }
  });
});
