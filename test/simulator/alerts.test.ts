// The simulated tenant's alert endpoints: wire format, the demo facts, device-group visibility (an
// analyst never sees an alert on a machine outside their groups, in a list or by id), and the same
// authentication, budget and faults as every other endpoint.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALERT_SEVERITIES, ALERT_STATUSES, createDefenderClient, DefenderError, isAlertId } from '../../src/defender';
import { parseAlertPage } from '../../src/defender/alert-parse';
import { PERSONAS, demoToken, machineVisibility, type PersonaId, type SimulatorHandle, type WireMachine } from '../../src/simulator';
import {
  ALERTS_BUSY_MACHINE,
  ALERT_ID_SHAPES,
  DRIFTED_ALERT_ID,
  HOSTILE_ALERT_IDS,
  MACHINE_WITHOUT_ALERTS,
  MARKDOWN_MACHINE,
  SEED_MACHINE_IDS,
  UNKNOWN_ALERT_ID,
  UNKNOWN_USER,
  USER1_INCIDENT,
  USER1_OTHER_ALERTS,
} from '../../src/simulator/data/facts';
import type { WireAlert } from '../../src/simulator/data/types';
import { call, errorCode, record, startTestSim, values } from './helpers';

const PERSONA_LIST: readonly PersonaId[] = ['soc-lead', 'analyst-emea', 'analyst-us'];
const BUSY = ALERTS_BUSY_MACHINE.machineId;

let sim: SimulatorHandle;
before(async () => {
  // A budget no test here can exhaust: visibility is checked alert by alert.
  sim = await startTestSim({ limits: { perMinute: 100_000, perHour: 100_000 } });
});
after(() => sim.close());

function alertIds(reply: Awaited<ReturnType<typeof call>>): string[] {
  return values(reply).map((a) => String(a.id));
}

function machineOf(a: WireAlert): WireMachine {
  const m = sim.data.machines.find((x) => x.id === a.machineId);
  assert.ok(m, `alert ${a.id} is on a machine of the tenant`);
  return m;
}

function visibleTo(persona: PersonaId): (a: WireAlert) => boolean {
  const visible = machineVisibility(PERSONAS[persona], sim.data.groups);
  return (a) => visible(machineOf(a));
}

