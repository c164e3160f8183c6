// The adapter keeps one ConnectorClient per service URL (src/teams/connector-clients.ts). Driven over
// HTTP, as Teams drives the bot, with replies going to two local connectors: reuse must never send one
// conversation's reply to another's service URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ConnectorClient, UserTokenClient } from 'botframework-connector';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/teams/adapter';
import { newTeamsApplication } from '../../src/teams/application';
import { ReusedConnectorClients } from '../../src/teams/connector-clients';
import { createHttpApp, listen } from '../../src/teams/http-server';
import { createLogger } from '../../src/logging/logger';
import { postActivity } from '../../scripts/rig/bot-harness';
import { startConnectorSink } from '../../scripts/rig/connector';

function message(id: string, conversationId: string): Record<string, unknown> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    text: `hello ${id}`,
    from: { id: '29:analyst', name: 'Alex' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: conversationId, conversationType: 'personal' },
  };
}

test('turns on one service URL share a ConnectorClient, another service URL gets its own, and every reply reaches its own connector', async () => {
  const [east, west] = [await startConnectorSink(), await startConnectorSink()];
  const adapter = createAdapter(loadConfig({ CI: 'true', LOG_LEVEL: 'warn' }));
  const app = newTeamsApplication(adapter);
  const clients: Array<{ id: string; connector: ConnectorClient; userTokens: UserTokenClient }> = [];
  app.activity(ActivityTypes.Message, async (context: TurnContext) => {
    clients.push({
      id: context.activity.id ?? '',
      connector: context.turnState.get(adapter.ConnectorClientKey),
      userTokens: context.turnState.get(adapter.UserTokenClientKey),
    });
    await context.sendActivity(`reply to ${context.activity.id}`);
  });
  const http = await listen(
    createHttpApp({ adapter, app, logger: createLogger('silent'), readiness: async () => never() }),
    0,
    '127.0.0.1',
  );
  try {
    assert.equal(await postActivity(http.url, message('e1', 'conv-east-1'), east.url), 200);
    assert.equal(await postActivity(http.url, message('w1', 'conv-west-1'), west.url), 200);
    // Two at once on the same URL: still one client.
    const both = await Promise.all([
      postActivity(http.url, message('e2', 'conv-east-2'), east.url),
      postActivity(http.url, message('e3', 'conv-east-1'), east.url),
    ]);
    assert.deepEqual(both, [200, 200]);
    assert.equal(await postActivity(http.url, message('w2', 'conv-west-2'), west.url), 200);

    const by = (id: string) => clients.find((c) => c.id === id) ?? assert.fail(`no turn ${id}`);
    assert.equal(by('e1').connector, by('e2').connector);
    assert.equal(by('e1').connector, by('e3').connector);
    assert.equal(by('w1').connector, by('w2').connector);
    assert.notEqual(by('e1').connector, by('w1').connector);
    assert.equal(by('e1').userTokens, by('w2').userTokens);

    const replies = (sink: typeof east) => sink.sent.map((s) => `${s.conversationId} ${String(s.activity.text)}`).sort();
    assert.deepEqual(replies(east), ['conv-east-1 reply to e1', 'conv-east-1 reply to e3', 'conv-east-2 reply to e2']);
    assert.deepEqual(replies(west), ['conv-west-1 reply to w1', 'conv-west-2 reply to w2']);
  } finally {
    await http.close(1000);
    await east.close();
    await west.close();
  }
});

test('a proactive turn (continueConversation) reuses the client of its service URL too', async () => {
  const sink = await startConnectorSink();
  const adapter = createAdapter(loadConfig({ CI: 'true', LOG_LEVEL: 'warn' }));
  try {
    const seen: ConnectorClient[] = [];
    const reference = {
      serviceUrl: sink.url,
      channelId: 'msteams',
      conversation: { id: 'conv-p', isGroup: false, conversationType: 'personal', name: '' },
    };
    for (const text of ['one', 'two']) {
      await adapter.continueConversationAsync('', reference, async (context) => {
        seen.push(context.turnState.get(adapter.ConnectorClientKey));
        await context.sendActivity(text);
      });
    }
    assert.equal(seen[0], seen[1]);
    assert.deepEqual(
      sink.sent.map((s) => s.activity.text),
      ['one', 'two'],
    );
  } finally {
    await sink.close();
  }
});

test('a client that could not be made is not kept: the next turn tries again', async () => {
  let attempts = 0;
  const inner = new ConfigurationBotFrameworkAuthentication({});
  const reused = new ReusedConnectorClients(inner);
  const result = await reused.authenticateRequest(
    { type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/' } as never,
    '',
  );
  const factory = result.connectorFactory ?? assert.fail('no connector factory');
  // The inner factory fails once (as a credentials lookup might), then works.
  const original = inner.createConnectorFactory.bind(inner);
  const flaky = new ReusedConnectorClients(
    Object.assign(Object.create(inner) as ConfigurationBotFrameworkAuthentication, {
      createConnectorFactory: (claims: Parameters<typeof original>[0]) => {
        const real = original(claims);
        return {
          create: (url: string, audience?: string) => {
            attempts += 1;
            return attempts === 1 ? Promise.reject(new Error('no credentials yet')) : real.create(url, audience);
          },
        };
      },
    }),
  );
  const claims = result.claimsIdentity;
  await assert.rejects(flaky.createConnectorFactory(claims).create('http://127.0.0.1:1/'), /no credentials yet/);
  const client = await flaky.createConnectorFactory(claims).create('http://127.0.0.1:1/');
  assert.equal(await flaky.createConnectorFactory(claims).create('http://127.0.0.1:1/'), client);
  assert.equal(attempts, 2);
  // And the plain factory from authenticateRequest hands out one client per URL.
  assert.equal(await factory.create('http://127.0.0.1:1/'), await factory.create('http://127.0.0.1:1/'));
  assert.notEqual(await factory.create('http://127.0.0.1:1/'), await factory.create('http://127.0.0.1:2/'));
});

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
