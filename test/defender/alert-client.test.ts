// The client's three alert methods against a wire-level fake of the Defender API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as util from 'node:util';
import { createDefenderClient } from '../../src/defender/client';
import type { DefenderClient } from '../../src/defender/client-types';
import { DefenderError } from '../../src/defender/errors';
import { BASE_URL, TOKEN, fakeFetch, fixture, inOrder, text, type Behaviour, type RecordedCall } from './fake-fetch';

const MACHINE = '12ee6dd8c833c8a052ea231ec1b19adaf497b625';

type Route = (url: URL, index: number) => Behaviour | undefined;

function setup(route: Route, onToken?: () => void): { client: DefenderClient; calls: RecordedCall[] } {
  const fake = fakeFetch(route);
  const getToken = async (): Promise<string> => {
    onToken?.();
    return TOKEN;
  };
  return { client: createDefenderClient({ baseUrl: BASE_URL, fetch: fake.fetch, getToken }), calls: fake.calls };
}

async function rejection(promise: Promise<unknown>): Promise<DefenderError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DefenderError, `expected a DefenderError, got ${util.inspect(e)}`);
    assert.ok(!util.inspect(e, { depth: 10 }).includes(TOKEN), 'the token is not in the error');
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('getMachineAlerts', () => {
  test('GET /api/machines/{id}/alerts with the bearer token; the alerts parsed', async () => {
    const { client, calls } = setup(() => fixture(200, 'alerts.list-2020.json'));
    const alerts = await client.getMachineAlerts(MACHINE);
    assert.deepEqual(
      calls.map((c) => [c.method, c.url, c.headers['Authorization']]),
      [['GET', `${BASE_URL}/api/machines/${MACHINE}/alerts`, `Bearer ${TOKEN}`]],
    );
    assert.deepEqual(
      alerts.map((a) => [a.id, a.severity, a.status, a.incidentId]),
      [['da637308392288907382_-880718168', 'Low', 'New', '7587']],
    );
  });

  test('404 is notFound (no such machine visible to you), never an empty list', async () => {
    const { client } = setup(() => fixture(404, 'error.404.resource-not-found.json'));
    const e = await rejection(client.getMachineAlerts('pc1.contoso.com'));
    assert.equal(e.code, 'notFound');
    assert.equal(e.apiCode, 'ResourceNotFound');
    assert.equal(e.request, 'GET /api/machines/pc1.contoso.com/alerts');
  });

  test('follows @odata.nextLink and concatenates the pages', async () => {
    const { client, calls } = setup(inOrder(fixture(200, 'alerts.page-1-of-2.json'), fixture(200, 'alerts.page-2-of-2.json')));
    const alerts = await client.getMachineAlerts(MACHINE);
    assert.equal(calls.length, 2);
    assert.equal(calls[1]?.url, `${BASE_URL}/api/machines/${MACHINE}/alerts?$skip=1`);
    assert.deepEqual(
      alerts.map((a) => a.id),
      ['da637308392288907382_-880718168', 'ar638180599315648136_73827727'],
    );
  });

  test('an empty 200 body or a body that is not a collection is invalidResponse', async () => {
    for (const reply of [text(200, ''), text(200, '{"value":{"id":"x"}}'), fixture(200, 'alerts.drift.no-usable-entries.json')]) {
      const { client } = setup(() => reply);
      assert.equal((await rejection(client.getMachineAlerts(MACHINE))).code, 'invalidResponse');
    }
  });
});

describe('getUserAlerts', () => {
  test('GET /api/users/{name}/alerts; the documented 200 empty and a 404 are both []', async () => {
    for (const reply of [fixture(200, 'alerts.empty.json'), fixture(404, 'error.404.resource-not-found.json')]) {
      const { client, calls } = setup(() => reply);
      assert.deepEqual(await client.getUserAlerts('no-such-user'), []);
      assert.equal(calls[0]?.url, `${BASE_URL}/api/users/no-such-user/alerts`);
    }
  });

  test('the alerts of a known user are parsed', async () => {
    const { client } = setup(() => fixture(200, 'alerts.recorded-2023.json'));
    const alerts = await client.getUserAlerts('user1');
    assert.equal(alerts.length, 4);
    assert.deepEqual(alerts[0]?.loggedOnUsers, [{ accountName: 'Pat Example', domainName: 'SE-POV-DESKTOP' }]);
  });

  test('403 (no Alert.Read consent, or no Defender role) is forbidden with the API code', async () => {
    const { client } = setup(() => fixture(403, 'error.403.forbidden.json'));
    const e = await rejection(client.getUserAlerts('user1'));
    assert.equal(e.code, 'forbidden');
    assert.equal(e.status, 403);
    assert.equal(e.apiCode, 'Forbidden');
  });
});

describe('getAlert', () => {
  test('GET /api/alerts/{id}; the single entity parsed with its evidence', async () => {
    const { client, calls } = setup(() => fixture(200, 'alerts.single-2021.json'));
    const alert = await client.getAlert('Da637472900382838869_1364969609');
    assert.equal(calls[0]?.url, `${BASE_URL}/api/alerts/da637472900382838869_1364969609`, 'sent in lower case');
    assert.equal(alert.id, 'da637472900382838869_1364969609');
    assert.deepEqual(
      alert.evidence.map((e) => e.entityType),
      ['User', 'Process', 'File'],
    );
  });

  test('404 is notFound with the correlation id', async () => {
    const { client } = setup(() => fixture(404, 'error.404.resource-not-found.json'));
    const e = await rejection(client.getAlert('da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1'));
    assert.equal(e.code, 'notFound');
    assert.equal(e.correlationId, 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c54');
    assert.equal(e.request, 'GET /api/alerts/da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1');
  });

  test('a body without an id, or an empty 200, is invalidResponse', async () => {
    for (const reply of [text(200, '{"title":"no id"}'), text(200, '')]) {
      const { client } = setup(() => reply);
      assert.equal((await rejection(client.getAlert('da637472900382838869_1364969609'))).code, 'invalidResponse');
    }
  });

  test('something that is not an alert id is refused as a rejection, with no token asked and no request made', async () => {
    let tokens = 0;
    const { client, calls } = setup(
      () => undefined,
      () => tokens++,
    );
    for (const id of ['', '..', '../machines', 'pc1', 'da637472900382838869_1364969609/../../machines', '1126093']) {
      let promise: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        promise = client.getAlert(id);
      });
      const e = await rejection(promise ?? Promise.resolve());
      assert.equal(e.code, 'badRequest');
    }
    assert.equal(calls.length, 0);
    assert.equal(tokens, 0);
  });

  test('429 carries Retry-After; 500 is serverError', async () => {
    const throttle = fixture(429, 'error.429.too-many-requests.json', { 'Retry-After': '17' });
    const { client } = setup(inOrder(throttle, fixture(500, 'error.500.internal-server-error.json')));
    const throttled = await rejection(client.getAlert('da637472900382838869_1364969609'));
    assert.equal(throttled.code, 'throttled');
    assert.equal(throttled.retryAfterSeconds, 17);
    assert.equal((await rejection(client.getAlert('da637472900382838869_1364969609'))).code, 'serverError');
  });
});
