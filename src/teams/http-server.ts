// HTTP front door: POST /api/messages for the Bot Framework, GET /healthz (alive) and /readyz (fit for traffic).
// express gives the adapter the parsed body and res.status/send it needs.
import type { Server } from 'node:http';
import express from 'express';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { ReadinessReport } from '../app/readiness';
import type { Logger } from '../logging/logger';
import { settledWithin } from '../shared/timeout';
import { WorkTracker } from './work-tracker';

/** Teams activities are small; anything this big is not one. */
const MAX_BODY = '256kb';

export interface BotHttpServer {
  server: Server;
  url: string;
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
}

export function createHttpApp(options: HttpAppOptions): { http: express.Express; work: WorkTracker } {
  const { adapter, app, logger, readiness, work = new WorkTracker() } = options;
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
    await work.run(() =>
      adapter.process(req, res, async (context) => {
        await app.run(context);
      }),
    );
    // botbuilder refused the Bot Framework JWT (it prints the reason to stderr itself); say it in the log too.
    if (res.statusCode === 401) logger.warn({ event: 'inboundRefused', status: 401 }, 'activity refused: no valid Bot Framework token');
  });
  // Body-parser errors (oversize, bad JSON) answer with a status, not a stack trace.
  http.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    logger.warn({ status, err }, 'request refused');
    res.status(status).json({ error: status === 413 ? 'request body too large' : status === 400 ? 'malformed request body' : 'internal error' });
  });
  return { http, work };
}

export function listen({ http, work }: { http: express.Express; work: WorkTracker }, port: number, host = '0.0.0.0'): Promise<BotHttpServer> {
  return new Promise((resolve, reject) => {
    const server = http.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        server,
        url: `http://127.0.0.1:${actualPort}`,
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
