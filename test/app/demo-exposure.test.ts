// The demo has no authentication: it listens on loopback unless HOST says otherwise, and it replies
// only to loopback service URLs, so nobody can use it to send requests into a network.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { startBot, type RunningBot } from '../../src/app/start-bot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { DEMO_SERVICE_URL_REFUSAL } from '../../src/teams/inbound-gate';
import { personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

let h: Harness;
let relay: { server: Server; hits: number; port: number };

before(async () => {
  h = await startHarness();
  const state = { hits: 0 };
  const server = createServer((_req, res) => {
    state.hits += 1;
    res.writeHead(200).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  relay = {
    server,
    get hits() {
      return state.hits;
    },
    port: (server.address() as AddressInfo).port,
  };
});

after(async () => {
  await h?.close();
  await new Promise<void>((resolve) => relay.server.close(() => resolve()));
});

test('started with the demo’s defaults, the bot listens on 127.0.0.1 only', async () => {
  const config = loadConfig({ PORT: '0', CI: 'true', DEFENDER_API_URL: h.sim.url, LOG_LEVEL: 'silent' });
  const bot: RunningBot = await startBot(config, { logger: createLogger('silent') });
  try {
    assert.equal(bot.host, '127.0.0.1');
    assert.equal(new URL(bot.url).hostname, '127.0.0.1');
  } finally {
    await bot.close();
  }
});

test('an activity whose serviceUrl is not on this machine gets 403 and the bot sends nothing anywhere', async () => {
  const activity = { ...personalMessage('machines for user1'), serviceUrl: `http://10.255.255.1:${relay.port}/internal/` };
  const res = await fetch(`${h.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  assert.equal(res.status, 403);
  assert.deepEqual(await res.json(), { error: DEMO_SERVICE_URL_REFUSAL });
  const viaHostName = { ...personalMessage('help'), serviceUrl: `http://${hostname()}:${relay.port}/` };
  const second = await fetch(`${h.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(viaHostName),
  });
  assert.equal(second.status, 403);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(relay.hits, 0);
  assert.equal(h.sim.calls.entries().length, 0, 'no Defender call either');
});

test('a loopback serviceUrl is answered as before', async () => {
  const replies = await h.exchange(personalMessage('help'));
  assert.equal(replies.length, 1);
});
