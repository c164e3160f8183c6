import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStoredJson } from '../../src/shared/stored-json';

test('a stored JSON value parses back to the value written', () => {
  assert.deepEqual(parseStoredJson(JSON.stringify({ id: 'a1', n: [1, 2] })), { id: 'a1', n: [1, 2] });
});

test('no value, or text that is not JSON (another version, a damaged key), is undefined rather than a throw', () => {
  assert.equal(parseStoredJson(undefined), undefined);
  assert.equal(parseStoredJson('{"id":'), undefined);
  assert.equal(parseStoredJson(''), undefined);
});
