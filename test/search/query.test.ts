import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDeviceQuery } from '../../src/search';
import { parseMachine } from '../../src/commands/normalize';

test('what the search box text is looked up as', () => {
  const cases: Array<[string, unknown]> = [
    ['NYC-app', { kind: 'hostPrefix', prefix: 'nyc-app' }],
    ['nyc-app-', { kind: 'hostPrefix', prefix: 'nyc-app-' }],
    ['pc1.contoso.', { kind: 'hostPrefix', prefix: 'pc1.contoso' }],
    ['  mymachine1.contoso.com ', { kind: 'hostPrefix', prefix: 'mymachine1.contoso.com' }],
    ['10.99.0.51', { kind: 'ip', ip: '10.99.0.51' }],
    ['1E5BC9D7E413DDD7902C2932E418702B84D0CC07', { kind: 'deviceId', id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07' }],
    ['user1@contoso.com', { kind: 'user', name: 'user1' }],
    ['CONTOSO\\jdoe', { kind: 'user', name: 'jdoe' }],
    ['user: jdoe', { kind: 'user', name: 'jdoe' }],
  ];
  for (const [typed, expected] of cases) assert.deepEqual(parseDeviceQuery(typed), expected, typed);
});

test('too short, or half an IP address: a hint, not a lookup', () => {
  for (const typed of ['', ' ', 'pc', ' p1 ', '10.99', '10.99.0', 'fe80:']) assert.equal(parseDeviceQuery(typed).kind, 'incomplete', typed);
});

test('refusals name the rule that was broken', () => {
  const cases: Array<[string, RegExp]> = [
    ["pc1'", /quotes/],
    ['pc%2f1', /%/],
    ['a/b/c', /path separator/],
    ['pc 1 x', /spaces/],
    ['a..-', /not a host name|\.\./],
    ['user1@@contoso.com', /only one @/],
    ['x'.repeat(261), /at most 260/],
  ];
  for (const [typed, reason] of cases) {
    const q = parseDeviceQuery(typed);
    assert.equal(q.kind, 'invalid', typed);
    if (q.kind === 'invalid') assert.match(q.reason, reason, typed);
  }
});

test('property: every prefix sent to Defender is lowercase letters, digits, dots and hyphens, and its head is a valid host name', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (typed) => {
      const q = parseDeviceQuery(typed);
      if (q.kind !== 'hostPrefix') return;
      assert.match(q.prefix, /^[a-z0-9][a-z0-9.-]*$/);
      assert.ok(!q.prefix.includes('..'));
      assert.ok(parseMachine(q.prefix.replace(/[-.]+$/, '')).ok, q.prefix);
    }),
    { numRuns: 3000 },
  );
});