describe('the demo data', () => {
  test('every alert id has a documented shape (so every drill-down is a valid "alert <id>") and none repeats', () => {
    const ids = sim.data.alerts.map((a) => a.id);
    assert.ok(ids.length >= 60, `${ids.length} alerts`);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(isAlertId(id), id);
    assert.ok(!ids.includes(UNKNOWN_ALERT_ID) && isAlertId(UNKNOWN_ALERT_ID));
  });

  test('the busy machine has more alerts than one card page, with every severity and every status', async () => {
    const alerts = values(await call(sim, `/api/machines/${BUSY}/alerts`));
    assert.equal(alerts.length, ALERTS_BUSY_MACHINE.alertCount);
    assert.ok(alerts.length > 10);
    assert.deepEqual(new Set(alerts.map((a) => a.severity)), new Set(ALERT_SEVERITIES));
    assert.deepEqual(new Set(alerts.map((a) => a.status)), new Set(ALERT_STATUSES));
    for (const id of [...Object.values(ALERT_ID_SHAPES), DRIFTED_ALERT_ID, USER1_INCIDENT.alertIds.onMymachine1]) {
      assert.ok(
        alerts.some((a) => a.id === id),
        id,
      );
    }
  });

  test('incidents group several alerts, one of them across four machines in three device groups', () => {
    const byIncident = new Map<number, WireAlert[]>();
    for (const a of sim.data.alerts) if (a.incidentId !== null) byIncident.set(a.incidentId, [...(byIncident.get(a.incidentId) ?? []), a]);
    const grouped = [...byIncident.values()].filter((list) => list.length > 1);
    assert.ok(grouped.length >= 5, `${grouped.length} incidents with several alerts`);
    const incident = byIncident.get(USER1_INCIDENT.incidentId) ?? [];
    assert.deepEqual(incident.map((a) => a.id).sort(), Object.values(USER1_INCIDENT.alertIds).sort());
    assert.equal(new Set(incident.map((a) => a.machineId)).size, 4);
    assert.equal(new Set(incident.map((a) => machineOf(a).rbacGroupId)).size, 4);
  });

  test('hostile text: Markdown and HTML in titles and comments, a 600-character title, a long description', () => {
    const byId = new Map(sim.data.alerts.map((a) => [a.id, a]));
    const md = byId.get(HOSTILE_ALERT_IDS.markdownTitle);
    assert.match(md?.title ?? '', /\*\*URGENT\*\* \[.*\]\(http:\/\/evil\.example\/login\) <img/);
    assert.match(md?.comments[0]?.comment ?? '', /<at>everyone<\/at>/);
    assert.equal(byId.get(HOSTILE_ALERT_IDS.longTitle)?.title.length, 600);
    assert.ok((byId.get(HOSTILE_ALERT_IDS.htmlDescription)?.description.length ?? 0) > 5_000);
    for (const id of Object.values(HOSTILE_ALERT_IDS)) assert.equal(byId.get(id)?.machineId, MARKDOWN_MACHINE.machineId);
  });

  test('drift: the oldest shape lacks detectorId, loggedOnUsers and domains, mitreTechniques null; newer ones have them', async () => {
    const old = record((await call(sim, `/api/alerts/${DRIFTED_ALERT_ID}`)).json);
    for (const key of ['detectorId', 'loggedOnUsers', 'domains']) assert.equal(key in old, false, key);
    assert.equal(old.mitreTechniques, null);
    assert.equal(old.severity, 'UnSpecified');
    assert.equal(old.status, 'Unknown');
    const current = record((await call(sim, `/api/alerts/${USER1_INCIDENT.alertIds.onMymachine1}`)).json);
    assert.deepEqual(Object.keys(current).slice(0, 12), [
      '@odata.context',
      'id',
      'incidentId',
      'investigationId',
      'assignedTo',
      'severity',
      'status',
      'classification',
      'determination',
      'investigationState',
      'detectionSource',
      'detectorId',
    ]);
    assert.deepEqual(current.domains, []);
    assert.ok(Array.isArray(current.loggedOnUsers) && current.loggedOnUsers.length > 0);
    assert.ok(sim.data.alerts.filter((a) => a.mitreTechniques === null).length > 1, 'more than the one named drifted alert');
  });

  test('every alert the tenant serves parses with the client’s parser, none skipped', async () => {
    const reply = await call(sim, `/api/machines/${BUSY}/alerts`);
    const parsed = parseAlertPage(reply.json);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.skipped, 0);
    const all = parseAlertPage({ value: sim.data.alerts });
    assert.ok(all.ok);
    assert.equal(all.value.items.length, sim.data.alerts.length);
  });
});

describe('wire format', () => {
  test('lists are OData collections of #Alerts with empty evidence; one alert is #Alerts/$entity with its evidence', async () => {
    const list = record((await call(sim, `/api/machines/${BUSY}/alerts`)).json);
    assert.equal(list['@odata.context'], 'https://api.securitycenter.microsoft.com/api/$metadata#Alerts');
    assert.ok(Array.isArray(list.value));
    for (const a of list.value.map(record)) assert.deepEqual(a.evidence, []);
    const one = await call(sim, `/api/alerts/${USER1_INCIDENT.alertIds.onMymachine1}`);
    assert.equal(one.status, 200);
    assert.match(one.headers.get('content-type') ?? '', /^application\/json; odata\.metadata=minimal/);
    const body = record(one.json);
    assert.equal(body['@odata.context'], 'https://api.securitycenter.microsoft.com/api/$metadata#Alerts/$entity');
    assert.deepEqual(
      (body.evidence as unknown[]).map((e) => record(e).entityType),
      ['User', 'Process', 'File'],
    );
    assert.deepEqual(body.relatedUser, { userName: 'user1', domainName: 'CONTOSO' });
  });

  test('by computer name as well as device id, case-insensitive; the alert id case-insensitive too', async () => {
    const byName = alertIds(await call(sim, '/api/machines/MyMachine1.contoso.com/alerts'));
    assert.deepEqual(byName, alertIds(await call(sim, `/api/machines/${BUSY}/alerts`)));
    const upper = USER1_INCIDENT.alertIds.onMymachine1.toUpperCase();
    assert.equal(record((await call(sim, `/api/alerts/${upper}`)).json).id, USER1_INCIDENT.alertIds.onMymachine1);
  });

  test('$top and $skip page the lists; $filter is refused there with 400 ODataError', async () => {
    const all = alertIds(await call(sim, `/api/machines/${BUSY}/alerts`));
    assert.deepEqual(alertIds(await call(sim, `/api/machines/${BUSY}/alerts?$top=3&$skip=2`)), all.slice(2, 5));
    assert.equal(errorCode(await call(sim, `/api/machines/${BUSY}/alerts?$filter=severity eq 'High'`), 400), 'ODataError');
  });

  test('a visible machine without alerts is 200 []; an unknown machine 404; an unknown user 200 []; an unknown alert 404', async () => {
    assert.deepEqual(values(await call(sim, `/api/machines/${MACHINE_WITHOUT_ALERTS}/alerts`, 'analyst-us')), []);
    assert.equal(errorCode(await call(sim, '/api/machines/no-such-machine/alerts'), 404), 'ResourceNotFound');
    assert.deepEqual(values(await call(sim, `/api/users/${UNKNOWN_USER}/alerts`)), []);
    assert.equal(errorCode(await call(sim, `/api/alerts/${UNKNOWN_ALERT_ID}`), 404), 'ResourceNotFound');
  });

  test('the legacyUserNotFound fault answers 404 for an unknown user on the user alerts endpoint too', async () => {
    sim.faults.set({ kind: 'legacyUserNotFound' }, { times: 1 });
    try {
      assert.equal(errorCode(await call(sim, `/api/users/${UNKNOWN_USER}/alerts`), 404), 'ResourceNotFound');
      assert.deepEqual(values(await call(sim, `/api/users/${UNKNOWN_USER}/alerts`)), [], 'once only');
    } finally {
      sim.faults.clear();
    }
  });
});

