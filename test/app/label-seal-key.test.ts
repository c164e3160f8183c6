// The label-seal key the replicas share: the first start writes it, every later start reads the
// same one; a malformed stored value leaves the replica on its own key, with a warning that never
// carries a key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { LABEL_SEAL_KEY, sharedLabelSealKey } from '../../src/app/label-seal-key';
import { createLogger } from '../../src/logging/logger';
import { MemoryStateStore } from '../../src/state';

function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

test('every replica starting on one store gets the same 32-byte key, the one stored', async () => {
  const store = new MemoryStateStore();
  const { logger, lines } = capturedLogger();
  const keys = await Promise.all([1, 2, 3].map(() => sharedLabelSealKey(store, logger)));
  assert.equal(keys[0]?.length, 32);
  for (const k of keys) assert.ok(k.equals(keys[0] ?? Buffer.alloc(0)));
  assert.equal(await store.get(LABEL_SEAL_KEY), keys[0]?.toString('base64'));
  assert.deepEqual(lines, [], 'nothing logged');
});

test('a malformed stored key: this replica seals with its own key and warns without any key in the log', async () => {
  const store = new MemoryStateStore();
  await store.set(LABEL_SEAL_KEY, 'c2hvcnQ=', 60_000);
  const { logger, lines } = capturedLogger();
  const key = await sharedLabelSealKey(store, logger);
  assert.equal(key.length, 32);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /"labelSealKeyUnreadable"/);
  assert.ok(!(lines[0] ?? '').includes('c2hvcnQ='), 'the stored value is not logged');
  assert.ok(!(lines[0] ?? '').includes(key.toString('base64')), 'the key is not logged');
});
