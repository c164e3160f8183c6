// Composition root: builds every part from a validated Config and starts listening.
// Used by main.ts and by the end-to-end tests, so tests run exactly what production runs.
import { meteredFetch } from '../audit/call-meter';
import { createReadiness } from './readiness';
import type { Config } from '../config';
import { createDefenderClient } from '../defender';
import type { FetchLike } from '../defender/client-types';
import type { Logger } from '../logging/logger';
import { startSimulator, demoToken, type SimulatorHandle } from '../simulator';
import { createAdapter } from '../teams/adapter';
import { createBotApplication } from '../teams/bot-app';
import { createHttpApp, listen } from '../teams/http-server';
import { WorkTracker } from '../teams/work-tracker';
import { DemoTokenProvider } from '../tokens/demo-token-provider';
import type { TokenProvider } from '../tokens/types';

export interface RunningBot {
  /** e.g. http://127.0.0.1:3978 — the messaging endpoint is `${url}/api/messages`. */
  url: string;
  /** The Defender API base the bot calls. */
  defenderApiUrl: string;
  /** Set when demo mode started its own simulated tenant. */
  simulator?: SimulatorHandle;
  /** Stops taking requests, finishes the turns in flight, then stops the simulator. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  fetch?: FetchLike;
  now?: () => Date;
  /** Listen address; tests use 127.0.0.1. */
  host?: string;
}

export async function startBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));

  const botAppId = config.mode === 'production' ? config.bot.id : '';
  let simulator: SimulatorHandle | undefined;
  let tokens: TokenProvider;
  let defenderApiUrl: string;
  if (config.mode === 'demo') {
    if (config.defenderApiUrl === undefined) simulator = await startSimulator();
    defenderApiUrl = config.defenderApiUrl ?? (simulator as SimulatorHandle).url;
    tokens = new DemoTokenProvider(demoToken(config.demoAnalyst));
  } else {
    // loadConfig refuses production until the on-behalf-of provider exists; this keeps the types honest.
    throw new Error('production mode needs the on-behalf-of token provider');
  }

  const adapter = createAdapter(config);
  const tracker = new WorkTracker();
  const app = createBotApplication({
    adapter,
    logger,
    tracker,
    slowReplyMs: config.slowReplyMs,
    botAppId,
    render: { portalBaseUrl: config.cloudSettings.portalBaseUrl, demo: config.mode === 'demo', actionStyle: config.mode === 'demo' ? config.cardActions : 'messageBack' },
    deps: {
      tokens,
      now,
      defenderFor: (getToken, meter) => createDefenderClient({ baseUrl: defenderApiUrl, fetch: meteredFetch(fetchImpl, meter), getToken }),
      reportInternalError: (referenceId, error) => logger.error({ err: error, referenceId }, 'command failed unexpectedly'),
    },
  });
  const readiness = createReadiness({
    defenderApiUrl,
    fetch: fetchImpl,
    identity: { ok: true, detail: config.mode === 'demo' ? 'demo tokens (simulated analyst)' : 'on-behalf-of' },
  });
  const http = await listen(createHttpApp({ adapter, app, logger, readiness, work: tracker }), config.port, options.host);

  return {
    url: http.url,
    defenderApiUrl,
    ...(simulator ? { simulator } : {}),
    close: async (graceMs) => {
      await http.close(graceMs);
      await simulator?.close();
    },
  };
}
