// Process: a local stand-in for the Bot Framework connector (the activities' serviceUrl), adapted from
// scripts/rig/connector.ts. Under load it only counts replies (storing thousands of cards would
// measure this process, not the bot); while recording it also keeps the message activities, which
// calibration and the burst read back.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from './rpc';
import { isThrottledSummary, type RecordedReply, type SinkApi, type SinkInfo, type SinkStats } from './sink-api';

serve<SinkApi, SinkInfo>(async () => {
  const stats: SinkStats = { messages: 0, typing: 0, other: 0, throttled: 0 };
  let recording = false;
  let recorded: RecordedReply[] = [];
  let nextId = 1;

  const server = createServer((req, res) => {
    const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // /v3/conversations/{conversationId}/activities[/{replyToId}]: a reply or a new activity.
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[2] !== undefined) {
      const conversationId = parts[2];
      const replyToId = parts[4];
      readBody(req).then(
        (text) => {
          const activity = JSON.parse(text) as Record<string, unknown>;
          if (activity.type === 'message') {
            stats.messages += 1;
            if (isThrottledSummary(activity.summary)) stats.throttled += 1;
            if (recording)
              recorded.push({ conversationId, receivedAt: Date.now(), ...(replyToId === undefined ? {} : { replyToId }), activity });
          } else if (activity.type === 'typing') {
            stats.typing += 1;
          } else {
            stats.other += 1;
          }
          json(200, { id: `reply-${nextId++}` });
        },
        () => json(400, { error: { code: 'BadRequest', message: 'unreadable body' } }),
      );
      return;
    }
    // The bench never @mentions a colleague, so roster lookups answer "not found" like an unknown member.
    json(404, { error: { code: 'NotFound', message: `no route ${req.method} ${req.url}` } });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    info: { url: `http://127.0.0.1:${port}/` },
    handlers: {
      stats: async () => ({ ...stats }),
      record: async ({ on }) => {
        recording = on;
        recorded = [];
      },
      takeRecorded: async () => {
        const out = recorded;
        recorded = [];
        return out;
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
