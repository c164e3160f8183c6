// The /_sim control endpoints, the request body limit, and the standalone entry point.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { call, errorCode, record, startTestSim, type Reply } from './helpers';

let sim: SimulatorHandle;
before(async () => {
  sim = await startTestSim({ limits: { perMinute: 2, perHour: 100 } });
});
afterEach(async () => {
  await call(sim, '/_sim/reset', null, { method: 'POST' });
});
after(() => sim.close());

function post(path: string, body: string): Promise<Reply> {
  return call(sim, path, null, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
}

test('GET /_sim/calls reports totals, counts per endpoint and each call', async () => {
  await call(sim, '/api/users/user1/machines', 'analyst-emea');
  await call(sim, '/api/machines/nope');
  await call(sim, '/api/machines', null);
  const body = record((await call(sim, '/_sim/calls', null)).json);
  assert.equal(body.total, 3);
  assert.deepEqual(body.byEndpoint, {
    'users/{name}/machines': 1,
    'machines/{id}': 1,
    'machines/{id}/logonusers': 0,
    machines: 0,
    'machines/findbyip': 0,
    'machines/{id}/alerts': 0,
    'users/{name}/alerts': 0,
    'alerts/{id}': 0,
    'machines/{id}/isolate': 0,
    'machines/{id}/unisolate': 0,
    'machines/{id}/runAntiVirusScan': 0,
    'machines/{id}/collectInvestigationPackage': 0,
    'machines/{id}/restrictCodeExecution': 0,
    'machines/{id}/unrestrictCodeExecution': 0,
    'machineactions/{id}': 0,
    machineactions: 0,
  });
  assert.ok(Array.isArray(body.entries));
  const [first, second, third] = body.entries.map(record);
  assert.deepEqual(
    { ...first, at: undefined },
    {
      method: 'GET',
      path: '/api/users/user1/machines',
      endpoint: 'users/{name}/machines',
      analyst: 'analyst-emea',
      status: 200,
      at: undefined,
      counted: true,
    },
  );
  assert.equal(second?.status, 404);
  assert.deepEqual([third?.status, third?.analyst, third?.endpoint, third?.counted], [401, null, null, false]);
});

test('POST /_sim/faults sets a fault for the next calls; DELETE /_sim/faults clears them', async () => {
  const set = await post('/_sim/faults', JSON.stringify({ fault: { kind: 'status', status: 502 }, endpoint: 'machines', times: 2 }));
  assert.equal(set.status, 200);
  assert.equal((await call(sim, '/api/machines?$top=1')).status, 502);
  assert.equal((await call(sim, '/api/machines/machine-1')).status, 200, 'scoped to machines');
  await post('/_sim/faults', JSON.stringify({ fault: { kind: 'emptyOk' } }));
  const listed = record((await call(sim, '/_sim/faults', null)).json);
  assert.ok(Array.isArray(listed.faults) && listed.faults.length === 2);
  assert.equal((await call(sim, '/_sim/faults', null, { method: 'DELETE' })).status, 200);
  assert.equal((await call(sim, '/api/machines?$top=1')).status, 200);
});

test('POST /_sim/faults refuses an invalid fault or body with 400 InvalidInput', async () => {
  for (const body of [
    '{not json',
    '[]',
    JSON.stringify({ fault: { kind: 'explode' } }),
    JSON.stringify({ fault: { kind: 'reset' }, endpoint: 'alerts' }),
    JSON.stringify({ fault: { kind: 'reset' }, times: -1 }),
  ]) {
    assert.equal(errorCode(await post('/_sim/faults', body), 400), 'InvalidInput', body);
  }
});

test('POST /_sim/reset clears the call log, the rate-limit windows and the faults', async () => {
  await call(sim, '/api/machines?$top=1');
  await call(sim, '/api/machines?$top=1');
  assert.equal((await call(sim, '/api/machines?$top=1')).status, 429);
  sim.faults.set({ kind: 'reset' });
  assert.equal((await call(sim, '/_sim/reset', null, { method: 'POST' })).status, 200);
  assert.equal(sim.calls.total(), 0);
  assert.deepEqual(sim.faults.active(), []);
  assert.equal((await call(sim, '/api/machines?$top=1')).status, 200);
});

test('control calls are neither logged nor rate limited', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await call(sim, '/_sim/calls', null)).status, 200);
  assert.equal(sim.calls.total(), 0);
});

test('an unknown control path is 404 and a wrong method 405', async () => {
  assert.equal(errorCode(await call(sim, '/_sim/nothing', null), 404), 'ResourceNotFound');
  assert.equal(errorCode(await call(sim, '/_sim/calls', null, { method: 'POST' }), 405), 'MethodNotAllowed');
  assert.equal(errorCode(await call(sim, '/_sim/reset', null), 405), 'MethodNotAllowed');
});

test('a request body over 64 KB is refused with 413', async () => {
  const big = JSON.stringify({ fault: { kind: 'reset' }, pad: 'x'.repeat(70 * 1024) });
  assert.equal(errorCode(await post('/_sim/faults', big), 413), 'RequestEntityTooLarge');
  assert.deepEqual(sim.faults.active(), [], 'nothing was set');
  const chunked = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 80; i++) controller.enqueue(new Uint8Array(1024).fill(32));
      controller.close();
    },
  });
  // Node's fetch needs `duplex` for a stream body; the DOM RequestInit type does not list it.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body: chunked, duplex: 'half' };
  const reply = await fetch(`${sim.url}/_sim/faults`, init);
  assert.equal(reply.status, 413, 'streamed without Content-Length');
  await reply.text();
  const ok = await post('/_sim/faults', JSON.stringify({ fault: { kind: 'emptyOk' }, times: 1 }));
  assert.equal(ok.status, 200, 'a small body is fine');
});

test('main.js starts a simulator on SIM_PORT and prints its URL', async () => {
  const child = spawn(process.execPath, [join(__dirname, '../../src/simulator/main.js')], {
    env: { ...process.env, SIM_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    assert.equal((await call({ url }, '/api/machines/machine-1')).status, 200);
  } finally {
    child.kill('SIGTERM');
  }
});
