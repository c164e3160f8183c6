import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, type Command } from '../../src/commands';

function userOf(text: string): Command {
  return parseCommand({ text });
}

function named(name: string, page = 1): Command {
  return { kind: 'machinesForUser', user: { kind: 'userName', name }, page };
}

function rejection(text: string): string {
  const result = userOf(text);
  assert.equal(result.kind, 'invalid', `${text} → ${JSON.stringify(result)}`);
  return result.kind === 'invalid' ? result.reason : '';
}

test('a bare user name is kept, lowercased', () => {
  assert.deepEqual(userOf('machines for user1'), named('user1'));
  assert.deepEqual(userOf('machines for User1'), named('user1'));
});

test('a UPN becomes the bare user name', () => {
  assert.deepEqual(userOf('machines for user1@contoso.com'), named('user1'));
  assert.deepEqual(userOf('machines for Jane.Doe@Contoso.onmicrosoft.com'), named('jane.doe'));
});

test('DOMAIN\\user becomes the bare user name', () => {
  assert.deepEqual(userOf('machines for CONTOSO\\user1'), named('user1'));
  assert.deepEqual(userOf('machines for contoso.com\\user1'), named('user1'));
});

test('a doubled backslash after the domain, as some clients send it, is one separator', () => {
  assert.deepEqual(userOf('machines for contoso\\\\user1'), named('user1'));
});

test('user names may hold unicode letters, digits, dots, hyphens, underscores and $', () => {
  assert.deepEqual(userOf('machines for JÖRG.müller-2_x$'), named('jörg.müller-2_x$'));
  assert.deepEqual(userOf('machines for 张伟'), named('张伟'));
  assert.deepEqual(userOf('machines for PC1$'), named('pc1$'));
});

test('a user name of 64 characters is accepted and one of 65 is refused with the limit', () => {
  assert.deepEqual(userOf(`machines for ${'a'.repeat(64)}`), named('a'.repeat(64)));
  assert.match(rejection(`machines for ${'a'.repeat(65)}`), /at most 64 characters/);
  // The limit is on the name, not the UPN it came from.
  assert.deepEqual(userOf(`machines for ${'a'.repeat(64)}@contoso.com`), named('a'.repeat(64)));
});

test('a missing user asks which user, with an example', () => {
  assert.deepEqual(userOf('machines for'), {
    kind: 'invalid',
    command: 'machinesForUser',
    part: 'user',
    input: '',
    reason: 'say which user, e.g. machines for user1',
  });
  assert.equal(rejection('machines for ?'), 'say which user, e.g. machines for user1');
});

test('user names with spaces are refused, saying so', () => {
  assert.match(rejection('machines for jane doe'), /cannot contain spaces/);
});

test('a path separator other than the one DOMAIN\\ prefix is refused', () => {
  assert.match(rejection('machines for a/b'), /path separator/);
  assert.match(rejection('machines for a\\b\\c'), /path separator/);
  assert.match(rejection('machines for \\user1'), /path separator/);
  assert.match(rejection('machines for contoso\\\\\\user1'), /path separator/);
});

test('".." in a user name is refused', () => {
  assert.match(rejection('machines for a..b'), /cannot contain "\.\."/);
  assert.match(rejection('machines for ..\\user1'), /cannot contain "\.\."/);
});

test('quotes in a user name are refused, which stops OData injection', () => {
  assert.match(rejection("machines for x' or 1 eq 1"), /cannot contain quotes/);
  assert.match(rejection("machines for o'brien"), /cannot contain quotes/);
  assert.match(rejection('machines for "user1"'), /cannot contain quotes/);
  assert.match(rejection('machines for ‘user1’'), /cannot contain quotes/);
});

test('percent-encoding in a user name is refused', () => {
  assert.match(rejection('machines for a%2fb'), /cannot contain %/);
  assert.match(rejection('machines for %2e%2e'), /cannot contain %/);
});

test('more than one @, or a bad domain after @, is refused', () => {
  assert.match(rejection('machines for a@b@c.com'), /only one @/);
  assert.match(rejection('machines for a@-bad-.com'), /after @ is not a valid domain/);
  assert.match(rejection('machines for @contoso.com'), /before @ is empty/);
});

test('characters outside the allowed set are refused with the allowed set', () => {
  assert.match(rejection('machines for user<1>'), /can only contain letters, digits, dots, hyphens, underscores and \$/);
  assert.match(rejection('machines for user;drop'), /can only contain/);
  assert.match(rejection('machines for ...x'), /"\.\."/);
  assert.match(rejection('machines for -'), /at least one letter or digit/);
});

test('an unreadable @mention markup (no entity from Teams) asks for the user name', () => {
  assert.match(rejection('machines for <at>Jane Doe</at>'), /could not tell who that @mention is/);
});
