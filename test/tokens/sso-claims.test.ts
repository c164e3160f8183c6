import { test } from 'node:test';
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { readSsoClaims } from '../../src/tokens/sso-claims';

const OID = 'A1A1A1A1-0000-4000-8000-00000000000A';
const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const signed = (payload: Record<string, unknown>): string => jwt.sign(payload, 'test-signing-key', { algorithm: 'HS256' });
const segment = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

test('reads oid (lower-cased) and tid from a signed token', () => {
  assert.deepEqual(readSsoClaims(signed({ oid: OID, tid: TID, upn: 'elena@contoso.com' })), { oid: OID.toLowerCase(), tid: TID });
});

test('a token without a tid claim gives the oid alone', () => {
  assert.deepEqual(readSsoClaims(signed({ oid: OID, tid: '' })), { oid: OID.toLowerCase() });
  assert.deepEqual(readSsoClaims(signed({ oid: OID })), { oid: OID.toLowerCase() });
});

test('a payload with characters that differ between base64 and base64url decodes', () => {
  // "~~~" and "???" encode to "-" and "_" in base64url; a plain base64 decoder would reject or garble them.
  const token = `${segment({ alg: 'none' })}.${segment({ oid: OID, note: '~~~???>>>' })}.sig`;
  assert.match(token.split('.')[1] ?? '', /[-_]/);
  assert.deepEqual(readSsoClaims(token), { oid: OID.toLowerCase() });
});

test('anything that is not a JWT with an object payload and a string oid gives undefined', () => {
  const header = segment({ alg: 'HS256' });
  const cases: Record<string, string> = {
    'empty string': '',
    'two segments': `${header}.${segment({ oid: OID })}`,
    'four segments': `${header}.${segment({ oid: OID })}.sig.extra`,
    'payload not base64url': `${header}.${'!!'}.sig`,
    'payload not JSON': `${header}.${segment('oid=abc')}.sig`,
    'payload an array': `${header}.${segment([OID])}.sig`,
    'payload null': `${header}.${segment(null)}.sig`,
    'oid a number': signed({ oid: 42, tid: TID }),
    'oid empty': signed({ oid: '', tid: TID }),
    'no oid': signed({ sub: OID, tid: TID }),
  };
  for (const [name, token] of Object.entries(cases)) assert.equal(readSsoClaims(token), undefined, name);
});
