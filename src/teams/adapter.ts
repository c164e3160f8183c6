// The Bot Framework adapter. With no app id (demo) botbuilder skips inbound JWT checks and sends
// replies unauthenticated: acceptable only for loopback demos, which config guarantees. With an app
// id every inbound activity must carry a Bot Framework JWT (botbuilder's own validation: issuer,
// signing keys from the channel's OpenID metadata, audience = BOT_ID, serviceUrl claim, endorsements),
// and every reply carries the bot's app token (./app-credentials.ts).
import { TeamsAdapter } from './teams-ai';
import { CallerIdConstants, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';
import type { Config, ProductionConfig } from '../config';
import { BotAppCredentialsFactory } from './app-credentials';
import { connectorTransport, DEFAULT_CONNECTOR_TRANSPORT, type ConnectorTransportOptions } from './connector-transport';

/** `connector`: how replies travel (./connector-transport.ts); tests shorten the waits. */
export function createAdapter(config: Config, connector: ConnectorTransportOptions = DEFAULT_CONNECTOR_TRANSPORT): TeamsAdapter {
  const clientOptions = { httpClient: connectorTransport(connector) };
  if (config.mode !== 'production') return new TeamsAdapter({}, undefined, undefined, clientOptions);
  return new TeamsAdapter(productionAuthOptions(config), new BotAppCredentialsFactory(config.bot), undefined, clientOptions);
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
  const loginTenant = config.bot.type === 'MultiTenant' ? AuthenticationConstants.DefaultChannelAuthTenant : (config.bot.tenantId ?? AuthenticationConstants.DefaultChannelAuthTenant);
  return {
    ...identity,
    ToChannelFromBotLoginUrl: rig.authorityHost === undefined ? AuthenticationConstants.ToChannelFromBotLoginUrl : `${rig.authorityHost}/${loginTenant}`,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: rig.tokenServiceUrl ?? AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: rig.botFrameworkOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}
