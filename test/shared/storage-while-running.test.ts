import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StorageWhileRunning } from '../../src/shared/storage-while-running';

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

test('each run sees its own value across awaits, nested runs the inner one; outside any run there is none', async () => {
  const storage = new StorageWhileRunning<string>();
  assert.equal(storage.getStore(), undefined);
  const seen: Array<string | undefined> = [];
  await Promise.all([
    storage.run('a', async () => {
      await tick(5);
      seen.push(storage.getStore());
      await storage.run('inner', async () => {
        await tick();
        seen.push(storage.getStore());
      });
      seen.push(storage.getStore());
    }),
    storage.run('b', async () => {
      await tick();
      seen.push(storage.getStore());
    }),
  ]);
  assert.deepEqual(seen, ['b', 'a', 'inner', 'a']);
  assert.equal(storage.getStore(), undefined);
});

test('the value is returned and an error passes through; the storage works again for the next run', async () => {
  const storage = new StorageWhileRunning<number>();
  assert.equal(await storage.run(1, async () => storage.getStore()), 1);
  await assert.rejects(
    storage.run(2, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  const again = await storage.run(3, async () => {
    await tick();
    return storage.getStore();
  });
  assert.equal(again, 3);
});

test('once the last run has settled the storage is off: work it left behind no longer sees the value', async () => {
  const storage = new StorageWhileRunning<string>();
  let leftBehind: Promise<string | undefined> = Promise.resolve('never set');
  await storage.run('x', async () => {
    leftBehind = tick(20).then(() => storage.getStore());
  });
  assert.equal(await leftBehind, undefined);
});
