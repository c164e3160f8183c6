// SIGTERM on the real `npm start` entry point: stop accepting, finish the turn in flight, exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startSimulator } from '../../src/simulator';
import { startConnectorSink } from '../../scripts/rig/connector';
import { personalMessage } from '../../scripts/rig/bot-harness';
import { compiledBotMain } from '../../scripts/rig/compiled-bot';

test('SIGTERM lets the command in flight finish and be answered, then the process exits 0', async () => {
  const sim = await startSimulator();
  const connector = await startConnectorSink();
  const child = spawn(process.execPath, [compiledBotMain], {
    env: { ...process.env, PORT: '0', CI: 'true', PLAYGROUND: '0', DEFENDER_API_URL: sim.url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /Bot endpoint:\s+(http:\/\/\S+)\/api\/messages/.exec(stdout);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`bot exited early (${code}): ${stdout}`)));
    });
    sim.faults.set({ kind: 'latency', ms: 1500 }, { times: 1 });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const inFlight = fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...personalMessage('machines for user1'), serviceUrl: connector.url }),
    });
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGTERM');
    const res = await inFlight;
    assert.equal(res.status, 200, 'the turn in flight completed');
    assert.equal(connector.messages().length, 1, 'and its card was delivered');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${url}/healthz`), 'no longer accepting connections');
  } finally {
    child.kill('SIGKILL');
    await connector.close();
    await sim.close();
  }
});
