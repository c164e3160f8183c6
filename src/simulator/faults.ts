// Injected failures for tests: each rule applies to one endpoint or all, for N requests or until
// cleared. Rules are tried in the order they were set; the first that matches a request applies.
import { isEndpointKey, type EndpointKey } from './endpoints';

export type Fault =
  /** Answer normally, but only after `ms` milliseconds (real time, not the injected clock). */
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503 }
  /** 429 with this Retry-After, whatever the budget says. */
  | { kind: 'throttle'; retryAfterSeconds: number }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformedJson' }
  /** 200 with valid JSON of the wrong shape. */
  | { kind: 'wrongShape' }
  /** The connection is destroyed without an answer. */
  | { kind: 'reset' }
  /** users/{name}/machines answers 404 for unknown users, as the 2018 docs say. */
  | { kind: 'legacyUserNotFound' }
  /** 200 with an empty body. */
  | { kind: 'emptyOk' };

export type FaultKind = Fault['kind'];

export interface FaultOptions {
  endpoint?: EndpointKey;
  /** How many requests the rule affects; unlimited when absent. */
  times?: number;
}

export interface FaultRule {
  fault: Fault;
  endpoint?: EndpointKey;
  /** Requests still to affect; undefined = until cleared. */
  remaining?: number;
}

export class FaultController {
  private rules: FaultRule[] = [];

  /** Adds a rule (it does not replace earlier ones). Throws TypeError on an invalid fault. */
  set(fault: Fault, options: FaultOptions = {}): void {
    const parsed = parseFaultRule({ fault, endpoint: options.endpoint, times: options.times });
    if (typeof parsed === 'string') throw new TypeError(parsed);
    this.rules.push(parsed);
  }

  clear(): void {
    this.rules = [];
  }

  active(): FaultRule[] {
    return this.rules.map((r) => ({ ...r, fault: { ...r.fault } }));
  }

  /** The fault to apply to a request to `endpoint`, if any; uses one of the rule's `times`. */
  take(endpoint: EndpointKey): Fault | undefined {
    return this.consume((r) => r.fault.kind !== 'legacyUserNotFound' && (r.endpoint === undefined || r.endpoint === endpoint));
  }

  /** Whether an unknown user gets the legacy 404; uses one of the rule's `times` when it does. */
  takeLegacyUserNotFound(): boolean {
    return (
      this.consume((r) => r.fault.kind === 'legacyUserNotFound' && (r.endpoint === undefined || r.endpoint === 'users/{name}/machines')) !==
      undefined
    );
  }

  private consume(match: (r: FaultRule) => boolean): Fault | undefined {
    const rule = this.rules.find(match);
    if (rule === undefined) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule.fault;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates `{ fault, endpoint?, times? }` from untrusted input; returns an error message when invalid. */
export function parseFaultRule(input: unknown): FaultRule | string {
  if (!isRecord(input)) return 'expected an object { fault, endpoint?, times? }';
  const fault = parseFault(input.fault);
  if (typeof fault === 'string') return fault;
  const rule: FaultRule = { fault };
  if (input.endpoint !== undefined) {
    if (!isEndpointKey(input.endpoint)) return `unknown endpoint ${JSON.stringify(input.endpoint)}`;
    rule.endpoint = input.endpoint;
  }
  if (input.times !== undefined) {
    if (typeof input.times !== 'number' || !Number.isSafeInteger(input.times) || input.times < 1) return 'times must be a positive integer';
    rule.remaining = input.times;
  }
  return rule;
}

function parseFault(input: unknown): Fault | string {
  if (!isRecord(input)) return 'fault must be an object with a kind';
  switch (input.kind) {
    case 'latency': {
      const ms = input.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) return 'latency needs ms between 0 and 600000';
      return { kind: 'latency', ms };
    }
    case 'status': {
      const status = input.status;
      if (status !== 500 && status !== 502 && status !== 503) return 'status must be 500, 502 or 503';
      return { kind: 'status', status };
    }
    case 'throttle': {
      const s = input.retryAfterSeconds;
      if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) return 'throttle needs a non-negative integer retryAfterSeconds';
      return { kind: 'throttle', retryAfterSeconds: s };
    }
    case 'malformedJson':
    case 'wrongShape':
    case 'reset':
    case 'legacyUserNotFound':
    case 'emptyOk':
      return { kind: input.kind };
    default:
      return `unknown fault kind ${JSON.stringify(input.kind)}`;
  }
}
