// A simulated Microsoft Defender for Endpoint tenant speaking the API's wire protocol over real
// HTTP: demo mode (`npm start` without Azure) and every end-to-end test run against it.
// Behaviour and the choices made where the docs are silent: ./README.md.
import { createServer } from 'node:http';
import { demoAuthenticate, type Authenticator } from './auth';
import { Budget, DEFAULT_LIMITS, type BudgetLimits } from './budget';
import { CallLog } from './call-log';
import { generateTenant } from './data/tenant';
import type { TenantData } from './data/types';
import type { EndpointKey } from './endpoints';
import { FaultController } from './faults';
import { DEFAULT_ACTION_TIMINGS, MachineActionBook, type ActionTimings } from './machine-actions';
import { requestListener } from './server';

export { demoToken, demoAuthenticate, type AuthResult, type Authenticator } from './auth';
export { PERSONAS, PERSONA_IDS, SOC_LEAD, ANALYST_EMEA, ANALYST_US, NO_ROLE, type Persona, type PersonaId } from './personas';
export { ENDPOINT_KEYS, type EndpointKey } from './endpoints';
export { DEFAULT_ACTION_TIMINGS, type ActionTimings } from './machine-actions';
export { FaultController, type Fault, type FaultKind, type FaultOptions, type FaultRule } from './faults';
export { CallLog, type CallEntry } from './call-log';
export type { BudgetLimits } from './budget';
export type { TenantData, WireMachine, WireLogonUser, DeviceGroup, TenantUser, LogonRecord } from './data/types';
export type { WireAlert, WireAlertComment, WireAlertEvidence } from './data/types';
export { machineVisibility, canSeeGroup } from './rbac';
export * as facts from './data/facts';

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Clock in ms; injectable so tests can let a minute or an hour pass. Default Date.now. */
  now?: () => number;
  /** Per endpoint, whole tenant. Default 100 per minute, 1500 per hour. */
  limits?: BudgetLimits;
  /** Collections longer than this carry @odata.nextLink (default 10000). */
  serverPageSize?: number;
  /** Default: demo tokens `demo-analyst:<personaId>`. */
  authenticate?: Authenticator;
  /** How fast response actions move Pending → InProgress → Succeeded (default 1 s, 3 s). */
  actionTimings?: ActionTimings;
}

export interface BudgetControl {
  /** Forgets every counted call: a fresh minute and hour for every endpoint. */
  reset(): void;
  /** Calls counted for an endpoint within the last minute and hour. */
  usage(endpoint: EndpointKey): { lastMinute: number; lastHour: number };
}

export interface SimulatorHandle {
  /** e.g. http://127.0.0.1:54321 — the API base; paths start with /api. */
  url: string;
  close(): Promise<void>;
  faults: FaultController;
  calls: CallLog;
  budget: BudgetControl;
  /** The generated tenant, for tests to derive expectations from. */
  data: TenantData;
  /** When a device was isolated and still is (a succeeded Isolate with no later succeeded Unisolate). */
  isolatedSince(machineId: string): number | undefined;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`startSimulator: ${name} must be a positive integer`);
  return value;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const now = options.now ?? Date.now;
  const limits: BudgetLimits = {
    perMinute: positiveInteger(options.limits?.perMinute, DEFAULT_LIMITS.perMinute, 'limits.perMinute'),
    perHour: positiveInteger(options.limits?.perHour, DEFAULT_LIMITS.perHour, 'limits.perHour'),
  };
  const serverPageSize = positiveInteger(options.serverPageSize, 10_000, 'serverPageSize');
  const host = options.host ?? '127.0.0.1';
  const data = generateTenant(now());
  const calls = new CallLog();
  const faults = new FaultController();
  const budget = new Budget(limits, now);
  const timers = new Set<NodeJS.Timeout>();
  const actions = new MachineActionBook(options.actionTimings ?? DEFAULT_ACTION_TIMINGS);
  let url = '';

  const server = createServer(
    requestListener({
      data,
      now,
      authenticate: options.authenticate ?? demoAuthenticate,
      budget,
      faults,
      calls,
      serverPageSize,
      baseUrl: () => url,
      actions,
      delay: (ms) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startSimulator: not listening on a TCP port');
  const shownHost = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  url = `http://${shownHost}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    faults,
    calls,
    budget,
    data,
    isolatedSince: (machineId) => actions.isolatedSince(machineId, now()),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
