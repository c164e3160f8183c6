import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as util from 'node:util';
import { createDefenderClient } from '../../src/defender/client';
import type { DefenderClient, DefenderClientOptions } from '../../src/defender/client-types';
import { DefenderError, type DefenderErrorCode } from '../../src/defender/errors';
import { parseMachinePage } from '../../src/defender/parse';
import { readFixture } from '../../scripts/rig/repo-root';
import { BASE_URL, TOKEN, fakeFetch, fixture, inOrder, leakyNetworkError, text, type Behaviour, type RecordedCall } from './fake-fetch';

type Route = (url: URL, index: number) => Behaviour | undefined;

function setup(route: Route, options: Partial<DefenderClientOptions> = {}): { client: DefenderClient; calls: RecordedCall[] } {
  const fake = fakeFetch(route);
  const client = createDefenderClient({ baseUrl: BASE_URL, fetch: fake.fetch, getToken: async () => TOKEN, ...options });
  return { client, calls: fake.calls };
}

async function rejection(promise: Promise<unknown>): Promise<DefenderError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DefenderError, `expected a DefenderError, got ${util.inspect(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

/** Ids of the machines in a fixture, as the parser sees them. */
function idsIn(name: string): string[] {
  const page = parseMachinePage(readFixture(`defender/${name}`));
  assert.ok(page.ok);
  return page.value.items.map((m) => m.id);
}

function pathOf(call: RecordedCall | undefined): string {
  assert.ok(call, 'a request was made');
  const url = new URL(call.url);
  return decodeURIComponent(url.pathname + url.search);
}

describe('requests on the wire', () => {
  test('sends GET to baseUrl + path with the bearer token and Accept: application/json', async () => {
    const { client, calls } = setup(() => fixture(200, 'user-machines.legacy-2018.json'));
    await client.getUserMachines('user1');
    assert.equal(calls.length, 1);
    const [call] = calls;
    assert.ok(call);
    assert.equal(call.url, 'https://api.security.microsoft.com/api/users/user1/machines');
    assert.equal(call.method, 'GET');
    assert.deepEqual(call.headers, { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' });
    assert.ok(call.signal instanceof AbortSignal, 'every request can be aborted');
  });

  test('a trailing slash or a path prefix on baseUrl is handled', async () => {
    for (const [baseUrl, expected] of [
      ['https://api.security.microsoft.com/', 'https://api.security.microsoft.com/api/machines/abc'],
      ['http://localhost:3979/defender/', 'http://localhost:3979/defender/api/machines/abc'],
    ] as const) {
      const { client, calls } = setup(() => fixture(200, 'machine.single-2018.json'), { baseUrl });
      await client.getMachine('abc');
      assert.equal(calls[0]?.url, expected);
    }
  });

  test('asks for the token once per method call, also across pages and the host fallback', async () => {
    let tokens = 0;
    const getToken = async (): Promise<string> => {
      tokens++;
      return TOKEN;
    };
    const { client, calls } = setup(
      inOrder(
        fixture(200, 'machines.empty.json'),
        fixture(200, 'user-machines.page-1-of-2.json'),
        fixture(200, 'user-machines.page-2-of-2.json'),
      ),
      { getToken },
    );
    await client.findMachinesByHostName('device');
    assert.equal(calls.length, 3);
    assert.equal(tokens, 1);
  });

  test('a value that cannot be one path segment is badRequest, as a rejection, before any token or request', async () => {
    let tokens = 0;
    const { client, calls } = setup(() => undefined, {
      getToken: async () => {
        tokens++;
        return TOKEN;
      },
    });
    for (const call of [
      () => client.getUserMachines('..'),
      () => client.getMachine('.'),
      () => client.getLogonUsers(''),
      () => client.findMachinesByHostName('x\uDC00'),
    ]) {
      let promise: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        promise = call();
      }, 'fails asynchronously');
      assert.equal((await rejection(promise ?? Promise.resolve())).code, 'badRequest');
    }
    assert.equal(calls.length, 0);
    assert.equal(tokens, 0);
  });

  test('invalid options are refused when the client is created', () => {
    const base = { fetch: fakeFetch(() => undefined).fetch, getToken: async () => TOKEN };
    for (const options of [
      { ...base, baseUrl: 'not a url' },
      { ...base, baseUrl: 'ftp://api.security.microsoft.com' },
      { ...base, baseUrl: 'https://api.security.microsoft.com?x=1' },
      { ...base, baseUrl: 'https://user:pw@api.security.microsoft.com' },
      { ...base, baseUrl: BASE_URL, maxPages: 0 },
      { ...base, baseUrl: BASE_URL, maxPages: 2.5 },
      { ...base, baseUrl: BASE_URL, timeoutMs: -1 },
      { ...base, baseUrl: BASE_URL, timeoutMs: Number.NaN },
    ]) {
      assert.throws(() => createDefenderClient(options), TypeError, JSON.stringify(options));
    }
  });
});

describe('getUserMachines', () => {
  test('parses the legacy (2018) and the current (2025) seed answers', async () => {
    for (const name of ['user-machines.legacy-2018.json', 'user-machines.current-2025.json']) {
      const { client } = setup(() => fixture(200, name));
      const machines = await client.getUserMachines('user1');
      assert.deepEqual(
        machines.map((m) => m.id),
        idsIn(name),
      );
    }
  });

  test('an unknown user is [] both as the legacy 404 and as the current empty 200', async () => {
    for (const reply of [fixture(404, 'error.404.resource-not-found.json'), text(404, ''), fixture(200, 'machines.empty.json')]) {
      const { client } = setup(() => reply);
      assert.deepEqual(await client.getUserMachines('nobody'), []);
    }
  });

  test('an empty 200 body is invalidResponse: the API always sends a collection, so silence is not "no machines"', async () => {
    const { client } = setup(() => text(200, ''));
    const e = await rejection(client.getUserMachines('user1'));
    assert.equal(e.code, 'invalidResponse');
    assert.equal(e.status, 200);
    assert.equal(e.request, 'GET /api/users/user1/machines');
  });

  test('malformed JSON is invalidResponse', async () => {
    const { client } = setup(() => text(200, '{"value": [ {"id": "a"'));
    assert.equal((await rejection(client.getUserMachines('user1'))).code, 'invalidResponse');
  });

  test('a 200 that is not a collection is invalidResponse', async () => {
    for (const reply of [
      fixture(200, 'machines.not-a-collection.json'),
      fixture(200, 'machine.single-2018.json'),
      text(200, '[]'),
      text(200, 'null'),
    ]) {
      const { client } = setup(() => reply);
      assert.equal((await rejection(client.getUserMachines('user1'))).code, 'invalidResponse');
    }
  });

  test('a collection where no entry has an id is invalidResponse; one with some is answered with the rest', async () => {
    const bad = setup(() => fixture(200, 'machines.drift.no-usable-entries.json'));
    assert.equal((await rejection(bad.client.getUserMachines('user1'))).code, 'invalidResponse');
    const partial = setup(() => fixture(200, 'machines.drift.entries-without-id.json'));
    assert.deepEqual(
      (await partial.client.getUserMachines('user1')).map((m) => m.id),
      ['e5f60718293a4b5c6d7e8f90123456789ab0c1d2'],
    );
  });
});

describe('getMachine and getLogonUsers', () => {
  test('getMachine parses a single entity', async () => {
    const { client, calls } = setup(() => fixture(200, 'machine.single-2018.json'));
    const machine = await client.getMachine('1e5bc9d7e413ddd7902c2932e418702b84d0cc07');
    assert.equal(machine.id, '1e5bc9d7e413ddd7902c2932e418702b84d0cc07');
    assert.equal(machine.isAadJoined, true);
    assert.equal(pathOf(calls[0]), '/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07');
  });

  test('getMachine: 404 is notFound with the API code, correlation id and request', async () => {
    const { client } = setup(() => fixture(404, 'error.404.resource-not-found.json'));
    const e = await rejection(client.getMachine('host one'));
    assert.equal(e.code, 'notFound');
    assert.equal(e.status, 404);
    assert.equal(e.apiCode, 'ResourceNotFound');
    assert.equal(e.correlationId, 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c54');
    assert.equal(e.request, 'GET /api/machines/host%20one');
  });

  test('getMachine: an empty 200 or an entity without id is invalidResponse', async () => {
    for (const reply of [text(200, ''), text(200, '{"computerDnsName":"x"}'), text(200, 'not json')]) {
      const { client } = setup(() => reply);
      assert.equal((await rejection(client.getMachine('abc'))).code, 'invalidResponse');
    }
  });

  test('getLogonUsers parses the seed answer from /api/machines/{id}/logonusers', async () => {
    const { client, calls } = setup(() => fixture(200, 'logon-users.2020.json'));
    const users = await client.getLogonUsers('1e5bc9d7e413ddd7902c2932e418702b84d0cc07');
    assert.deepEqual(
      users.map((u) => [u.id, u.accountName, u.logonTypes, u.logOnMachinesCount]),
      [['contoso\\user1', 'user1', ['Interactive'], 8]],
    );
    assert.equal(pathOf(calls[0]), '/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/logonusers');
  });

  test('getLogonUsers: 404 is notFound, not an empty list (an unknown machine is not "nobody logged on")', async () => {
    const { client } = setup(() => fixture(404, 'error.404.resource-not-found.json'));
    assert.equal((await rejection(client.getLogonUsers('abc'))).code, 'notFound');
  });

  test('getLogonUsers: an empty 200 body is invalidResponse', async () => {
    const { client } = setup(() => text(200, ''));
    assert.equal((await rejection(client.getLogonUsers('abc'))).code, 'invalidResponse');
  });
});

describe('findMachinesByHostName', () => {
  test('asks eq first and stops when it finds something', async () => {
    const { client, calls } = setup(() => fixture(200, 'machines.list-aad-joined-2018.json'));
    const found = await client.findMachinesByHostName('MyMachine1.contoso.com');
    assert.equal(found.length, 2);
    assert.deepEqual(calls.map(pathOf), ["/api/machines?$filter=computerDnsName eq 'mymachine1.contoso.com'&$top=100"]);
  });

  test('falls back to startswith when eq finds nothing', async () => {
    const { client, calls } = setup(inOrder(fixture(200, 'machines.empty.json'), fixture(200, 'machines.list-aad-joined-2018.json')));
    const found = await client.findMachinesByHostName('mymachine');
    assert.equal(found.length, 2);
    assert.deepEqual(calls.map(pathOf), [
      "/api/machines?$filter=computerDnsName eq 'mymachine'&$top=100",
      "/api/machines?$filter=startswith(computerDnsName,'mymachine')&$top=100",
    ]);
  });

  test('a list 404 ("no recent machines") is [] for both queries', async () => {
    const { client, calls } = setup(() => fixture(404, 'error.404.resource-not-found.json'));
    assert.deepEqual(await client.findMachinesByHostName('ghost'), []);
    assert.equal(calls.length, 2);
  });

  test('a quote in the host name stays inside the literal on the wire', async () => {
    const { client, calls } = setup(() => fixture(200, 'machines.empty.json'));
    await client.findMachinesByHostName("x' or 1 eq 1 or 'y");
    const url = new URL(calls[0]?.url ?? '');
    assert.equal(url.searchParams.get('$filter'), "computerDnsName eq 'x'' or 1 eq 1 or ''y'");
  });

  test('other errors are not swallowed by the fallback', async () => {
    const { client, calls } = setup(() => fixture(403, 'error.403.forbidden.json'));
    assert.equal((await rejection(client.findMachinesByHostName('host'))).code, 'forbidden');
    assert.equal(calls.length, 1);
  });
});

describe('findMachinesByIp', () => {
  test('calls findbyip with the ip literal and the timestamp without milliseconds', async () => {
    const { client, calls } = setup(() => fixture(200, 'user-machines.current-2025.json'));
    const found = await client.findMachinesByIp('10.0.0.5', new Date('2026-01-01T00:00:00.250Z'));
    assert.deepEqual(
      found.map((m) => m.id),
      ['machine-1', 'machine-2'],
    );
    assert.equal(calls[0]?.url, "https://api.security.microsoft.com/api/machines/findbyip(ip='10.0.0.5',timestamp=2026-01-01T00:00:00Z)");
  });

  test('404 is []', async () => {
    const { client } = setup(() => fixture(404, 'error.404.resource-not-found.json'));
    assert.deepEqual(await client.findMachinesByIp('10.9.9.9', new Date()), []);
  });

  test('400 (timestamp outside 30 days) is badRequest with the API code', async () => {
    const { client } = setup(() => fixture(400, 'error.400.bad-request.json'));
    const e = await rejection(client.findMachinesByIp('10.0.0.5', new Date('2020-01-01T00:00:00Z')));
    assert.equal(e.code, 'badRequest');
    assert.equal(e.apiCode, 'InvalidInput');
  });
});

describe('status mapping', () => {
  const cases: { status: number; name: string; code: DefenderErrorCode; apiCode: string; correlationId: string }[] = [
    {
      status: 400,
      name: 'error.400.bad-request.json',
      code: 'badRequest',
      apiCode: 'InvalidInput',
      correlationId: '4b5f2a1e-6d8c-4f3a-9e2b-7c1d0a9f8e61',
    },
    {
      status: 401,
      name: 'error.401.unauthorized.json',
      code: 'unauthorized',
      apiCode: 'Unauthorized',
      correlationId: '8d2e6f10-3a4b-4c5d-8e9f-0a1b2c3d4e52',
    },
    {
      status: 403,
      name: 'error.403.forbidden.json',
      code: 'forbidden',
      apiCode: 'Forbidden',
      correlationId: '1f0e9d8c-7b6a-4c5d-9e8f-7a6b5c4d3e23',
    },
    {
      status: 404,
      name: 'error.404.resource-not-found.json',
      code: 'notFound',
      apiCode: 'ResourceNotFound',
      correlationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c54',
    },
    {
      status: 429,
      name: 'error.429.too-many-requests.json',
      code: 'throttled',
      apiCode: 'TooManyRequests',
      correlationId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d65',
    },
    {
      status: 500,
      name: 'error.500.internal-server-error.json',
      code: 'serverError',
      apiCode: 'InternalServerError',
      correlationId: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e76',
    },
  ];

  for (const c of cases) {
    test(`${c.status} is ${c.code} with apiCode ${c.apiCode}, the correlation id and the request without host`, async () => {
      const { client } = setup(() => fixture(c.status, c.name, c.status === 429 ? { 'Retry-After': '23' } : {}));
      const e = await rejection(client.getMachine('abc'));
      assert.equal(e.code, c.code);
      assert.equal(e.status, c.status);
      assert.equal(e.apiCode, c.apiCode);
      assert.equal(e.correlationId, c.correlationId);
      assert.equal(e.request, 'GET /api/machines/abc');
      assert.equal(e.retryAfterSeconds, c.status === 429 ? 23 : undefined);
      assert.ok(!e.message.includes('api.security.microsoft.com'), e.message);
    });
  }

  test('429 with Retry-After as an HTTP date gives the seconds until then', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const { client } = setup(() => fixture(429, 'error.429.too-many-requests.json', { 'Retry-After': at }));
    const e = await rejection(client.getMachine('abc'));
    assert.equal(e.code, 'throttled');
    assert.ok(e.retryAfterSeconds !== undefined && e.retryAfterSeconds >= 115 && e.retryAfterSeconds <= 121, String(e.retryAfterSeconds));
  });

  test('429 without Retry-After has no retryAfterSeconds', async () => {
    const { client } = setup(() => fixture(429, 'error.429.too-many-requests.json'));
    const e = await rejection(client.getUserMachines('user1'));
    assert.equal(e.code, 'throttled');
    assert.equal(e.retryAfterSeconds, undefined);
  });

  test('other 5xx, with a proxy HTML body and no envelope, are serverError without apiCode', async () => {
    for (const status of [502, 503, 504]) {
      const { client } = setup(() => ({
        status,
        headers: { 'Content-Type': 'text/html', 'Retry-After': '5' },
        body: '<html>Bad Gateway</html>',
      }));
      const e = await rejection(client.getMachine('abc'));
      assert.equal(e.code, 'serverError');
      assert.equal(e.status, status);
      assert.equal(e.apiCode, undefined);
      assert.equal(e.correlationId, undefined);
    }
  });

  test('other 4xx are badRequest with their status; a 3xx is invalidResponse', async () => {
    const gone = setup(() => text(405, '{"error":{"code":"MethodNotAllowed"}}'));
    const e = await rejection(gone.client.getMachine('abc'));
    assert.deepEqual([e.code, e.status, e.apiCode], ['badRequest', 405, 'MethodNotAllowed']);
    const moved = setup(() => ({ status: 302, headers: { Location: 'https://elsewhere.example/' } }));
    assert.equal((await rejection(moved.client.getMachine('abc'))).code, 'invalidResponse');
  });
});

describe('network failures and timeouts', () => {
  test('a network error is unreachable, keeping the error name and errno code in the cause', async () => {
    const { client } = setup(() => ({ kind: 'networkError', error: leakyNetworkError() }));
    const e = await rejection(client.getUserMachines('user1'));
    assert.equal(e.code, 'unreachable');
    assert.equal(e.request, 'GET /api/users/user1/machines');
    assert.ok(e.cause instanceof Error);
    assert.equal(e.cause.name, 'TypeError');
    const inner = e.cause.cause;
    assert.ok(inner instanceof Error);
    assert.equal((inner as Error & { code?: unknown }).code, 'ECONNRESET');
    assert.match(inner.message, /ECONNRESET/);
  });

  test('a connection reset while reading the body is unreachable', async () => {
    const { client } = setup(() => ({ kind: 'bodyFails', status: 200, error: leakyNetworkError() }));
    assert.equal((await rejection(client.getMachine('abc'))).code, 'unreachable');
  });

  test('no answer within timeoutMs is timeout, and the request is aborted', async () => {
    const { client, calls } = setup(() => ({ kind: 'hang' }), { timeoutMs: 30 });
    const e = await rejection(client.getMachine('abc'));
    assert.equal(e.code, 'timeout');
    assert.equal(e.request, 'GET /api/machines/abc');
    assert.equal(calls[0]?.signal?.aborted, true);
  });

  test('a fetch that ignores the abort signal still times out', async () => {
    const { client } = setup(() => ({ kind: 'hangIgnoringAbort' }), { timeoutMs: 30 });
    assert.equal((await rejection(client.getUserMachines('user1'))).code, 'timeout');
  });

  test('a body that never finishes arriving times out', async () => {
    const { client } = setup(() => ({ kind: 'bodyHangs', status: 200 }), { timeoutMs: 30 });
    assert.equal((await rejection(client.getLogonUsers('abc'))).code, 'timeout');
  });

  test("timeoutMs 'none' leaves the timing to the fetch: the request carries no signal of the client's", async () => {
    const { client, calls } = setup(() => fixture(200, 'user-machines.legacy-2018.json'), { timeoutMs: 'none' });
    await client.getUserMachines('user1');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.signal, undefined);
  });

  test('a failing getToken is unauthorized and sends nothing', async () => {
    const { client, calls } = setup(() => undefined, {
      getToken: async () => {
        throw new Error('interaction_required');
      },
    });
    const e = await rejection(client.getMachine('abc'));
    assert.equal(e.code, 'unauthorized');
    assert.equal(calls.length, 0);
  });

  test('a DefenderError from getToken passes through unchanged', async () => {
    const own = new DefenderError('unauthorized', 'sign in first');
    const { client } = setup(() => undefined, {
      getToken: async () => {
        throw own;
      },
    });
    assert.equal(await rejection(client.getMachine('abc')), own);
  });
});

describe('paging through @odata.nextLink', () => {
  const NEXT = 'https://api.security.microsoft.com/api/users/user1/machines?$skiptoken=eyJwYWdlIjoyfQ%3D%3D';

  test('follows nextLink exactly as given, with the token, and concatenates the pages', async () => {
    const { client, calls } = setup(
      inOrder(fixture(200, 'user-machines.page-1-of-2.json'), fixture(200, 'user-machines.page-2-of-2.json')),
    );
    const machines = await client.getUserMachines('user1');
    assert.deepEqual(
      machines.map((m) => m.id),
      ['machine-1', 'machine-2'],
    );
    assert.equal(calls.length, 2);
    assert.equal(calls[1]?.url, NEXT);
    assert.equal(calls[1]?.headers['Authorization'], `Bearer ${TOKEN}`);
  });

  test('stops at maxPages with tooManyPages', async () => {
    const { client, calls } = setup(
      inOrder(fixture(200, 'user-machines.page-1-of-2.json'), fixture(200, 'user-machines.page-2-of-2.json')),
      { maxPages: 1 },
    );
    const e = await rejection(client.getUserMachines('user1'));
    assert.equal(e.code, 'tooManyPages');
    assert.equal(calls.length, 1);
  });

  test('an endless chain is cut after the default 10 pages', async () => {
    const { client, calls } = setup(() => fixture(200, 'user-machines.page-1-of-2.json'));
    const e = await rejection(client.getUserMachines('user1'));
    assert.equal(e.code, 'tooManyPages');
    assert.equal(calls.length, 10);
  });

  test('a nextLink to another origin is refused as invalidResponse and never requested', async () => {
    const foreign = [
      fixture(200, 'user-machines.page-foreign-next-link.json'),
      text(200, JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': 'http://api.security.microsoft.com/api/machines?$skiptoken=2' })),
      text(200, JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': 'https://api.security.microsoft.com:8443/api/machines' })),
      text(200, JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': '//attacker.example/api/machines' })),
      text(200, JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': '/api/machines?$skiptoken=2' })),
    ];
    for (const first of foreign) {
      const { client, calls } = setup(inOrder(first));
      const e = await rejection(client.getUserMachines('user1'));
      assert.equal(e.code, 'invalidResponse');
      assert.equal(calls.length, 1);
    }
  });

  test('a 404 on a later page is notFound, not an empty answer', async () => {
    const { client } = setup(inOrder(fixture(200, 'user-machines.page-1-of-2.json'), fixture(404, 'error.404.resource-not-found.json')));
    const e = await rejection(client.getUserMachines('user1'));
    assert.equal(e.code, 'notFound');
    assert.equal(e.request, 'GET /api/users/user1/machines?$skiptoken=eyJwYWdlIjoyfQ%3D%3D');
  });
});

/** Every own property (enumerable or not) of an error and its causes, as plain data. */
function everything(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return typeof value === 'function' ? String(value) : value;
  const out: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(value)) {
    out[key] = everything((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

describe('the token never appears in an error', () => {
  const scenarios: [string, Route, Partial<DefenderClientOptions>?][] = [
    ['network error carrying the headers', () => ({ kind: 'networkError', error: leakyNetworkError() })],
    ['body read failure carrying the headers', () => ({ kind: 'bodyFails', status: 200, error: leakyNetworkError() })],
    ['a thrown string holding the token', () => ({ kind: 'networkError', error: `socket hang up, Authorization: Bearer ${TOKEN}` })],
    ['a thrown plain object holding the token', () => ({ kind: 'networkError', error: { headers: { Authorization: `Bearer ${TOKEN}` } } })],
    [
      '401 whose message echoes the token',
      () => text(401, JSON.stringify({ error: { code: 'Unauthorized', message: `token ${TOKEN} expired`, target: 'x' } })),
    ],
    ['429', () => fixture(429, 'error.429.too-many-requests.json', { 'Retry-After': '5' })],
    ['500', () => fixture(500, 'error.500.internal-server-error.json')],
    ['malformed JSON', () => text(200, '{')],
    ['timeout', () => ({ kind: 'hang' }), { timeoutMs: 20 }],
    ['tooManyPages', () => fixture(200, 'user-machines.page-1-of-2.json'), { maxPages: 2 }],
    ['foreign nextLink', () => fixture(200, 'user-machines.page-foreign-next-link.json')],
    [
      'getToken failing with a bearer header in its message',
      () => undefined,
      {
        getToken: async () => {
          throw new Error(`AADSTS50013: Authorization: Bearer ${TOKEN}`);
        },
      },
    ],
  ];

  for (const [name, route, options] of scenarios) {
    test(`${name}: absent from util.inspect and JSON of the error and its causes`, async () => {
      const { client } = setup(route, options);
      const e = await rejection(client.getUserMachines('user1'));
      const renderings = [
        util.inspect(e, { depth: Infinity, showHidden: true }),
        JSON.stringify(e),
        JSON.stringify(everything(e)),
        String(e),
        e.stack ?? '',
      ];
      for (const rendering of renderings) {
        assert.ok(!rendering.includes(TOKEN), `${name}: token in ${rendering}`);
        assert.ok(!rendering.includes('SECRET-SIGNATURE'), `${name}: token part in ${rendering}`);
        assert.doesNotMatch(rendering, /Bearer\s+(?!\[redacted\])/, `${name}: a bearer credential in ${rendering}`);
      }
    });
  }
});
