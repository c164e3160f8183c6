// One HTTP exchange on Node's own client, with a keep-alive pool per protocol: how the bot calls
// Defender and sends replies to the Bot Framework connector. Not the global `fetch`: its WHATWG layer
// (Request and Response objects, body streams, a tee of every request body it might have to resend
// on a redirect) cost ≈ 0.35 ms of CPU per GET and ≈ 0.5 ms per reply POST on the benchmark machine,
// against ≈ 0.2 ms here (BENCHMARKS.md, issue 17), and node:http is loaded anyway (express).
//
// What differs from fetch, on purpose: redirects are never followed (a 3xx is answered as it came,
// so a bearer token is never sent on to another address); the body is a string both ways; a
// compressed answer (gzip, deflate, br) is decompressed, as fetch does. A failure rejects with an
// HttpRequestError whose `cause` is the system error (its `code`, e.g. ECONNREFUSED), like fetch's
// TypeError; an aborted `signal` rejects with the signal's reason, at any point until the body is read.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface HttpInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpReply {
  status: number;
  headers: { get(name: string): string | null };
  /** Every response header, names in lower case, repeated ones joined with ", ". */
  headerEntries(): Array<[string, string]>;
  /** The body as UTF-8 text; once. */
  text(): Promise<string>;
}

/** Thrown when no answer came: `cause` is what Node reported (a system error with `code`). */
export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError';
}

const pools = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export function httpExchange(url: string, init: HttpInit): Promise<HttpReply> {
  const { signal } = init;
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') return Promise.reject(new TypeError(`unsupported protocol ${target.protocol}`));
  const headers: Record<string, string | number> = { ...init.headers, 'accept-encoding': 'gzip, deflate, br' };
  if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
  const request = secure ? httpsRequest : httpRequest;
  const req = request(target, { method: init.method, headers, agent: secure ? pools.https : pools.http });
  // One listener for the whole exchange: an abort destroys the request, and whichever step is
  // pending (the answer, or reading its body) rejects with the signal's reason.
  const abort = (): void => void req.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  const release = (): void => signal?.removeEventListener('abort', abort);
  const failure = (e: unknown, what: string): unknown => {
    release();
    return signal?.aborted === true
      ? signal.reason
      : new HttpRequestError(`${init.method} ${target.origin}: ${what} (${codeOf(e)})`, { cause: e });
  };

  return new Promise<HttpReply>((resolve, reject) => {
    req.on('error', (e) => reject(failure(e, 'no answer')));
    req.on('response', (res) => resolve(replyOf(res, failure, release)));
    req.end(init.body);
  });
}

function replyOf(res: IncomingMessage, failure: (e: unknown, what: string) => unknown, release: () => void): HttpReply {
  let read = false;
  return {
    status: res.statusCode ?? 0,
    headers: { get: (name) => joined(res.headers[name.toLowerCase()]) },
    headerEntries: () => Object.entries(res.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, joined(value) ?? '']])),
    text: () => {
      if (read) return Promise.reject(new TypeError('the body was already read'));
      read = true;
      // Destroyed before it was read: the caller's signal aborted, or the connection broke.
      if (res.destroyed) return Promise.reject(failure(new Error('closed early'), 'the connection closed before the body was read'));
      return new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const body = decoded(res);
        let ended = false;
        body.on('data', (chunk: Buffer) => chunks.push(chunk));
        body.on('end', () => {
          ended = true;
          release();
          const text = Buffer.concat(chunks).toString('utf8');
          // fetch's text() drops a byte-order mark; so does this.
          resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        });
        body.on('error', (e) => reject(failure(e, 'the body broke off')));
        body.on('close', () => {
          if (!ended) reject(failure(new Error('closed early'), 'the connection closed before the body ended'));
        });
      });
    },
  };
}

function decoded(res: IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return res;
  res.on('error', (e) => decoder.destroy(e));
  return res.pipe(decoder);
}

function joined(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}

function codeOf(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'network error';
}
