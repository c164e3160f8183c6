// The simulated tenant as a separate process: its start options, what it reports when ready, and
// typed access to its HTTP control endpoints (src/simulator/control.ts).
import type { CallEntry, EndpointKey, Fault } from '../../src/simulator';

export interface SimChildOptions {
  perMinute: number;
  perHour: number;
  /** Simulated ms per real ms; 1 = real time. Only the rate-limit windows and data dates use it. */
  clockScale: number;
}

export interface SimInfo {
  url: string;
  /** Account names with at least one logon (each has machines). */
  users: string[];
  /** Machines with a 40-hex id and a host name no other record has. */
  machines: Array<{ id: string; host: string }>;
}

export interface SimCalls {
  total: number;
  byEndpoint: Record<EndpointKey, number>;
  entries: CallEntry[];
}

/** Clears the call log, budget windows and faults, then applies `faults` (the reset clears them too). */
export async function resetSim(simUrl: string, faults: Fault[]): Promise<void> {
  await control(simUrl, 'POST', '/_sim/reset');
  for (const fault of faults) await control(simUrl, 'POST', '/_sim/faults', { fault });
}

export async function simCalls(simUrl: string): Promise<SimCalls> {
  return (await control(simUrl, 'GET', '/_sim/calls')) as SimCalls;
}

async function control(simUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${simUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator ${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}