describe('device-group visibility', () => {
  test('each analyst gets, by id, exactly the alerts on machines they can see; every other one is 404', async () => {
    for (const persona of PERSONA_LIST) {
      const visible = visibleTo(persona);
      let seen = 0;
      for (const a of sim.data.alerts) {
        const reply = await call(sim, `/api/alerts/${a.id}`, persona);
        if (visible(a)) {
          assert.equal(reply.status, 200, `${persona} ${a.id}`);
          seen++;
        } else {
          assert.equal(errorCode(reply, 404), 'ResourceNotFound', `${persona} must not see ${a.id}`);
        }
      }
      if (persona === 'soc-lead') assert.equal(seen, sim.data.alerts.length);
      else assert.ok(seen > 0 && seen < sim.data.alerts.length, `${persona} sees ${seen}`);
    }
  });

  test('a machine’s alert list is 404 outside the analyst’s groups, the same answer as an unknown machine', async () => {
    const hr = SEED_MACHINE_IDS.machine2;
    assert.equal(errorCode(await call(sim, `/api/machines/${hr}/alerts`, 'analyst-emea'), 404), 'ResourceNotFound');
    assert.deepEqual(alertIds(await call(sim, `/api/machines/${hr}/alerts`, 'analyst-us')), [USER1_INCIDENT.alertIds.onHrMachine]);
    assert.equal(errorCode(await call(sim, `/api/machines/${BUSY}/alerts`, 'analyst-us'), 404), 'ResourceNotFound');
    for (const persona of PERSONA_LIST) {
      const visible = machineVisibility(PERSONAS[persona], sim.data.groups);
      for (const m of sim.data.machines.filter((x) => sim.data.alerts.some((a) => a.machineId === x.id))) {
        const reply = await call(sim, `/api/machines/${m.id}/alerts`, persona);
        assert.equal(reply.status, visible(m) ? 200 : 404, `${persona} ${m.id}`);
      }
    }
  });

  test('a user’s alerts are filtered to the asking analyst’s groups', async () => {
    const names = [...new Set(sim.data.alerts.flatMap((a) => (a.relatedUser === null ? [] : [a.relatedUser.userName])))];
    assert.ok(names.length > 10);
    for (const persona of PERSONA_LIST) {
      const visible = visibleTo(persona);
      for (const name of names) {
        const expected = sim.data.alerts.filter((a) => a.relatedUser?.userName === name && visible(a)).map((a) => a.id);
        assert.deepEqual(alertIds(await call(sim, `/api/users/${name}/alerts`, persona)), expected, `${persona} ${name}`);
      }
    }
    const emea = alertIds(await call(sim, '/api/users/USER1/alerts', 'analyst-emea'));
    assert.ok(emea.includes(USER1_INCIDENT.alertIds.onMymachine1));
    for (const hidden of [USER1_INCIDENT.alertIds.onHrMachine, USER1_OTHER_ALERTS.onTier0Paw, USER1_OTHER_ALERTS.onUsAppServer]) {
      assert.ok(!emea.includes(hidden), hidden);
    }
    assert.ok(alertIds(await call(sim, '/api/users/user1/alerts', 'soc-lead')).includes(USER1_OTHER_ALERTS.onTier0Paw));
  });

  test('no-role gets 403 and a missing token 401 on all three endpoints', async () => {
    for (const path of [`/api/machines/${BUSY}/alerts`, '/api/users/user1/alerts', `/api/alerts/${USER1_INCIDENT.alertIds.onMymachine1}`]) {
      assert.equal(errorCode(await call(sim, path, 'no-role'), 403), 'Forbidden', path);
      assert.equal(errorCode(await call(sim, path, null), 401), 'Unauthorized', path);
    }
  });
});

