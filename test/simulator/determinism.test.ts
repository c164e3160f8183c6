// The tenant is the same on every run; only its dates follow the clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTenant } from '../../src/simulator/data/tenant';
import { START, call, manualClock, startTestSim } from './helpers';

test('two simulators on the same clock serve identical data', async () => {
  const a = await startTestSim({ now: manualClock().now });
  const b = await startTestSim({ now: manualClock().now });
  try {
    assert.deepEqual(a.data, b.data);
    const mymachine1 = '/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
    const paths = ['/api/machines', '/api/users/user1/machines', `${mymachine1}/logonusers`];
    paths.push('/api/users/user1/alerts', `${mymachine1}/alerts`);
    for (const path of paths) {
      assert.equal((await call(a, path)).text, (await call(b, path)).text, path);
    }
  } finally {
    await a.close();
    await b.close();
  }
});

/** Every key that holds a date: machines and logons, then alerts, their comments and evidence. */
const DATE_KEYS = new Set([
  'firstSeen',
  'lastSeen',
  'alertCreationTime',
  'firstEventTime',
  'lastEventTime',
  'lastUpdateTime',
  'resolvedTime',
  'createdTime',
  'evidenceCreationTime',
  'processCreationTime',
]);

test('a later clock shifts every date by the same amount and changes nothing else', () => {
  const shift = 17 * 86_400_000 + 5 * 60_000;
  const early = generateTenant(START);
  const late = generateTenant(START + shift);
  const move = (iso: string): string => {
    const frac = /\.(\d+)Z$/.exec(iso)?.[1];
    const moved = new Date(Date.parse(iso) + shift).toISOString();
    if (frac === undefined) return moved.replace(/\.\d{3}Z$/, 'Z');
    return moved.replace(/\.\d{3}Z$/, `.${frac}Z`);
  };
  // Re-serialised through a reviver: dates moved, generatedAt blanked (JSON.stringify keeps key order).
  const normalise = (data: unknown, dates: (iso: string) => string): string =>
    JSON.stringify(data, (key: string, value: unknown) => {
      if (key === 'generatedAt') return '';
      return typeof value === 'string' && DATE_KEYS.has(key) ? dates(value) : value;
    });
  assert.equal(
    normalise(late, (iso) => iso),
    normalise(early, move),
  );
});

test('dates are relative to the clock: the newest lastSeen is minutes before now, none in the future', () => {
  const data = generateTenant(START);
  const seen = data.machines.map((m) => Date.parse(m.lastSeen ?? '')).filter((t) => !Number.isNaN(t));
  assert.ok(Math.max(...seen) <= START);
  assert.ok(START - Math.max(...seen) < 10 * 60_000);
  for (const l of data.logons) assert.ok(Date.parse(l.lastSeen) <= START && Date.parse(l.firstSeen) <= Date.parse(l.lastSeen));
});
