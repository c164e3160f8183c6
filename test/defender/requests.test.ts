import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DefenderError } from '../../src/defender/errors';
import {
  logonUsers,
  machine,
  machinesByHostEq,
  machinesByHostPrefix,
  machinesByIp,
  odataString,
  userMachines,
} from '../../src/defender/requests';

const BASE = 'https://api.security.microsoft.com';

/** Values a person could type that must stay one path segment / one literal. */
const HOSTILE = [
  'a/b',
  'a/../b',
  '../machines',
  '...',
  '#fragment',
  'a?x=1&y=2',
  '100%',
  '%2e%2e',
  'x%2F..%2Fy',
  'a\\b',
  'first last',
  ' leading-and-trailing ',
  'ünïcødé-müller',
  '用户',
  '🦊',
  "o'brien",
  "x' or 1 eq 1 or 'y",
  'a+b',
  'a;b,c=d',
  'line\nbreak',
  'nul\u0000byte',
];

/**
 * Reads one OData string literal starting at `start` (which must be a quote), undoing the `''`
 * escape; returns the value and the index just after the closing quote.
 */
function readLiteral(s: string, start: number): { value: string; end: number } {
  assert.equal(s[start], "'", `a literal starts at ${start} in ${s}`);
  let value = '';
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === "'") {
      if (s[i + 1] === "'") {
        value += "'";
        i++;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += s[i];
  }
  assert.fail(`unterminated literal in ${s}`);
}

function assertBadRequest(build: () => unknown): void {
  assert.throws(build, (e: unknown) => e instanceof DefenderError && e.code === 'badRequest');
}

describe('odataString', () => {
  test('quotes a value in single quotes', () => {
    assert.equal(odataString('host1'), "'host1'");
  });

  test("doubles an embedded quote: o'brien becomes 'o''brien'", () => {
    assert.equal(odataString("o'brien"), "'o''brien'");
    assert.equal(odataString("''"), "''''''");
  });

  test('an injection attempt stays one literal whose value is the input', () => {
    for (const input of ["x' or 1 eq 1", "x') or (1 eq 1", "'", "a''b", "' or computerDnsName ne '"]) {
      const literal = odataString(input);
      assert.deepEqual(readLiteral(literal, 0), { value: input, end: literal.length }, input);
    }
  });
});

describe('path requests', () => {
  const cases = [
    { build: userMachines, shape: (seg: string) => ['', 'api', 'users', seg, 'machines'] },
    { build: machine, shape: (seg: string) => ['', 'api', 'machines', seg] },
    { build: logonUsers, shape: (seg: string) => ['', 'api', 'machines', seg, 'logonusers'] },
  ];

  test('build the documented paths for ordinary values', () => {
    assert.deepEqual(userMachines('user1'), { method: 'GET', path: '/api/users/user1/machines' });
    assert.deepEqual(machine('1e5bc9d7e413ddd7902c2932e418702b84d0cc07'), {
      method: 'GET',
      path: '/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
    });
    assert.deepEqual(logonUsers('mymachine1.contoso.com'), { method: 'GET', path: '/api/machines/mymachine1.contoso.com/logonusers' });
  });

  test('encode / .. # ? % spaces and unicode so the value stays one segment and cannot change the path', () => {
    for (const { build, shape } of cases) {
      for (const input of HOSTILE) {
        const { path } = build(input);
        assert.ok(path.startsWith('/api/'), path);
        const url = new URL(BASE + path);
        assert.equal(url.origin, BASE, input);
        assert.equal(url.search, '', `no query from ${JSON.stringify(input)}`);
        assert.equal(url.hash, '', `no fragment from ${JSON.stringify(input)}`);
        const segments = url.pathname.split('/');
        const seg = segments[3] ?? '';
        assert.deepEqual(segments, shape(seg), `segments for ${JSON.stringify(input)}`);
        assert.equal(decodeURIComponent(seg), input, `round trip of ${JSON.stringify(input)}`);
      }
    }
  });

  test('refuse empty, . and .. which URL parsing would resolve away even when percent-encoded', () => {
    for (const { build } of cases) {
      for (const input of ['', '.', '..']) assertBadRequest(() => build(input));
    }
  });

  test('refuse a lone surrogate, which cannot be encoded, as badRequest', () => {
    assertBadRequest(() => userMachines('bad\uD800'));
  });
});

