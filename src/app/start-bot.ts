// Composition root: builds every part from a validated Config and starts listening.
// Used by main.ts and by the end-to-end tests, so tests run exactly what production runs.
import { meteredFetch } from '../audit/call-meter';
import { createResilience, userKeyOf } from '../resilience';
import { openSharedState } from '../state/shared-state';
import { productionIdentity, type ProductionIdentity } from './production-identity';
import { createReadiness } from './readiness';
import { aboutInfo } from './about';
import { feedbackRecord } from '../audit/feedback-record';
import type { Config } from '../config';
import type { FetchLike } from '../defender/client-types';
import { httpExchange } from '../shared/http-client';
import type { Logger } from '../logging/logger';
import type { SimulatorHandle } from '../simulator';
import { createAdapter } from '../teams/adapter';
import { DEFAULT_CONNECTOR_TRANSPORT } from '../teams/connector-transport';
import { createBotApplication } from '../teams/bot-app';
import { createHttpApp, listen } from '../teams/http-server';
import { channelTokenPolicy } from '../teams/channel-only-auth';
import { demoGate, logRefusal, productionGate } from '../teams/inbound-gate';
import { WorkTracker } from '../teams/work-tracker';
import type { Requester, TokenProvider } from '../tokens/types';
import type { StateStore } from '../state/state-store';
import { StatePendingStore } from '../actions/pending-store';
import { parsePendingAction } from '../actions/pending-action-parse';
import type { PendingAction } from '../actions/types';
import { sharedLabelSealKey } from './label-seal-key';

export interface RunningBot {
  /** e.g. http://127.0.0.1:3978 — the messaging endpoint is `${url}/api/messages`. */
  url: string;
  /** The address it listens on (HOST), e.g. 127.0.0.1 or 0.0.0.0. */
  host: string;
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
  /** Listen address; default HOST from config (127.0.0.1 in the demo). */
  host?: string;
}

export async function startBot(config: Config, options: StartOptions): Promise<RunningBot> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const fetchImpl: FetchLike = options.fetch ?? httpExchange;

  const botAppId = config.mode === 'production' ? config.bot.id : '';
  let simulator: SimulatorHandle | undefined;
  let tokens: TokenProvider;
  let defenderApiUrl: string;
  let identity: ProductionIdentity | undefined;
  if (config.mode === 'demo') {
    // Dynamic: production never loads the simulated tenant (test/architecture.test.ts).
    const { startDemoBackend } = await import('./demo-backend.js');
    ({ defenderApiUrl, tokens, simulator } = await startDemoBackend(config));
  } else {
    identity = productionIdentity(config, logger);
    tokens = identity.tokens;
    defenderApiUrl = config.defenderApiUrl ?? config.cloudSettings.apiBaseUrl;
  }

  // One budget, cache and breaker for the whole process — for every replica with REDIS_URL: Defender's limits are per tenant.
  const state = await openSharedState(config.sharedState, logger);
  const resilience = createResilience(config.resilience, state);
  const labelSealKey = state.redis === undefined ? undefined : await sharedLabelSealKey(state.store, logger);
  const adapter = createAdapter(
    config,
    {
      ...DEFAULT_CONNECTOR_TRANSPORT,
      onRetry: (event) => logger.warn({ event: 'connectorRetry', ...event }, 'reply to Teams retried'),
    },
    { onRefused: (refusal) => logRefusal(logger, refusal) },
  );
  const gate = config.mode === 'production' ? productionGate(channelTokenPolicy(config)) : demoGate();
  const tracker = new WorkTracker();
  const stopping = new AbortController();
  const app = createBotApplication({
    stopping: stopping.signal,
    adapter,
    logger,
    tracker,
    slowReplyMs: config.slowReplyMs,
    channelResults: config.channelResults,
    botAppId,
    store: state.store,
    ...(labelSealKey === undefined ? {} : { labelSealKey }),
    ...(identity === undefined || config.mode !== 'production'
      ? {}
      : { signIn: identity.signIn, allowedTenantIds: config.allowedTenantIds }),
    render: {
      portalBaseUrl: config.cloudSettings.portalBaseUrl,
      demo: config.mode === 'demo',
      actionStyle: config.mode === 'demo' ? config.cardActions : 'messageBack',
    },
    deps: {
      tokens,
      now,
      defenderFor: (getToken, meter, requester, fresh) =>
        resilience.clientFor({
          ...(fresh === true ? { fresh } : {}),
          baseUrl: defenderApiUrl,
          // Metered inside the limiter: only requests actually sent to Defender count.
          fetch: meteredFetch(fetchImpl, meter),
          getToken,
          userKey: userKeyOf(requester),
          onResult: (r) => {
            if (r.source !== 'defender') meter.cacheHits += 1;
            if (meter.fetchedAt === undefined || r.fetchedAt < meter.fetchedAt) meter.fetchedAt = r.fetchedAt;
          },
        }),
      reportInternalError: (referenceId, error) => logger.error({ err: error, referenceId }, 'command failed unexpectedly'),
      admitCommand: (requester) => resilience.commands.take(userKeyOf(requester)),
      // With Redis, a typed command's redelivery check and its count are one round trip.
      ...(state.redis === undefined
        ? {}
        : {
            admitOnDelivery: (requester: Requester, delivery: { store: StateStore; key: string; ttlMs: number }) =>
              resilience.commands.takeOnFirstDelivery(userKeyOf(requester), delivery),
          }),
      responseActions: {
        settings: config.responseActions,
        // In the state store: a card made on one replica is confirmed on any, and only one click takes it.
        store: new StatePendingStore<PendingAction>(state.store, {
          kind: 'action-pending:',
          parse: parsePendingAction,
          onUnreadable: (kind) =>
            logger.warn({ event: 'pendingActionUnreadable', kind }, 'a stored confirmation did not parse: treated as expired'),
        }),
        audit: (record) => logger.info({ audit: record }, `response action ${record.step}`),
      },
      about: aboutInfo(config),
      recordFeedback: (requester, text) => logger.info({ audit: feedbackRecord(requester, text) }, 'feedback'),
    },
  });
  // Operators see at a glance whether analysts can change devices from Teams.
  const actions = config.responseActions;
  logger.info(
    { event: 'responseActions', enabled: [...actions.enabled], approval: actions.approval, confirmMinutes: actions.confirmMinutes },
    actions.enabled.size === 0 ? 'response actions are off' : `response actions on: ${[...actions.enabled].join(', ')}`,
  );
  const readiness = createReadiness({
    defenderApiUrl,
    fetch: fetchImpl,
    identity: { ok: true, detail: config.mode === 'demo' ? 'demo tokens (simulated analyst)' : 'on-behalf-of' },
    warnings: config.warnings,
    state: () => state.describe(),
  });
  const http = await listen(
    createHttpApp({ adapter, app, logger, readiness, work: tracker, gate }),
    config.port,
    options.host ?? config.host,
  );

  return {
    url: http.url,
    host: http.host,
    defenderApiUrl,
    ...(simulator ? { simulator } : {}),
    close: async (graceMs) => {
      stopping.abort();
      await http.close(graceMs);
      await resilience.close();
      await state.close();
      await simulator?.close();
    },
  };
}
