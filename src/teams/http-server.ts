// HTTP front door: POST /api/messages for the Bot Framework, GET /healthz for probes.
// express gives the adapter the parsed body and res.status/send it needs.
import type { Server } from 'node:http';
import express from 'express';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../logging/logger';

/** Teams activities are small; anything this big is not one. */
const MAX_BODY = '256kb';

export interface BotHttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function createHttpApp(adapter: TeamsAdapter, app: Application<TurnState>, logger: Logger): express.Express {
  const http = express();
  http.disable('x-powered-by');
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  http.post('/api/messages', express.json({ limit: MAX_BODY }), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  // Body-parser errors (oversize, bad JSON) answer with a status, not a stack trace.
  http.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    logger.warn({ status, err }, 'request refused');
    res.status(status).json({ error: status === 413 ? 'request body too large' : status === 400 ? 'malformed request body' : 'internal error' });
  });
  return http;
}

export function listen(http: express.Express, port: number, host = '0.0.0.0'): Promise<BotHttpServer> {
  return new Promise((resolve, reject) => {
    const server = http.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        server,
        url: `http://127.0.0.1:${actualPort}`,
        close: () => new Promise<void>((res2) => { server.close(() => res2()); server.closeAllConnections(); }),
      });
    });
    server.once('error', reject);
  });
}
