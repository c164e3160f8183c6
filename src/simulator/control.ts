// Control endpoints under /_sim/ for tests and benchmarks that run the simulator in another
// process. Not authenticated, not logged, not rate limited.
import type { Budget } from './budget';
import type { CallLog } from './call-log';
import type { FaultController } from './faults';
import { parseFaultRule } from './faults';
import { SimHttpError } from './http';

export interface ControlDeps {
  calls: CallLog;
  faults: FaultController;
  budget: Budget;
}

export interface ControlResponse {
  status: number;
  body: unknown;
}

/** `path` is the raw path without the query. */
export function handleControl(method: string, path: string, body: string, deps: ControlDeps): ControlResponse {
  const route = path.replace(/\/+$/, '');
  const allow = (methods: string[]): void => {
    if (!methods.includes(method)) {
      throw new SimHttpError(405, 'MethodNotAllowed', `${method} is not allowed on ${route}.`, { Allow: methods.join(', ') });
    }
  };
  switch (route) {
    case '/_sim/calls':
      allow(['GET']);
      return { status: 200, body: { total: deps.calls.total(), byEndpoint: deps.calls.byEndpoint(), entries: deps.calls.entries() } };
    case '/_sim/reset':
      allow(['POST']);
      deps.calls.reset();
      deps.budget.reset();
      deps.faults.clear();
      return { status: 200, body: { ok: true } };
    case '/_sim/faults':
      allow(['GET', 'POST', 'DELETE']);
      if (method === 'DELETE') {
        deps.faults.clear();
        return { status: 200, body: { ok: true, faults: [] } };
      }
      if (method === 'POST') {
        const rule = parseFaultRule(parseJson(body));
        if (typeof rule === 'string') throw new SimHttpError(400, 'InvalidInput', rule);
        deps.faults.set(rule.fault, {
          ...(rule.endpoint ? { endpoint: rule.endpoint } : {}),
          ...(rule.remaining !== undefined ? { times: rule.remaining } : {}),
        });
        return { status: 200, body: { ok: true, faults: deps.faults.active() } };
      }
      return { status: 200, body: { faults: deps.faults.active() } };
    default:
      throw new SimHttpError(404, 'ResourceNotFound', `No control endpoint ${route}.`);
  }
}

function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    throw new SimHttpError(400, 'InvalidInput', 'The request body is not valid JSON.');
  }
}
