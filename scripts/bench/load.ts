// The load generator's two drivers, over node:http with keep-alive (what the Bot Framework channel
// does). A POST to /api/messages completes when the turn has finished, replies sent, so its latency is
// the whole turn as the channel sees it. Closed loop for throughput, open loop (fixed send times) for
// the burst.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { message, type Activity } from './activities';
import { summarize, type LatencySummary } from './stats';

/** A turn that has not finished after this long counts as an error (status 0). */
const REQUEST_TIMEOUT_MS = 120_000;

export interface ClosedLoopParams {
  url: string;
  serviceUrl: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  text: string;
  /** Analyst numbers: analystBase + (request number mod analysts), so requests cycle through a pool of people. */
  analystBase: number;
  analysts: number;
  idPrefix: string;
}

export interface ClosedLoopResult {
  /** Requests that finished inside the measured window (after warm-up). */
  completed: number;
  /** Of those, how many did not answer HTTP 200. */
  errors: number;
  /** Requests sent in total, warm-up and tail included (each should get one reply). */
  sent: number;
  /** Answered requests per second in the measured window. */
  rps: number;
  latencyMs: LatencySummary;
}

export async function closedLoop(template: Activity, p: ClosedLoopParams): Promise<ClosedLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: p.concurrency });
  const target = new URL('/api/messages', p.url);
  const start = performance.now();
  const measureFrom = start + p.warmupMs;
  const end = measureFrom + p.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;

  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const n = sent++;
      const body = JSON.stringify(
        message(template, { id: `${p.idPrefix}-${n}`, analyst: p.analystBase + (n % p.analysts), text: p.text, serviceUrl: p.serviceUrl }),
      );
      const t0 = performance.now();
      const status = await post(agent, target, body);
      const t1 = performance.now();
      if (t1 < measureFrom || t1 > end) continue;
      latencies.push(t1 - t0);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: p.concurrency }, () => worker()));
  agent.destroy();
  return { completed: latencies.length, errors, sent, rps: latencies.length / (p.durationMs / 1000), latencyMs: summarize(latencies) };
}

export interface BurstCommand {
  /** Send time after the burst starts. */
  atMs: number;
  id: string;
  analyst: number;
  text: string;
  value?: unknown;
}

export interface BurstParams {
  url: string;
  serviceUrl: string;
  commands: BurstCommand[];
}

export interface BurstResult {
  id: string;
  /** HTTP status; 0 for a network error or a timeout. */
  status: number;
  sentAtMs: number;
  latencyMs: number;
}

export async function openLoop(template: Activity, p: BurstParams): Promise<BurstResult[]> {
  const agent = new Agent({ keepAlive: true });
  const target = new URL('/api/messages', p.url);
  const start = performance.now();
  const results = await Promise.all(
    p.commands.map(async (c): Promise<BurstResult> => {
      const wait = start + c.atMs - performance.now();
      if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
      const body = JSON.stringify(
        message(template, {
          id: c.id,
          analyst: c.analyst,
          text: c.text,
          ...(c.value === undefined ? {} : { value: c.value }),
          serviceUrl: p.serviceUrl,
        }),
      );
      const t0 = performance.now();
      const status = await post(agent, target, body);
      return { id: c.id, status, sentAtMs: t0 - start, latencyMs: performance.now() - t0 };
    }),
  );
  agent.destroy();
  return results;
}

/** POSTs one activity; resolves with the status once the body is read (0 on error or timeout). */
function post(agent: Agent, target: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(0));
    req.end(body);
  });
}
