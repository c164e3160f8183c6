// Production sign-in across two replicas on one real redis-server (scripts/rig/production-rig.ts with
// a second bot process): Teams may deliver the SSO exchange to a replica other than the one that
// asked the analyst to sign in. The parked command lives in Redis, so it resumes wherever the
// sign-in completes, once, however many Teams clients send the exchange. Without Redis it does not
// (the control), which is what the issue reported.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ANALYST_A, ANALYST_B } from '../../scripts/rig/identity/fixtures';
import { jwtShapedStrings } from '../helpers/identity/jwt-scan';
import type { IdpUser } from '../../scripts/rig/identity-provider';
import {
  CONNECTION_NAME,
  invokeFrom,
  messageFrom,
  personalChat,
  startProductionRig,
  waitFor,
  type ConversationSpec,
  type ProductionRig,
} from '../../scripts/rig/production-rig';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const OAUTH = 'application/vnd.microsoft.card.oauth';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Post = ProductionRig['post'];

function attachmentOf(activity: Record<string, unknown>, contentType: string): unknown {
  const attachments = activity.attachments as Array<{ contentType: string; content: unknown }> | undefined;
  return attachments?.find((a) => a.contentType === contentType)?.content;
}

function sentTo(rig: ProductionRig, conversation: ConversationSpec, from: number): Array<Record<string, unknown>> {
  return rig.connector.sent
    .slice(from)
    .filter((s) => s.conversationId === conversation.id && s.activity.type === 'message')
    .map((s) => s.activity);
}

/** The command goes to `askVia`; the OAuth card's exchange id comes back. */
async function parkCommand(rig: ProductionRig, askVia: Post, user: IdpUser, chat: ConversationSpec): Promise<string> {
  const mark = rig.connector.sent.length;
  assert.equal((await askVia(messageFrom(user, chat, 'machines for user1'))).status, 200);
  const prompt = await waitFor(() => sentTo(rig, chat, mark).find((a) => attachmentOf(a, OAUTH) !== undefined), 8000, 'an OAuth card');
  const id = (attachmentOf(prompt, OAUTH) as { tokenExchangeResource?: { id: string } }).tokenExchangeResource?.id;
  assert.ok(id);
  return id;
}

function exchangeInvoke(rig: ProductionRig, user: IdpUser, chat: ConversationSpec, id: string): Record<string, unknown> {
  return invokeFrom(user, chat, 'signin/tokenExchange', { id, connectionName: CONNECTION_NAME, token: rig.idp.mintSsoToken(user) });
}

describe('two production replicas on one Redis', () => {
  let redis: RedisServer;
  let rig: ProductionRig;
  let replicaB: Pick<ProductionRig, 'post' | 'output'>;
  before(async () => {
    redis = await startRedisServer();
    rig = await startProductionRig({ REDIS_URL: redis.url, EXPECTED_REPLICAS: '2' });
    replicaB = await rig.addReplica();
  });
  after(async () => {
    await rig?.close();
    await redis?.stop();
  });

  test('a sign-in completed on replica B resumes the command parked on replica A', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const id = await parkCommand(rig, rig.post, ANALYST_A, chat);
    const mark = rig.connector.sent.length;
    assert.equal((await replicaB.post(exchangeInvoke(rig, ANALYST_A, chat, id))).status, 200);
    const card = await waitFor(
      () => sentTo(rig, chat, mark).find((a) => attachmentOf(a, ADAPTIVE) !== undefined),
      8000,
      'the resumed command',
    );
    assert.match(String(card.summary), /^\d+ machines? for user1$/);
  });

  test('the same exchange from two Teams clients, reaching both replicas, resumes the command once', async () => {
    const chat = personalChat(ANALYST_B, rig.idp.tenantId);
    const id = await parkCommand(rig, replicaB.post, ANALYST_B, chat);
    const mark = rig.connector.sent.length;
    const invoke = exchangeInvoke(rig, ANALYST_B, chat, id);
    const statuses = await Promise.all([rig.post(invoke), replicaB.post(invoke)]);
    assert.deepEqual(
      statuses.map((s) => s.status),
      [200, 200],
    );
    await waitFor(() => sentTo(rig, chat, mark).find((a) => attachmentOf(a, ADAPTIVE) !== undefined), 8000, 'the resumed command');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(sentTo(rig, chat, mark).filter((a) => attachmentOf(a, ADAPTIVE) !== undefined).length, 1, 'answered once');
    // No token in Redis: keys are hashes; values hold parked commands, answers and counters, never an SSO or Defender token.
    const raw = new Redis({ host: '127.0.0.1', port: redis.port, disableClientInfo: true, maintNotifications: 'disabled', protocol: 2 });
    try {
      const keys = await raw.keys('*');
      assert.ok(keys.length > 0);
      for (const key of keys) {
        const type = await raw.type(key);
        const content = type === 'string' ? ((await raw.get(key)) ?? '') : type === 'zset' ? (await raw.zrange(key, 0, -1)).join(' ') : '';
        assert.deepEqual(jwtShapedStrings([key, content]), [], `no token in ${key}`);
      }
    } finally {
      raw.disconnect();
    }
  });
});

describe('control: two production replicas without Redis', () => {
  let rig: ProductionRig;
  let replicaB: Pick<ProductionRig, 'post'>;
  before(async () => {
    rig = await startProductionRig();
    replicaB = await rig.addReplica();
  });
  after(async () => {
    await rig?.close();
  });

  test('the command parked on replica A is never resumed by a sign-in on replica B', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const id = await parkCommand(rig, rig.post, ANALYST_A, chat);
    const mark = rig.connector.sent.length;
    assert.equal((await replicaB.post(exchangeInvoke(rig, ANALYST_A, chat, id))).status, 200);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(sentTo(rig, chat, mark).filter((a) => attachmentOf(a, ADAPTIVE) !== undefined).length, 0);
  });
});
