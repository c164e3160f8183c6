// The reply transport, driven through botbuilder's real ConnectorClient against a local connector
// (the same REST paths Teams' connector serves), so botbuilder's own retry policy is in the loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import {
  ConnectorDeliveryError,
  connectorTransport,
  type ConnectorRetryEvent,
  type ConnectorTransportOptions,
} from '../../src/teams/connector-transport';
import { startConnectorSink, type ConnectorSink } from '../../scripts/rig/connector';

const reply = { type: 'message', text: 'a card' };

function fastOptions(
  extra: Partial<ConnectorTransportOptions> = {},
): ConnectorTransportOptions & { waits: number[]; retries: ConnectorRetryEvent[] } {
  const waits: number[] = [];
  const retries: ConnectorRetryEvent[] = [];
  return {
    timeoutMs: 2_000,
    maxAttempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 8_000,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onRetry: (e) => retries.push(e),
    waits,
    retries,
    ...extra,
  };
}

function clientFor(url: string, options?: ConnectorTransportOptions): ConnectorClient {
  return new ConnectorClient(MicrosoftAppCredentials.Empty, {
    baseUri: url,
    ...(options === undefined ? {} : { httpClient: connectorTransport(options) }),
  });
}

async function withSink(run: (sink: ConnectorSink) => Promise<void>): Promise<void> {
  const sink = await startConnectorSink();
  try {
    await run(sink);
  } finally {
    await sink.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected the send to fail');
}

test('why: botbuilder’s own pipeline resends a reply the connector answered 503', async () => {
  // Guards the premise of the transport. If botbuilder stops resending, this fails and the transport can go.
  await withSink(async (sink) => {
    sink.failNextPosts({ status: 503 });
    await clientFor(sink.url).conversations.replyToActivity('conv-1', 'act-1', reply);
    assert.deepEqual(
      sink.postAttempts.map((a) => a.answered),
      [503, 200],
    );
  });
});

test('a reply answered 503 is sent once, not resent, and fails with a coded error', async () => {
  await withSink(async (sink) => {
    const options = fastOptions();
    sink.failNextPosts({ status: 503 });
    const e = await rejection(clientFor(sink.url, options).conversations.replyToActivity('conv-1', 'act-1', reply));
    assert.ok(e instanceof ConnectorDeliveryError, String(e));
    assert.equal(e.code, 'serverError');
    assert.equal(e.status, 503);
    assert.deepEqual(
      sink.postAttempts.map((a) => a.answered),
      [503],
    );
    assert.equal(sink.sent.length, 0);
  });
});

test('a reply answered 500 or 502 is not resent either', async () => {
  for (const status of [500, 502]) {
    await withSink(async (sink) => {
      sink.failNextPosts({ status });
      const e = await rejection(clientFor(sink.url, fastOptions()).conversations.replyToActivity('conv-1', 'act-1', reply));
      assert.ok(e instanceof ConnectorDeliveryError && e.status === status, String(e));
      assert.equal(sink.postAttempts.length, 1, `${status}: one attempt`);
    });
  }
});

test('a reply answered 429 waits for Retry-After, then is delivered once', async () => {
  await withSink(async (sink) => {
    const options = fastOptions();
    sink.failNextPosts({ status: 429, retryAfter: '2' }, { status: 429, retryAfter: '1' });
    const sent = await clientFor(sink.url, options).conversations.replyToActivity('conv-1', 'act-1', reply);
    assert.match(String(sent.id), /^reply-/);
    assert.deepEqual(
      sink.postAttempts.map((a) => a.answered),
      [429, 429, 200],
    );
    assert.deepEqual(options.waits, [2_000, 1_000]);
    assert.deepEqual(
      options.retries.map((r) => [r.reason, r.attempt, r.path]),
      [
        ['throttled', 1, '/v3/conversations/conv-1/activities/act-1'],
        ['throttled', 2, '/v3/conversations/conv-1/activities/act-1'],
      ],
    );
    assert.equal(sink.sent.length, 1);
  });
});

test('a 429 without Retry-After backs off exponentially with jitter, capped', async () => {
  await withSink(async (sink) => {
    const jitter = [0, 0.99, 0.5];
    const options = fastOptions({ random: () => jitter.shift() ?? 0.5, maxDelayMs: 1_200 });
    sink.failNextPosts({ status: 429 }, { status: 429 }, { status: 429 });
    await clientFor(sink.url, options).conversations.replyToActivity('conv-1', 'act-1', reply);
    // step = min(cap, 500 × 2^(n-1)), wait = step/2 + r × step/2: 250 + 0, then 500 + 0.99 × 500, then the cap 1200: 600 + 0.5 × 600.
    assert.deepEqual(options.waits, [250, 995, 900]);
    assert.equal(sink.sent.length, 1);
  });
});

test('a reply still throttled after the last attempt fails as throttled', async () => {
  await withSink(async (sink) => {
    sink.failNextPosts(...Array.from({ length: 4 }, () => ({ status: 429, retryAfter: '0' })));
    const e = await rejection(clientFor(sink.url, fastOptions()).conversations.replyToActivity('conv-1', 'act-1', reply));
    assert.ok(e instanceof ConnectorDeliveryError && e.code === 'throttled' && e.attempts === 4, String(e));
    assert.equal(sink.postAttempts.length, 4);
  });
});

test('a dropped connection is not resent (the reply may have arrived)', async () => {
  await withSink(async (sink) => {
    sink.failNextPosts('reset');
    const e = await rejection(clientFor(sink.url, fastOptions()).conversations.replyToActivity('conv-1', 'act-1', reply));
    assert.ok(e instanceof ConnectorDeliveryError && e.code === 'connectionLost', String(e));
    assert.equal(sink.postAttempts.length, 1);
  });
});

test('a connector that does not answer in time fails as timeout after one attempt', async () => {
  let requests = 0;
  const server: Server = createServer(() => {
    requests++; /* never answers */
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const e = await rejection(clientFor(url, fastOptions({ timeoutMs: 300 })).conversations.replyToActivity('conv-1', 'act-1', reply));
    assert.ok(e instanceof ConnectorDeliveryError && e.code === 'timeout', String(e));
    assert.equal(requests, 1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('a connector that refuses connections is retried (nothing was sent), then fails as unreachable', async () => {
  const sink = await startConnectorSink();
  const url = sink.url;
  await sink.close();
  const options = fastOptions();
  const e = await rejection(clientFor(url, options).conversations.replyToActivity('conv-1', 'act-1', reply));
  assert.ok(e instanceof ConnectorDeliveryError && e.code === 'unreachable' && e.attempts === 4, String(e));
  assert.deepEqual(
    options.retries.map((r) => r.reason),
    ['refused', 'refused', 'refused'],
  );
});

test('reads (the roster) pass through: a 404 member is the connector’s answer, not a transport error', async () => {
  await withSink(async (sink) => {
    sink.roster.set('29:known', { id: '29:known', name: 'Known', userPrincipalName: 'known@contoso.com' });
    const client = clientFor(sink.url, fastOptions());
    const member = await client.conversations.getConversationMember('conv-1', '29:known');
    assert.equal(member.name, 'Known');
    await assert.rejects(
      client.conversations.getConversationMember('conv-1', '29:unknown'),
      (e: unknown) => !(e instanceof ConnectorDeliveryError) && (e as { statusCode?: number }).statusCode === 404,
    );
  });
});

test('the delivery error carries neither the Authorization header nor the body', async () => {
  await withSink(async (sink) => {
    sink.failNextPosts({ status: 503 });
    const secretReply = { type: 'message', text: 'host-secret-name' };
    const e = await rejection(clientFor(sink.url, fastOptions()).conversations.replyToActivity('conv-1', 'act-1', secretReply));
    const dump = JSON.stringify(e, Object.getOwnPropertyNames(e)) + String(e);
    assert.doesNotMatch(dump, /host-secret-name|authorization|bearer/i);
  });
});
