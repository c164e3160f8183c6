// What the adapter answers an HTTP request with, before and around the turn (src/teams/adapter.ts
// process): botbuilder's answers, without its per-request schema building.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityTypes } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { createAdapter } from '../../src/teams/adapter';
import { newTeamsApplication } from '../../src/teams/application';
import { createHttpApp, listen } from '../../src/teams/http-server';
import { startConnectorSink } from '../../scripts/rig/connector';

async function withBot(run: (post: (body: string) => Promise<{ status: number; agent: string | null }>, turns: string[]) => Promise<void>) {
  const adapter = createAdapter(loadConfig({ CI: 'true', LOG_LEVEL: 'warn' }));
  const app = newTeamsApplication(adapter);
  const turns: string[] = [];
  app.activity(ActivityTypes.Message, async (context) => {
    turns.push(`${context.activity.text} ${context.activity.timestamp instanceof Date ? 'date' : typeof context.activity.timestamp}`);
    await context.sendActivity('ok');
  });
  const http = await listen(
    createHttpApp({ adapter, app, logger: createLogger('silent'), readiness: () => new Promise(() => undefined) }),
    0,
    '127.0.0.1',
  );
  try {
    await run(async (body) => {
      const res = await fetch(`${http.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.text();
      return { status: res.status, agent: res.headers.get('user-agent') };
    }, turns);
  } finally {
    await http.close(1000);
  }
}

test('a message runs its turn, with its timestamp as a Date, and the answer names teams-ai as the User-Agent', async () => {
  const sink = await startConnectorSink();
  try {
    await withBot(async (post, turns) => {
      const activity = {
        type: 'message',
        id: 'm1',
        text: 'hello',
        timestamp: '2026-11-23T09:15:02.123Z',
        channelId: 'msteams',
        serviceUrl: sink.url,
        from: { id: '29:a' },
        recipient: { id: '28:b' },
        conversation: { id: 'c1', conversationType: 'personal' },
      };
      const answer = await post(JSON.stringify(activity));
      assert.equal(answer.status, 200);
      assert.match(answer.agent ?? '', /^teamsai-js\//);
      assert.deepEqual(turns, ['hello date']);
      assert.equal(sink.sent.length, 1);
    });
  } finally {
    await sink.close();
  }
});

test('a body that is not an activity object, or an activity without a type, is answered 400 without a turn', async () => {
  await withBot(async (post, turns) => {
    assert.equal((await post('[{"type":"message"}]')).status, 400);
    assert.equal((await post('{"text":"no type","serviceUrl":"http://127.0.0.1:1"}')).status, 400);
    assert.equal((await post('{"type":"","serviceUrl":"http://127.0.0.1:1"}')).status, 400);
    assert.deepEqual(turns, []);
  });
});
