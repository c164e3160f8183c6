// A fake of the Defender API at the wire level: it records each request (url, method, headers,
// signal) and answers with a status, headers and body text, as a real server would — the client
// under test does its own JSON parsing, so fixtures are served as the raw file text.
import type { FetchLike } from '../../src/defender/client-types';
import { readFixtureText } from '../../scripts/rig/repo-root';

export const BASE_URL = 'https://api.security.microsoft.com';
/** Looks like a JWT so that redaction cannot rely on it looking like anything else. */
export const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJsZWFrLWNoZWNrIn0.SECRET-SIGNATURE-7f3a9c';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  signal?: AbortSignal | undefined;
}

export interface WireReply {
  status: number;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
}

/** What the fake does for one request: answer, or behave like a broken network. */
export type Behaviour =
  | WireReply
  | { kind: 'networkError'; error: unknown }
  /** Never answers; rejects with an AbortError when the client aborts, like undici. */
  | { kind: 'hang' }
  /** Never answers and ignores the abort signal, like a badly written fetch. */
  | { kind: 'hangIgnoringAbort' }
  /** Sends status and headers, then the body never arrives (or its read fails). */
  | { kind: 'bodyHangs'; status: number }
  | { kind: 'bodyFails'; status: number; error: unknown };

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

/** A reply whose body is a fixture from test/fixtures/defender/. */
export function fixture(status: number, name: string, headers: Record<string, string> = {}): WireReply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: readFixtureText(`defender/${name}`) };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): WireReply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body };
}

/**
 * A fake fetch. `route` picks the behaviour from the request URL (and the call's index); a request
 * it returns undefined for fails the test loudly instead of answering something plausible.
 */
export function fakeFetch(route: (url: URL, index: number) => Behaviour | undefined): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const index = calls.length;
    calls.push({ url, method: init.method, headers: { ...init.headers }, signal: init.signal });
    const behaviour = route(new URL(url), index);
    if (behaviour === undefined) throw new Error(`fake Defender API has no answer for ${init.method} ${url}`);
    if ('kind' in behaviour) {
      switch (behaviour.kind) {
        case 'networkError':
          throw behaviour.error;
        case 'hang':
          return new Promise((_, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
          });
        case 'hangIgnoringAbort':
          return new Promise(() => {});
        case 'bodyHangs':
          return { status: behaviour.status, headers: new Headers(), text: () => new Promise<string>(() => {}) };
        case 'bodyFails': {
          const error = behaviour.error;
          return { status: behaviour.status, headers: new Headers(), text: () => Promise.reject(error) };
        }
      }
    }
    const body = behaviour.body ?? '';
    return { status: behaviour.status, headers: new Headers(behaviour.headers ?? {}), text: async () => body };
  };
  return { fetch, calls };
}

/** Answers the n-th request with the n-th behaviour. */
export function inOrder(...behaviours: Behaviour[]): (url: URL, index: number) => Behaviour | undefined {
  return (_url, index) => behaviours[index];
}

/**
 * The error undici's fetch throws on a reset connection, made worse: the message, a property and
 * the cause all hold the Authorization header, as a careless wrapper of fetch might do.
 */
export function leakyNetworkError(): Error {
  const reset = Object.assign(new Error(`read ECONNRESET while sending Authorization: Bearer ${TOKEN}`), {
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  return Object.assign(new TypeError(`fetch failed (token ${TOKEN})`, { cause: reset }), {
    request: { method: 'GET', headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } },
    init: { headers: new Headers({ Authorization: `Bearer ${TOKEN}` }) },
  });
}
