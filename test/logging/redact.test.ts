import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redactString } from '../../src/logging/redact';

test('a bearer credential is redacted up to whitespace, a quote, a comma or a semicolon, brackets included', () => {
  assert.equal(redactString('Authorization: Bearer abc.def)ghi]jkl}mno`pqr, next'), `Authorization: Bearer ${REDACTED}, next`);
  assert.equal(redactString('headers={"authorization":"bearer s3cr3t"}'), `headers={"authorization":"bearer ${REDACTED}"}`);
});

test('a bearer credential glued to a word before it is redacted too', () => {
  assert.equal(redactString('x-authBearer s3cr3t;'), `x-authBearer ${REDACTED};`);
});

test('a JWT is redacted wherever it appears', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  assert.equal(redactString(`token=${jwt} end`), `token=${REDACTED} end`);
});
