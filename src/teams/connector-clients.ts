// botbuilder's CloudAdapter makes, for every turn, a new ConnectorClient for the activity's service
// URL and a new UserTokenClient, and each builds its own @azure/core-client pipeline: ≈ 0.4 ms of CPU
// per command on the benchmark machine (BENCHMARKS.md, issue 17), to end up with the same objects
// every time. This wrapper around the adapter's BotFrameworkAuthentication hands out one of each
// instead, made the first time it is needed and kept.
//
// Why that is safe: what botbuilder puts into a ConnectorClient is the bot's app id (from the verified
// claims), the outbound audience, the cloud's login endpoint and the client options, all fixed per
// adapter but the first two, plus the service URL. The key is app id, audience and service URL, so a
// client only ever talks to the service URL it was made for, with the credentials botbuilder would have
// given it; the credentials fetch the bot's token for each request (./app-credentials.ts), they hold
// nothing about a conversation. A UserTokenClient holds the app id, its credentials and the token
// service URL (fixed per adapter); the user and connection are arguments of each call. Clients are
// made only after authentication (botbuilder creates them for an authenticated turn or a proactive
// one), and at most MAX_CLIENTS are kept, the least recently used dropped first.
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { BoundedMap } from '../shared/bounded-map';

/** Teams uses a handful of service URLs (one per region); more than this would be a surprise. */
const MAX_CLIENTS = 64;

export class ReusedConnectorClients extends BotFrameworkAuthentication {
  readonly #inner: BotFrameworkAuthentication;
  readonly #connectors = new BoundedMap<string, Promise<ConnectorClient>>({ max: MAX_CLIENTS });
  readonly #userTokens = new BoundedMap<string, Promise<UserTokenClient>>({ max: MAX_CLIENTS });

  constructor(inner: BotFrameworkAuthentication) {
    super();
    this.#inner = inner;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.#inner.authenticateRequest(activity, authHeader);
    return result.connectorFactory === undefined
      ? result
      : { ...result, connectorFactory: this.#reusing(result.connectorFactory, result.claimsIdentity) };
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.#inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.#reusing(this.#inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.#once(this.#userTokens, appIdOf(claimsIdentity), () => this.#inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.#inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.#inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.#inner.authenticateChannelRequest(authHeader);
  }

  /** `factory`, but a client it already made for this app id, service URL and audience is handed out again. */
  #reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const clients = this.#connectors;
    const once = this.#once.bind(this);
    return new (class extends ConnectorFactory {
      override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return once(clients, JSON.stringify([appId, audience ?? null, serviceUrl]), () => factory.create(serviceUrl, audience));
      }
    })();
  }

  /** The kept promise for `key`, or a new one from `make`; a failed one is forgotten so the next turn tries again. */
  #once<T>(map: BoundedMap<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    const kept = map.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    map.set(key, made);
    made.catch(() => {
      if (map.peek(key) === made) map.delete(key);
    });
    return made;
  }
}

/** The app id botbuilder builds clients for: the audience claim (channel tokens), else the appid claim, else none (demo). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
