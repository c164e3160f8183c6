// 10,000 generated messages and forged clicks through the real HTTP endpoint against the simulated
// tenant: every one answered once, no crash, no unhandled rejection, and Defender only ever sees
// requests of the allowed shapes (no traversal, no filter injection).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

const COUNT = 10_000;
const CONCURRENCY = 16;

/** One path segment that is not `.` or `..` (encoded or not, they must never reach Defender). */
const SEG = String.raw`(?!(?:\.|%2e){1,2}(?:[/?#]|$))[^/?#]+`;
const ALLOWED = [
  new RegExp(String.raw`^/api/users/${SEG}/machines$`, 'i'),
  new RegExp(String.raw`^/api/machines/${SEG}$`, 'i'),
  new RegExp(String.raw`^/api/machines/${SEG}/logonusers$`, 'i'),
  // One OData literal: %27…%27, where a quote inside can only appear doubled (%27%27) and no raw ' or & exists.
  /^\/api\/machines\?\$filter=(computerDnsName%20eq%20|startswith\(computerDnsName%2C)%27([^'%&]|%(?!27)[0-9A-F]{2}|%27%27)*%27\)?&\$top=\d+$/,
  /^\/api\/machines\/findbyip\(ip=(%27|')[0-9a-fA-F.:]+(%27|'),timestamp=\d{4}-\d\d-\d\dT\d\d(:|%3A)\d\d(:|%3A)\d\dZ\)$/,
];

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '../',
    '..',
    '%2f',
    '%2F..%2F',
    '..\\..\\',
    "x' or 1 eq 1",
    "o'brien",
    '[click](http://x)',
    '<script>alert(1)</script>',
    '{"a":1}',
    '<at>Nobody</at>',
    '\u0000\u0007\u001b',
    'a/b',
    '#frag',
    '?q=1',
    '\u202e',
    'x'.repeat(3000),
  ),
  fc.string({ minLength: 200, maxLength: 2000 }),
);
const verb = fc.constantFrom(
  'machines for ',
  'who logged onto ',
  'machine ',
  'logons on ',
  'details for ',
  'users on ',
  'devices for ',
  '',
  'help ',
  'machines for user1 page ',
);
const typed = fc.tuple(verb, hostile).map(([v, h]) => ({ text: v + h }));
const forged = fc
  .record(
    {
      action: fc.constantFrom('machinesForUser', 'logonUsers', 'machineDetails', 'help', 'run', 'deleteMachine', 42, null),
      user: fc.oneof(hostile, fc.integer(), fc.constant(null)),
      machineId: fc.oneof(hostile, fc.constant('1e5bc9d7e413ddd7902c2932e418702b84d0cc07'), fc.integer()),
      page: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double(), fc.string({ maxLength: 5 })),
      text: hostile,
    },
    { requiredKeys: ['action'] },
  )
  .map((value) => ({ text: 'x', value }));
const activities = fc.oneof({ arbitrary: typed, weight: 3 }, { arbitrary: forged, weight: 1 });

let h: Harness;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => {
  unhandled.push(e);
};

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  // Budget and queueing are not what this test is about: lift them on both sides.
  h = await startHarness(
    { LOG_LEVEL: 'error', DEFENDER_RATE_PER_MINUTE: '1000000', DEFENDER_RATE_PER_HOUR: '10000000' },
    { limits: { perMinute: 1_000_000, perHour: 10_000_000 } },
  );
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h.close();
});

test(`${COUNT} hostile messages and forged clicks: each answered once, Defender sees only allowed paths`, async () => {
  const inputs = fc.sample(activities, { numRuns: COUNT, seed: 20261123 });
  let answered = 0;
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const input = inputs[next++] as { text: string; value?: unknown };
      const activity = { ...personalMessage(input.text), ...(input.value === undefined ? {} : { value: input.value }) };
      try {
        const replies = await h.exchange(activity);
        if (replies.length === 1) answered += 1;
        else failures.push(`${replies.length} replies to ${JSON.stringify(input).slice(0, 120)}`);
      } catch (e) {
        failures.push(`${e instanceof Error ? e.message : String(e)} for ${JSON.stringify(input).slice(0, 120)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  assert.deepEqual(failures.slice(0, 5), []);
  assert.equal(answered, COUNT);
  assert.deepEqual(unhandled, []);
  const calls = h.sim.calls.entries();
  assert.ok(calls.length > 0, 'some inputs were valid enough to reach Defender');
  const outside = calls.map((c) => c.path).filter((p) => !ALLOWED.some((re) => re.test(p)));
  assert.deepEqual(outside.slice(0, 5), [], 'requests outside the allowed patterns');
  const traversal = calls.filter((c) => c.path.split(/[/?]/).some((seg) => ['.', '..'].includes(decodeURIComponent(seg))));
  assert.deepEqual(
    traversal.map((c) => c.path),
    [],
  );
  assert.equal(calls.filter((c) => c.endpoint === null).length, 0, 'every request hit a known endpoint');
});

test('the allowed-path check itself rejects traversal and filter injection', () => {
  const bad = [
    '/api/users/../machines',
    '/api/users/a/b/machines',
    '/api/machines?$filter=computerDnsName%20eq%20%27x%27%20or%201%20eq%201&$top=100',
    "/api/machines?$filter=computerDnsName%20eq%20'x' or 1 eq 1&$top=100",
    '/api/machines/x/logonusers/../../users',
    '/api/alerts',
  ];
  for (const p of bad) assert.ok(!ALLOWED.some((re) => re.test(p)), p);
  assert.ok(
    ALLOWED.some((re) => re.test('/api/machines?$filter=computerDnsName%20eq%20%27o%27%27brien%27&$top=100')),
    'a doubled quote is allowed',
  );
});
