// The $filter subset: parsing, evaluation, and errors; unit level (no HTTP).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireMachine } from '../../src/simulator';
import { ODataFilterError, matchesFilter, parseFilter } from '../../src/simulator/odata-filter';

const machine: WireMachine = {
  id: 'abc123',
  computerDnsName: 'mymachine1.contoso.com',
  lastSeen: '2026-03-02T09:00:00.1234567Z',
  osPlatform: 'Windows11',
  version: '23H2',
  healthStatus: 'Active',
  rbacGroupId: 140,
  riskScore: null,
  aadDeviceId: null,
  machineTags: ['VIP', "bob's box", '[click](http://x)'],
};
const seedStyle: WireMachine = { id: 'machine-1', rbacGroupId: 'group-fin-001', computerDnsName: 'device1.corp.example.com' };

function matches(filter: string, m: WireMachine = machine): boolean {
  return matchesFilter(parseFilter(filter), m);
}

describe('operators', () => {
  test('eq and ne on strings; computerDnsName compares case-insensitively, other fields exactly', () => {
    assert.equal(matches("computerDnsName eq 'MYMACHINE1.contoso.com'"), true);
    assert.equal(matches("computerDnsName ne 'mymachine1.contoso.com'"), false);
    assert.equal(matches("healthStatus eq 'active'"), false);
    assert.equal(matches("healthStatus eq 'Active'"), true);
    assert.equal(matches("osPlatform ne 'Windows10'"), true);
  });

  test('startswith on a property, case-insensitive for computerDnsName', () => {
    assert.equal(matches("startswith(computerDnsName,'MyMachine')"), true);
    assert.equal(matches("startswith(computerDnsName, 'other')"), false);
    assert.equal(matches("startswith(osPlatform,'windows')"), false);
  });

  test('machineTags/any with a lambda, including startswith in the body and the empty any()', () => {
    assert.equal(matches("machineTags/any(t: t eq 'VIP')"), true);
    assert.equal(matches("machineTags/any(tag: tag eq 'vip')"), false);
    assert.equal(matches("machineTags/any(t: startswith(t,'[click]'))"), true);
    assert.equal(matches('machineTags/any()'), true);
    assert.equal(matches('machineTags/any()', seedStyle), false);
  });

  test('a doubled quote inside a literal is one quote, so a value cannot break out of its literal', () => {
    assert.equal(matches("machineTags/any(t: t eq 'bob''s box')"), true);
    assert.equal(matches("computerDnsName eq 'x'' or id ne ''y'"), false);
    assert.deepEqual(parseFilter("id eq 'a''b'''"), {
      kind: 'compare',
      op: 'eq',
      left: { kind: 'field', field: 'id' },
      right: { type: 'string', value: "a'b'" },
    });
  });

  test('and, or, not and parentheses, with and binding tighter than or', () => {
    assert.equal(matches("healthStatus eq 'Active' and osPlatform eq 'Windows11'"), true);
    assert.equal(matches("healthStatus eq 'Inactive' and osPlatform eq 'Windows11' or id eq 'abc123'"), true);
    assert.equal(matches("healthStatus eq 'Inactive' and (osPlatform eq 'Windows11' or id eq 'abc123')"), false);
    assert.equal(matches("not (healthStatus eq 'Inactive')"), true);
    assert.equal(matches("((id eq 'abc123'))"), true);
  });

  test('null literals match missing and null values', () => {
    assert.equal(matches('riskScore eq null'), true);
    assert.equal(matches('exposureLevel eq null'), true, 'absent counts as null');
    assert.equal(matches('aadDeviceId ne null'), false);
    assert.equal(matches("riskScore ne 'High'"), true);
    assert.equal(matches("riskScore eq 'High'"), false);
  });

  test("rbacGroupId takes a number literal, and a string literal for the seed's string ids", () => {
    assert.equal(matches('rbacGroupId eq 140'), true);
    assert.equal(matches('rbacGroupId eq 141'), false);
    assert.equal(matches('rbacGroupId gt 100'), true);
    assert.equal(matches("rbacGroupId eq 'group-fin-001'", seedStyle), true);
    assert.equal(matches('rbacGroupId eq 140', seedStyle), false);
  });

  test('lastSeen compares with unquoted date-times', () => {
    assert.equal(matches('lastSeen gt 2026-03-01T00:00:00Z'), true);
    assert.equal(matches('lastSeen lt 2026-03-02T09:00:00Z'), false);
    assert.equal(matches('lastSeen ge 2026-03-02T09:00:00.123Z'), true);
    assert.equal(matches('lastSeen ge 2026-03-02'), true);
  });
});

describe('errors', () => {
  const bad: Array<[string, RegExp]> = [
    ["nosuchfield eq 'x'", /Could not find a property named 'nosuchfield'/],
    ["ComputerDnsName eq 'x'", /Could not find a property/],
    ["computerDnsName eq 'x", /unterminated/],
    ['computerDnsName eq', /expected a literal/],
    ["computerDnsName 'x'", /comparison operator/],
    ["computerDnsName like 'x'", /comparison operator/],
    ['computerDnsName eq 5', /incompatible types/],
    ['rbacGroupId eq 2026-01-01T00:00:00Z', /incompatible types/],
    ["lastSeen gt 'yesterday'", /incompatible types/],
    ["contains(computerDnsName,'x')", /unknown function/],
    ["startswith(rbacGroupId,'1')", /string property/],
    ["machineTags eq 'x'", /collection/],
    ["osPlatform/any(t: t eq 'x')", /lambda/],
    ["machineTags/all(t: t eq 'x')", /expected 'any'/],
    ["id eq 'x' and", /expected a property/],
    ["(id eq 'x'", /expected '\)'/],
    ["id eq 'x')", /end of the expression/],
    ["id eq 'x' # comment", /unexpected character/],
    ['', /empty/],
    ['lastSeen gt 2026-02-30T00:00:00Z', /not a valid literal/],
  ];
  for (const [filter, message] of bad) {
    test(`refuses ${JSON.stringify(filter)}`, () => {
      assert.throws(
        () => parseFilter(filter),
        (e: unknown) => e instanceof ODataFilterError && message.test(e.message),
      );
    });
  }
});
