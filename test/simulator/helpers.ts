// Shared helpers for the simulator tests: a manual clock and a small HTTP client over fetch.
import assert from 'node:assert/strict';
import { demoToken, startSimulator, type PersonaId, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator';

export const START = Date.parse('2026-03-02T10:00:00.000Z');

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = START): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export function startTestSim(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ now: manualClock().now, ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; undefined when the body is empty or not JSON. */
  json: unknown;
}

/** GET (by default) `path` as `persona`; `persona` null sends no Authorization header. */
export async function call(
  sim: { url: string },
  path: string,
  persona: PersonaId | null = 'soc-lead',
  init: RequestInit = {},
): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (persona !== null && !headers.has('authorization')) headers.set('Authorization', `Bearer ${demoToken(persona)}`);
  const res = await fetch(path.startsWith('http') ? path : `${sim.url}${path}`, { ...init, headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): Record<string, unknown> {
  assert.ok(isRecord(value), `expected a JSON object, got ${JSON.stringify(value)}`);
  return value;
}

/** The `value` array of a 200 collection response, as objects. */
export function values(reply: Reply): Array<Record<string, unknown>> {
  assert.equal(reply.status, 200, reply.text);
  const body = record(reply.json);
  assert.ok(Array.isArray(body.value), 'value is an array');
  return body.value.map(record);
}

export function ids(reply: Reply): string[] {
  return values(reply).map((m) => String(m.id));
}

/** Asserts the API's error envelope with a uuid correlation id, and returns the code. */
export function errorCode(reply: Reply, status: number): string {
  assert.equal(reply.status, status, reply.text);
  const error = record(record(reply.json).error);
  assert.equal(typeof error.code, 'string');
  assert.equal(typeof error.message, 'string');
  assert.match(String(error.target), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return String(error.code);
}

export function filterPath(filter: string, extra = ''): string {
  return `/api/machines?$filter=${encodeURIComponent(filter)}${extra}`;
}

/** The OData string literal for `value` ('' doubling), as the bot's client builds it. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