describe('host name filters', () => {
  function filterOf(path: string): { filter: string; top: string | null } {
    const url = new URL(BASE + path);
    assert.equal(url.pathname, '/api/machines');
    assert.equal(url.hash, '');
    assert.deepEqual([...url.searchParams.keys()], ['$filter', '$top']);
    return { filter: url.searchParams.get('$filter') ?? '', top: url.searchParams.get('$top') };
  }

  test('eq filter on computerDnsName, lowercased, with a $top', () => {
    assert.equal(
      machinesByHostEq('MyMachine1.Contoso.com').path,
      "/api/machines?$filter=computerDnsName%20eq%20'mymachine1.contoso.com'&$top=100",
    );
    assert.deepEqual(filterOf(machinesByHostEq('host1').path), { filter: "computerDnsName eq 'host1'", top: '100' });
  });

  test('startswith filter on computerDnsName, lowercased, with a $top', () => {
    assert.deepEqual(filterOf(machinesByHostPrefix('FIN-LT').path), { filter: "startswith(computerDnsName,'fin-lt')", top: '100' });
  });

  test('hostile host names stay one literal and add no query parameters', () => {
    for (const input of HOSTILE) {
      const expected = input.toLowerCase();
      const eq = filterOf(machinesByHostEq(input).path).filter;
      const eqPrefix = 'computerDnsName eq ';
      assert.ok(eq.startsWith(eqPrefix), eq);
      assert.deepEqual(readLiteral(eq, eqPrefix.length), { value: expected, end: eq.length }, input);

      const sw = filterOf(machinesByHostPrefix(input).path).filter;
      const swPrefix = 'startswith(computerDnsName,';
      assert.ok(sw.startsWith(swPrefix), sw);
      const literal = readLiteral(sw, swPrefix.length);
      assert.equal(literal.value, expected, input);
      assert.equal(sw.slice(literal.end), ')', input);
    }
  });

  test("o'brien is sent as the literal 'o''brien'", () => {
    assert.equal(filterOf(machinesByHostEq("o'brien").path).filter, "computerDnsName eq 'o''brien'");
  });
});

describe('findbyip', () => {
  test('puts the ip in a quoted literal and the timestamp as ISO without milliseconds', () => {
    assert.deepEqual(machinesByIp('10.0.0.5', new Date('2026-01-01T00:00:00.789Z')), {
      method: 'GET',
      path: "/api/machines/findbyip(ip='10.0.0.5',timestamp=2026-01-01T00:00:00Z)",
    });
  });

  test('encodes an IPv6 address', () => {
    assert.equal(
      machinesByIp('fe80::1', new Date('2026-02-14T17:40:02Z')).path,
      "/api/machines/findbyip(ip='fe80%3A%3A1',timestamp=2026-02-14T17:40:02Z)",
    );
  });

  test('an injected ip cannot close the literal, add segments, a query or a fragment', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    for (const input of [...HOSTILE, "1.2.3.4',timestamp=2020-01-01T00:00:00Z)/../../users/x/machines"]) {
      const url = new URL(BASE + machinesByIp(input, at).path);
      assert.equal(url.search, '', input);
      assert.equal(url.hash, '', input);
      const segments = url.pathname.split('/');
      assert.equal(segments.length, 4, `${JSON.stringify(input)} → ${url.pathname}`);
      const call = decodeURIComponent(segments[3] ?? '');
      const head = 'findbyip(ip=';
      assert.ok(call.startsWith(head), call);
      const literal = readLiteral(call, head.length);
      assert.equal(literal.value, input);
      assert.equal(call.slice(literal.end), ',timestamp=2026-01-01T00:00:00Z)');
    }
  });

  test('an invalid date is badRequest', () => {
    assertBadRequest(() => machinesByIp('10.0.0.5', new Date('not a date')));
  });
});
