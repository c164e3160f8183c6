// Every request to /api/* as the simulator saw it, for tests and benchmarks to count calls.
import { ENDPOINT_KEYS, type EndpointKey } from './endpoints';

export interface CallEntry {
  method: string;
  /** Raw request target, query included. */
  path: string;
  /** null when the path matched no endpoint. */
  endpoint: EndpointKey | null;
  /** Persona id of the authenticated caller; null when authentication failed. */
  analyst: string | null;
  /** HTTP status answered; 0 when the connection was reset (fault). */
  status: number;
  /** Clock reading (ms) when the request arrived. */
  at: number;
  /** Whether the call consumed rate-limit budget. */
  counted: boolean;
}

export class CallLog {
  private log: CallEntry[] = [];

  record(entry: CallEntry): void {
    this.log.push(entry);
  }

  /** All /api requests, whatever their outcome. */
  total(): number {
    return this.log.length;
  }

  /** Requests per endpoint, whatever their outcome (429s and faults included). */
  byEndpoint(): Record<EndpointKey, number> {
    const counts = Object.fromEntries(ENDPOINT_KEYS.map((k) => [k, 0])) as Record<EndpointKey, number>;
    for (const e of this.log) if (e.endpoint !== null) counts[e.endpoint] += 1;
    return counts;
  }

  entries(): CallEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  reset(): void {
    this.log = [];
  }
}
