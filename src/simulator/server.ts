// The HTTP front: the request pipeline for /api (authenticate → route → fault → budget → answer),
// the /_sim control routes, and call logging.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MACHINES_CONTEXT, MACHINE_ENTITY_CONTEXT, handleApi } from './api';
import type { Authenticator } from './auth';
import type { Budget } from './budget';
import type { CallLog } from './call-log';
import { handleControl } from './control';
import type { TenantData } from './data/types';
import { ACTION_ROUTES, matchRoute, type EndpointKey } from './endpoints';
import type { MachineActionBook } from './machine-actions';
import type { Fault, FaultController } from './faults';
import { SimHttpError, readBody, sendError, sendJson, sendText } from './http';

export interface ServerContext {
  data: TenantData;
  now: () => number;
  authenticate: Authenticator;
  budget: Budget;
  faults: FaultController;
  calls: CallLog;
  serverPageSize: number;
  /** The simulator's own base URL, for next links when a request has no Host header. */
  baseUrl: () => string;
  /** Real-time delays (latency faults), cancelled on close. */
  delay: (ms: number) => Promise<void>;
  /** Response actions taken in this tenant. */
  actions: MachineActionBook;
}

export function requestListener(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.on('error', () => undefined);
    void handle(req, res, ctx).catch(() => {
      const id = randomUUID();
      sendError(res, new SimHttpError(500, 'InternalServerError', 'The simulator failed to answer.'), id);
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: ServerContext): Promise<void> {
  const correlationId = randomUUID();
  const at = ctx.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q + 1);

  let body: string;
  try {
    body = await readBody(req);
  } catch (e) {
    const err = e instanceof SimHttpError ? e : new SimHttpError(400, 'BadRequest', 'The request body could not be read.');
    sendError(res, err, correlationId);
    return;
  }

  if (path === '/_sim' || path.startsWith('/_sim/')) {
    try {
      const r = handleControl(method, path, body, ctx);
      sendJson(res, r.status, r.body, correlationId);
    } catch (e) {
      if (!(e instanceof SimHttpError)) throw e;
      sendError(res, e, correlationId);
    }
    return;
  }

  const entry: ApiCall['entry'] = { endpoint: null, analyst: null, counted: false };
  let status: number;
  try {
    status = await serveApi({ req, res, ctx, method, path, search, correlationId, entry, body });
  } catch (e) {
    const err = e instanceof SimHttpError ? e : new SimHttpError(500, 'InternalServerError', 'The simulator failed to answer.');
    status = sendError(res, err, correlationId);
  }
  ctx.calls.record({ method, path: target, endpoint: entry.endpoint, analyst: entry.analyst, status, at, counted: entry.counted });
}

interface ApiCall {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: ServerContext;
  method: string;
  path: string;
  search: string;
  correlationId: string;
  body: string;
  /** Filled in as the pipeline learns who and what the call is, for the call log. */
  entry: { endpoint: EndpointKey | null; analyst: string | null; counted: boolean };
}

/** Returns the status answered (0 when the connection was reset). */
async function serveApi(call: ApiCall): Promise<number> {
  const { req, res, ctx, method, path, correlationId, entry } = call;
  if (!/^\/api(\/|$)/i.test(path)) throw new SimHttpError(404, 'ResourceNotFound', 'Resource not found.');

  // The path too, so a JWT authenticator can check the delegated permission this endpoint needs (Alert.Read for alerts).
  const auth = ctx.authenticate(req.headers.authorization, path);
  if (!auth.ok) {
    const headers: Record<string, string> =
      auth.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="api.securitycenter.microsoft.com"' } : {};
    throw new SimHttpError(auth.status, auth.code, auth.message, headers);
  }
  entry.analyst = auth.analyst.id;
  if (!auth.analyst.canViewData) {
    throw new SimHttpError(403, 'Forbidden', 'The user does not have the role permission "View Data" needed for this operation.');
  }

  const route = matchRoute(path);
  if (route === null) throw new SimHttpError(404, 'ResourceNotFound', 'Resource not found.');
  entry.endpoint = route.endpoint;
  // Response actions are POSTs (201 with the MachineAction); everything else is read with GET.
  const isAction = route.endpoint in ACTION_ROUTES;
  const allowed = isAction ? 'POST' : 'GET';
  if (method !== allowed)
    throw new SimHttpError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`, { Allow: allowed });

  const fault = ctx.faults.take(route.endpoint);
  if (fault !== undefined) {
    if (fault.kind === 'latency') await ctx.delay(fault.ms);
    else return applyFault(fault, route.endpoint, req, res, correlationId);
  }

  const decision = ctx.budget.tryConsume(route.endpoint);
  if (!decision.ok) {
    throw new SimHttpError(429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${decision.retryAfterSeconds} seconds.`, {
      'Retry-After': String(decision.retryAfterSeconds),
    });
  }
  entry.counted = true;

  const host = req.headers.host;
  const selfUrl = `${host !== undefined && host !== '' ? `http://${host}` : ctx.baseUrl()}${path}`;
  const body = handleApi(route, {
    data: ctx.data,
    analyst: auth.analyst,
    now: ctx.now(),
    serverPageSize: ctx.serverPageSize,
    query: new URLSearchParams(call.search),
    selfUrl,
    legacyUserNotFound: () => ctx.faults.takeLegacyUserNotFound(),
    actions: ctx.actions,
    body: call.body,
  });
  return sendJson(res, isAction ? 201 : 200, body, correlationId);
}

const STATUS_CODES: Record<500 | 502 | 503, string> = { 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable' };

function applyFault(
  fault: Exclude<Fault, { kind: 'latency' }>,
  endpoint: EndpointKey,
  req: IncomingMessage,
  res: ServerResponse,
  correlationId: string,
): number {
  const single = endpoint === 'machines/{id}' || endpoint === 'alerts/{id}';
  switch (fault.kind) {
    case 'status':
      return sendError(
        res,
        new SimHttpError(fault.status, STATUS_CODES[fault.status], 'An error occurred (injected fault).'),
        correlationId,
      );
    case 'throttle':
      return sendError(
        res,
        new SimHttpError(429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${fault.retryAfterSeconds} seconds.`, {
          'Retry-After': String(fault.retryAfterSeconds),
        }),
        correlationId,
      );
    case 'malformedJson':
      return sendText(
        res,
        200,
        `{"@odata.context":"${single ? MACHINE_ENTITY_CONTEXT : MACHINES_CONTEXT}","value":[{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","computerDnsName":"mymach`,
        correlationId,
      );
    case 'wrongShape':
      return sendJson(
        res,
        200,
        single
          ? { '@odata.context': MACHINE_ENTITY_CONTEXT, value: [{ id: 42 }] }
          : { '@odata.context': MACHINES_CONTEXT, value: { id: 'not-a-list' } },
        correlationId,
      );
    case 'emptyOk':
      return sendText(res, 200, '', correlationId);
    case 'reset':
      req.socket.destroy();
      return 0;
    case 'legacyUserNotFound':
      // Never returned by FaultController.take; handled where unknown users are answered.
      return sendError(res, new SimHttpError(500, 'InternalServerError', 'Unexpected fault.'), correlationId);
  }
}
