// The Bot Framework adapter. With no app id (demo) botbuilder skips inbound JWT checks and sends
// replies unauthenticated: acceptable only for loopback demos, which config guarantees. With an app
// id every inbound activity must carry a Bot Framework *channel* JWT (./channel-only-auth.ts: issuer,
// signing keys from the channel's OpenID metadata, audience = BOT_ID, serviceUrl claim, endorsements;
// emulator and skill tokens refused), and every reply carries the bot's app token (./app-credentials.ts).
import { TeamsAdapter } from './teams-ai';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import {
  CallerIdConstants,
  StatusCodes,
  type Activity,
  type Request,
  type Response,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  GovernmentConstants,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import type { Config, ProductionConfig } from '../config';
import { BotAppCredentialsFactory } from './app-credentials';
import {
  authenticateChannelRequest,
  channelOnlyAuthConfiguration,
  channelTokenPolicy,
  UNAUTHORIZED_BODY,
  type InboundRefusal,
} from './channel-only-auth';
import { ReusedConnectorClients } from './connector-clients';
import { connectorTransport, DEFAULT_CONNECTOR_TRANSPORT, type ConnectorTransportOptions } from './connector-transport';
import type { ChannelTokenPolicy } from './inbound-token';

export interface AdapterHooks {
  /** Every refused inbound request, once (the HTTP answer is a generic 401). */
  onRefused?(refusal: InboundRefusal): void;
}

/** `connector`: how replies travel (./connector-transport.ts); tests shorten the waits. */
export function createAdapter(
  config: Config,
  connector: ConnectorTransportOptions = DEFAULT_CONNECTOR_TRANSPORT,
  hooks: AdapterHooks = {},
): TeamsAdapter {
  const clientOptions = { httpClient: connectorTransport(connector) };
  if (config.mode !== 'production') return new BotTeamsAdapter({}, undefined, undefined, clientOptions);
  const policy = channelTokenPolicy(config);
  return new ChannelOnlyTeamsAdapter(
    policy,
    hooks,
    productionAuthOptions(config),
    new BotAppCredentialsFactory(config.bot),
    channelOnlyAuthConfiguration(policy),
    clientOptions,
  );
}

/** The adapter of both modes: botbuilder's, with one ConnectorClient per service URL rather than one per turn (./connector-clients.ts). */
class BotTeamsAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    // TeamsAdapter builds its BotFrameworkAuthentication itself and takes no other; botbuilder reads the field on every turn.
    const adapter = this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
    adapter.botFrameworkAuthentication = new ReusedConnectorClients(adapter.botFrameworkAuthentication);
  }

  /**
   * An HTTP request: the steps and answers of botbuilder 4.23's CloudAdapter.process (and teams-ai's
   * User-Agent), without its zod checks, which build new schemas on every request (≈ 0.15 ms of CPU
   * per command) to learn what express already guarantees here: a parsed body, a response object, a
   * header string. Authentication is processActivity's, unchanged. A socket (streaming) goes to botbuilder.
   */
  override process(req: Request, res: Response, logic: TurnLogic): Promise<void>;
  override process(req: Request, socket: INodeSocket, head: INodeBuffer, logic: TurnLogic): Promise<void>;
  override async process(
    req: Request,
    resOrSocket: Response | INodeSocket,
    logicOrHead: TurnLogic | INodeBuffer,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    if (maybeLogic !== undefined || typeof logicOrHead !== 'function' || !('header' in resOrSocket)) {
      return super.process(req, resOrSocket as INodeSocket, logicOrHead as INodeBuffer, maybeLogic as TurnLogic);
    }
    const res = resOrSocket;
    res.header('User-Agent', this.userAgent);
    const end = (status: number, body?: unknown): void => {
      res.status(status);
      if (body) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return end(StatusCodes.METHOD_NOT_ALLOWED);
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return end(StatusCodes.BAD_REQUEST, '`req.body` not an object, make sure you are using middleware to parse incoming requests.');
    }
    if (typeof (body as { type?: unknown }).type !== 'string' || (body as { type: string }).type === '') {
      return end(StatusCodes.BAD_REQUEST);
    }
    const activity = validateAndFixActivity(body as Activity);
    const header = req.headers.authorization ?? req.headers.Authorization ?? '';
    if (typeof header !== 'string') return end(StatusCodes.BAD_REQUEST);
    try {
      const invokeResponse = await this.processActivity(header, activity, logicOrHead);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (err) {
      console.error(err);
      const message = err instanceof Error ? err.message : err;
      return end(err instanceof AuthenticationError ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR, message);
    }
  }
}

type TurnLogic = (context: TurnContext) => Promise<void>;
/** The streaming overload's types (the last overload of process), which botbuilder does not export. */
type StreamingArgs = Parameters<TeamsAdapter['process']>;
type INodeSocket = StreamingArgs[1];
type INodeBuffer = StreamingArgs[2];

/**
 * teams-ai needs a TeamsAdapter; this one authenticates each request through
 * authenticateChannelRequest and answers a refusal with a 401 itself, so botbuilder neither throws
 * (which would print the error and answer 500 with its text) nor runs a turn.
 */
class ChannelOnlyTeamsAdapter extends BotTeamsAdapter {
  constructor(
    private readonly policy: ChannelTokenPolicy,
    private readonly hooks: AdapterHooks,
    ...args: ConstructorParameters<typeof TeamsAdapter>
  ) {
    super(...args);
  }

  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (typeof auth !== 'string') return super.processActivity(auth, activity, logic);
    const checked = await authenticateChannelRequest(
      (a, h) => this.botFrameworkAuthentication.authenticateRequest(a, h),
      activity,
      auth,
      this.policy,
    );
    if (!checked.ok) {
      this.hooks.onRefused?.({ reason: checked.reason, claims: checked.claims });
      return { status: 401, body: UNAUTHORIZED_BODY };
    }
    return super.processActivity(checked.result, activity, logic);
  }
}

export function productionAuthOptions(config: ProductionConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const identity: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.id,
    MicrosoftAppType: config.bot.type,
    ...(config.bot.tenantId === undefined ? {} : { MicrosoftAppTenantId: config.bot.tenantId }),
  };
  const rig = config.localRig;
  if (rig === undefined) {
    // Teams in GCC High and DoD talks to the Azure Government Bot Framework; botbuilder knows its endpoints.
    const government = config.cloud === 'GCCHigh' || config.cloud === 'DoD';
    return { ...identity, ...(government ? { ChannelService: GovernmentConstants.ChannelService } : {}) };
  }
  // botbuilder treats any of these as "all given": fill the ones the rig does not replace with the public cloud's.
  const loginTenant =
    config.bot.type === 'MultiTenant'
      ? AuthenticationConstants.DefaultChannelAuthTenant
      : (config.bot.tenantId ?? AuthenticationConstants.DefaultChannelAuthTenant);
  return {
    ...identity,
    ToChannelFromBotLoginUrl:
      rig.authorityHost === undefined ? AuthenticationConstants.ToChannelFromBotLoginUrl : `${rig.authorityHost}/${loginTenant}`,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: rig.tokenServiceUrl ?? AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: rig.botFrameworkOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    // In Azure the emulator metadata publishes Entra's keys; the rig's Entra is the local IdP. Emulator
    // tokens are refused either way (./channel-only-auth.ts), and the rig proves it with keys that verify.
    ToBotFromEmulatorOpenIdMetadataUrl:
      rig.authorityHost === undefined
        ? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl
        : `${rig.authorityHost}/${loginTenant}/v2.0/.well-known/openid-configuration`,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}
