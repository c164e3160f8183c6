// HTTP front door: POST /api/messages for the Bot Framework, GET /healthz (alive) and /readyz (fit for traffic).
// express gives the adapter the parsed body and res.status/send it needs.
import type { Server } from 'node:http';
import express from 'express';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { ReadinessReport } from '../app/readiness';
import type { Logger } from '../logging/logger';
import { settledWithin } from '../shared/timeout';
import { logRefusal, type InboundGate } from './inbound-gate';
import { WorkTracker } from './work-tracker';

/** Teams activities are small; anything this big is not one. */
const MAX_BODY = '256kb';

export interface BotHttpServer {
  server: Server;
  /** Where this machine reaches the bot (loopback when listening on every interface). */
  url: string;
  /** The address it listens on, e.g. 127.0.0.1 or 0.0.0.0. */
  host: string;
  /** Stops accepting connections, lets in-flight turns finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export interface HttpAppOptions {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  logger: Logger;
  readiness: () => Promise<ReadinessReport>;
  /** Requests being answered and deferred deliveries; shutdown waits for them. */
  work?: WorkTracker;
  /** Refuses, before botbuilder sees it, a request that cannot be admitted (./inbound-gate.ts). */
  gate?: InboundGate;
}

export function createHttpApp(options: HttpAppOptions): { http: express.Express; work: WorkTracker } {
  const { adapter, app, logger, readiness, work = new WorkTracker(), gate } = options;
  const http = express();
  http.disable('x-powered-by');
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  http.get('/readyz', async (_req, res) => {
    const report = await readiness();
    res.status(report.ready ? 200 : 503).json(report);
  });
  http.post('/api/messages', express.json({ limit: MAX_BODY }), async (req, res) => {
    const refused = gate?.(req.headers.authorization, req.body);
    if (refused !== undefined) {
      logRefusal(logger, refused, refused.status);
      res.status(refused.status).json(refused.body);
      return;
    }
    // Refusals after this point (botbuilder's own validation) are logged by the adapter (./adapter.ts).
    await work.run(() =>
      adapter.process(req, res, async (context) => {
        await app.run(context);
      }),
    );
  });
  // Body-parser errors (oversize, bad JSON) answer with a status, not a stack trace. The log line says
  // what kind of error and how big the body was, never the body: a 250 KB body must not become a 250 KB line.
  http.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    const type =
      typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string' ? err.type.slice(0, 60) : 'unknown';
    const length = Number(req.headers['content-length']);
    logger.warn({ event: 'requestRefused', status, type, bodyBytes: Number.isFinite(length) ? length : null }, 'request refused');
    res
      .status(status)
      .json({ error: status === 413 ? 'request body too large' : status === 400 ? 'malformed request body' : 'internal error' });
  });
  return { http, work };
}

export function listen(
  { http, work }: { http: express.Express; work: WorkTracker },
  port: number,
  host = '0.0.0.0',
): Promise<BotHttpServer> {
  return new Promise((resolve, reject) => {
    const server = http.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const reachable =
        host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
      resolve({
        server,
        url: `http://${reachable}:${actualPort}`,
        host,
        close: async (graceMs = 25_000) => {
          const closed = new Promise<void>((res2) => server.close(() => res2()));
          server.closeIdleConnections();
          await settledWithin(work.drained(), graceMs);
          server.closeAllConnections();
          await closed;
        },
      });
    });
    server.once('error', reject);
  });
}
