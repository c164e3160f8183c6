import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createZip } from '../../scripts/manifest/zip';
import { readZip } from './zip-reader';

test('a zip round-trips: every entry reads back with its name and exact bytes, deflated', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from('{"a":1}\n') },
    { name: 'color.png', data: randomBytes(5000) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
    { name: 'dir/ünïcode.txt', data: Buffer.from('x'.repeat(10000)) },
  ];
  const read = readZip(createZip(entries));
  assert.deepEqual(
    read.map((e) => e.name),
    entries.map((e) => e.name),
  );
  read.forEach((e, i) => {
    assert.ok(e.data.equals(entries[i]?.data ?? Buffer.alloc(1)), e.name);
    assert.equal(e.method, 8);
  });
});

test('the same files always give a byte-identical zip (fixed timestamps)', () => {
  const entries = [{ name: 'a.txt', data: Buffer.from('hello') }];
  assert.ok(createZip(entries).equals(createZip(entries)));
});

test('an empty zip is a valid archive with no entries', () => {
  assert.deepEqual(readZip(createZip([])), []);
});

test('unsafe or duplicate entry names are refused', () => {
  for (const name of ['', '/abs.txt', '..\\x', 'a/../b', 'a\\b']) {
    assert.throws(() => createZip([{ name, data: Buffer.alloc(1) }]), /relative path/, name);
  }
  assert.throws(
    () =>
      createZip([
        { name: 'a', data: Buffer.alloc(1) },
        { name: 'a', data: Buffer.alloc(1) },
      ]),
    /appears twice/,
  );
});