describe('budget, faults and the real client', () => {
  test('each alert endpoint has its own budget, and is counted in the call log under its own key', async () => {
    const small = await startTestSim({ limits: { perMinute: 2, perHour: 100 } });
    try {
      for (let i = 0; i < 2; i++) assert.equal((await call(small, `/api/alerts/${DRIFTED_ALERT_ID}`)).status, 200);
      const refused = await call(small, `/api/alerts/${DRIFTED_ALERT_ID}`);
      assert.equal(errorCode(refused, 429), 'TooManyRequests');
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal((await call(small, `/api/machines/${BUSY}/alerts`)).status, 200, 'another endpoint, another budget');
      assert.equal((await call(small, '/api/users/user1/alerts')).status, 200);
      const counts = small.calls.byEndpoint();
      assert.deepEqual([counts['alerts/{id}'], counts['machines/{id}/alerts'], counts['users/{name}/alerts']], [3, 1, 1]);
      assert.deepEqual(small.budget.usage('alerts/{id}'), { lastMinute: 2, lastHour: 2 });
    } finally {
      await small.close();
    }
  });

  test('the real client: lists across nextLink pages, one alert, notFound outside one’s groups, faults as DefenderError', async () => {
    const paged = await startTestSim({ serverPageSize: 5 });
    try {
      const client = (persona: PersonaId) => createDefenderClient({ baseUrl: paged.url, fetch, getToken: async () => demoToken(persona) });
      const lead = client('soc-lead');
      const alerts = await lead.getMachineAlerts(BUSY);
      assert.equal(alerts.length, ALERTS_BUSY_MACHINE.alertCount);
      assert.equal(paged.calls.byEndpoint()['machines/{id}/alerts'], 3, 'three pages of five');
      const one = await lead.getAlert(USER1_INCIDENT.alertIds.onMymachine1);
      assert.equal(one.incidentId, String(USER1_INCIDENT.incidentId));
      assert.deepEqual(one.relatedUser, { userName: 'user1', domainName: 'CONTOSO' });
      assert.ok(one.evidence.length === 3 && one.loggedOnUsers.length > 0);
      assert.deepEqual(await lead.getUserAlerts(UNKNOWN_USER), []);

      const emea = client('analyst-emea');
      const hidden = await emea.getAlert(USER1_INCIDENT.alertIds.onHrMachine).catch((e: unknown) => e);
      assert.ok(hidden instanceof DefenderError && hidden.code === 'notFound');
      const hiddenList = await emea.getMachineAlerts(SEED_MACHINE_IDS.machine2).catch((e: unknown) => e);
      assert.ok(hiddenList instanceof DefenderError && hiddenList.code === 'notFound');

      paged.faults.set({ kind: 'wrongShape' }, { endpoint: 'alerts/{id}', times: 1 });
      const shape = await lead.getAlert(DRIFTED_ALERT_ID).catch((e: unknown) => e);
      assert.ok(shape instanceof DefenderError && shape.code === 'invalidResponse');
      paged.faults.set({ kind: 'status', status: 503 }, { endpoint: 'users/{name}/alerts', times: 1 });
      const down = await lead.getUserAlerts('user1').catch((e: unknown) => e);
      assert.ok(down instanceof DefenderError && down.code === 'serverError');
      assert.equal((await lead.getAlert(DRIFTED_ALERT_ID)).id, DRIFTED_ALERT_ID, 'faults used up');
    } finally {
      await paged.close();
    }
  });
});
