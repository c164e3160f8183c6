// Injected faults: each kind, scoping to one endpoint, and `times`.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../src/simulator';
import { parseFaultRule } from '../../src/simulator/faults';
import { UNKNOWN_USER, USER_WITHOUT_MACHINES } from '../../src/simulator/data/facts';
import { call, errorCode, isRecord, record, startTestSim, values } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startTestSim();
});
afterEach(() => {
  sim.faults.clear();
  sim.budget.reset();
});
after(() => sim.close());

test('latency delays the answer by the given milliseconds, then answers normally', async () => {
  sim.faults.set({ kind: 'latency', ms: 150 }, { times: 1 });
  const started = Date.now();
  const reply = await call(sim, '/api/machines/machine-1');
  assert.ok(Date.now() - started >= 140, 'delayed');
  assert.equal(reply.status, 200);
  assert.equal(record(reply.json).id, 'machine-1');
});

test('status answers 500, 502 or 503 in the error envelope', async () => {
  const codes = { 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable' } as const;
  for (const status of [500, 502, 503] as const) {
    sim.faults.set({ kind: 'status', status }, { times: 1 });
    assert.equal(errorCode(await call(sim, '/api/machines'), status), codes[status]);
  }
  assert.equal((await call(sim, '/api/machines?$top=1')).status, 200, 'times: 1 used up');
});

test('throttle answers 429 TooManyRequests with the given Retry-After', async () => {
  sim.faults.set({ kind: 'throttle', retryAfterSeconds: 7 }, { times: 1 });
  const reply = await call(sim, '/api/users/user1/machines');
  assert.equal(errorCode(reply, 429), 'TooManyRequests');
  assert.equal(reply.headers.get('retry-after'), '7');
});

test('malformedJson answers 200 with a body that is not JSON', async () => {
  sim.faults.set({ kind: 'malformedJson' }, { times: 1 });
  const reply = await call(sim, '/api/machines');
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.get('content-type'), 'application/json; odata.metadata=minimal');
  assert.throws(() => JSON.parse(reply.text), SyntaxError);
});

test('wrongShape answers 200 with JSON of the wrong shape for collections and single machines', async () => {
  sim.faults.set({ kind: 'wrongShape' }, { times: 2 });
  const list = await call(sim, '/api/users/user1/machines');
  assert.equal(list.status, 200);
  assert.ok(!Array.isArray(record(list.json).value));
  const one = await call(sim, '/api/machines/machine-1');
  assert.equal(one.status, 200);
  assert.ok(isRecord(one.json) && !('id' in one.json));
});

test('reset destroys the connection without an answer', async () => {
  sim.faults.set({ kind: 'reset' }, { times: 1 });
  await assert.rejects(call(sim, '/api/machines'), TypeError);
  assert.equal((await call(sim, '/api/machines?$top=1')).status, 200);
  const last = sim.calls.entries().filter((e) => e.endpoint === 'machines');
  assert.equal(last[last.length - 2]?.status, 0, 'logged with status 0');
});

test('emptyOk answers 200 with an empty body', async () => {
  sim.faults.set({ kind: 'emptyOk' }, { times: 1 });
  const reply = await call(sim, '/api/machines/machine-1/logonusers');
  assert.equal(reply.status, 200);
  assert.equal(reply.text, '');
});

test('legacyUserNotFound answers 404 for an unknown user only; known users are unaffected', async () => {
  sim.faults.set({ kind: 'legacyUserNotFound' });
  assert.equal(errorCode(await call(sim, `/api/users/${UNKNOWN_USER}/machines`), 404), 'ResourceNotFound');
  assert.deepEqual(values(await call(sim, `/api/users/${USER_WITHOUT_MACHINES}/machines`)), [], 'known, no machines: 200 empty');
  assert.ok(values(await call(sim, '/api/users/user1/machines')).length > 0);
  assert.equal((await call(sim, '/api/machines/machine-1')).status, 200, 'other endpoints are unaffected');
});

test('legacyUserNotFound with times only uses a time when it answers 404', async () => {
  sim.faults.set({ kind: 'legacyUserNotFound' }, { times: 1 });
  assert.equal((await call(sim, '/api/users/user1/machines')).status, 200);
  assert.equal((await call(sim, `/api/users/${UNKNOWN_USER}/machines`)).status, 404);
  assert.equal((await call(sim, `/api/users/${UNKNOWN_USER}/machines`)).status, 200);
});

test('a fault limited to one endpoint leaves the others alone', async () => {
  sim.faults.set({ kind: 'status', status: 503 }, { endpoint: 'machines/{id}/logonusers' });
  assert.equal((await call(sim, '/api/machines/machine-1')).status, 200);
  assert.equal((await call(sim, '/api/machines/machine-1/logonusers')).status, 503);
  assert.equal((await call(sim, '/api/machines/machine-1/logonusers')).status, 503, 'no times: until cleared');
  sim.faults.clear();
  assert.equal((await call(sim, '/api/machines/machine-1/logonusers')).status, 200);
});

test('times limits a fault to N requests, and rules apply in the order they were set', async () => {
  sim.faults.set({ kind: 'status', status: 500 }, { times: 2 });
  sim.faults.set({ kind: 'throttle', retryAfterSeconds: 1 }, { times: 1 });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(sim, '/api/machines?$top=1')).status);
  assert.deepEqual(statuses, [500, 500, 429, 200]);
  assert.deepEqual(sim.faults.active(), []);
});

test('faults do not use rate-limit budget', async () => {
  sim.faults.set({ kind: 'status', status: 500 }, { times: 3 });
  for (let i = 0; i < 3; i++) await call(sim, '/api/machines?$top=1');
  assert.equal(sim.budget.usage('machines').lastMinute, 0);
});

test('an invalid fault is refused: set throws a TypeError, parseFaultRule says why', () => {
  assert.throws(() => sim.faults.set({ kind: 'latency', ms: -1 }), TypeError);
  assert.throws(() => sim.faults.set({ kind: 'throttle', retryAfterSeconds: 1.5 }), TypeError);
  assert.throws(() => sim.faults.set({ kind: 'reset' }, { times: 0 }), TypeError);
  const invalid: unknown[] = [
    { fault: { kind: 'status', status: 404 } },
    { fault: { kind: 'throttle' } },
    { fault: { kind: 'explode' } },
    { fault: { kind: 'reset' }, endpoint: 'alerts' },
    { fault: 'reset' },
    null,
  ];
  for (const input of invalid) assert.equal(typeof parseFaultRule(input), 'string', JSON.stringify(input));
  assert.deepEqual(parseFaultRule({ fault: { kind: 'reset' }, endpoint: 'machines', times: 2 }), {
    fault: { kind: 'reset' },
    endpoint: 'machines',
    remaining: 2,
  });
  assert.deepEqual(sim.faults.active(), []);
});
