import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HttpRequestError, httpExchange } from '../../src/shared/http-client';
import { closedPort } from '../helpers/closed-port';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real HTTP server on a free port for the length of `run`. */
async function withServer(handler: Handler, run: (base: string) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test('sends method, headers and body, and answers status, headers and the body as text', async () => {
  await withServer(
    (req, body, res) => {
      res.setHeader('x-echo', `${req.method} ${req.url} ${req.headers.authorization} ${req.headers['content-length']}`);
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.statusCode = 201;
      res.end(`{"received":${body}}`);
    },
    async (base) => {
      const reply = await httpExchange(`${base}/v3/conversations/c1/activities?x=1`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: '{"text":"hé"}',
      });
      assert.equal(reply.status, 201);
      // 14 bytes: the length is counted in UTF-8, not in characters.
      assert.equal(reply.headers.get('X-Echo'), 'POST /v3/conversations/c1/activities?x=1 Bearer t 14');
      assert.equal(reply.headers.get('set-cookie'), 'a=1, b=2');
      assert.equal(reply.headers.get('retry-after'), null);
      assert.ok(reply.headerEntries().some(([name, value]) => name === 'x-echo' && value.startsWith('POST ')));
      assert.equal(await reply.text(), '{"received":{"text":"hé"}}');
      await assert.rejects(reply.text(), /already read/);
    },
  );
});

test('a gzip answer is decompressed, and a byte-order mark is dropped as fetch drops it', async () => {
  await withServer(
    (req, _body, res) => {
      assert.match(req.headers['accept-encoding'] ?? '', /gzip/);
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(Buffer.from('\ufeff{"value":[1,2,3]}', 'utf8')));
    },
    async (base) => {
      const reply = await httpExchange(`${base}/api/machines`, { method: 'GET', headers: {} });
      assert.equal(await reply.text(), '{"value":[1,2,3]}');
    },
  );
});

test('a redirect is answered as it came, never followed with the caller’s Authorization header', async () => {
  let requests = 0;
  await withServer(
    (_req, _body, res) => {
      requests += 1;
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    },
    async (base) => {
      const reply = await httpExchange(`${base}/api/machines`, { method: 'GET', headers: { authorization: 'Bearer secret' } });
      assert.equal(reply.status, 302);
      assert.equal(reply.headers.get('location'), 'http://127.0.0.1:1/elsewhere');
      await reply.text();
      assert.equal(requests, 1);
    },
  );
});

test('a refused connection rejects with an HttpRequestError whose cause carries the system code', async () => {
  const port = await closedPort();
  const error = await httpExchange(`http://127.0.0.1:${port}/x`, { method: 'GET', headers: {} }).then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpRequestError);
  assert.equal((error.cause as { code?: string }).code, 'ECONNREFUSED');
});

test('an abort before the answer rejects with the signal’s reason and ends the exchange', async () => {
  let closed!: () => void;
  const serverSawClose = new Promise<void>((resolve) => {
    closed = resolve;
  });
  await withServer(
    (req) => {
      req.socket.on('close', closed);
      // Never answers.
    },
    async (base) => {
      const controller = new AbortController();
      const pending = httpExchange(`${base}/slow`, { method: 'GET', headers: {}, signal: controller.signal });
      setTimeout(() => controller.abort(new DOMException('timed out after 20 ms', 'TimeoutError')), 20);
      await assert.rejects(pending, (e: unknown) => e instanceof DOMException && e.name === 'TimeoutError');
      await serverSawClose;
    },
  );
});

test('an abort while the body is still arriving rejects the read with the signal’s reason', async () => {
  await withServer(
    (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"value":[');
      // The rest never comes.
    },
    async (base) => {
      const controller = new AbortController();
      const reply = await httpExchange(`${base}/partial`, { method: 'GET', headers: {}, signal: controller.signal });
      const reading = reply.text();
      setTimeout(() => controller.abort(new DOMException('stop', 'AbortError')), 20);
      await assert.rejects(reading, (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
    },
  );
});

test('a connection that breaks off mid-body rejects the read instead of answering half a body', async () => {
  await withServer(
    (_req, _body, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"value":[');
      setTimeout(() => res.socket?.destroy(), 10);
    },
    async (base) => {
      const reply = await httpExchange(`${base}/broken`, { method: 'GET', headers: {} });
      await assert.rejects(reply.text(), HttpRequestError);
    },
  );
});

test('an already aborted signal sends nothing', async () => {
  let requests = 0;
  await withServer(
    (_req, _body, res) => {
      requests += 1;
      res.end();
    },
    async (base) => {
      const reason = new Error('gave up');
      await assert.rejects(
        httpExchange(`${base}/x`, { method: 'GET', headers: {}, signal: AbortSignal.abort(reason) }),
        (e) => e === reason,
      );
      assert.equal(requests, 0);
    },
  );
});
