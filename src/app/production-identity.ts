// Production sign-in, built from config: the Teams SSO token store, the on-behalf-of provider that
// turns an analyst's SSO token into their own Defender token, and what the Teams wiring needs to
// prompt, exchange and sign out. Nothing here runs in the demo.
import type { ProductionConfig } from '../config';
import type { Logger } from '../logging/logger';
import { managedIdentityAssertion, TOKEN_EXCHANGE_AUDIENCES } from '../tokens/client-assertion';
import type { ClientAuth } from '../tokens/obo-credential';
import { OboTokenProvider } from '../tokens/obo-token-provider';
import { MemorySsoTokenStore } from '../tokens/sso-token-source';
import type { SignInFlowOptions } from '../teams/sign-in/sign-in-flow';

export interface ProductionIdentity {
  tokens: OboTokenProvider;
  signIn: Omit<SignInFlowOptions, 'logger' | 'render'>;
}

export function productionIdentity(config: ProductionConfig, logger: Logger): ProductionIdentity {
  const store = new MemorySsoTokenStore();
  const { signIn } = config;
  const tokens = new OboTokenProvider({
    clientId: signIn.clientId,
    ...(signIn.tenantId === undefined ? {} : { tenantId: signIn.tenantId }),
    allowedTenantIds: config.allowedTenantIds,
    clientAuth: clientAuthFor(config),
    cloud: config.cloudSettings,
    ...(config.localRig?.authorityHost === undefined ? {} : { authorityHost: config.localRig.authorityHost }),
    ssoTokens: store,
    logger,
  });
  return {
    tokens,
    signIn: {
      botId: config.bot.id,
      connectionName: signIn.connectionName,
      resource: signIn.resource,
      channelSignIn: signIn.channelSignIn,
      store,
      tokens,
    },
  };
}

function clientAuthFor(config: ProductionConfig): ClientAuth {
  const auth = config.signIn.clientAuth;
  switch (auth.kind) {
    case 'secret':
      return { kind: 'secret', clientSecret: auth.secret };
    case 'certificate':
      return { kind: 'certificate', certificatePath: auth.certificatePath };
    case 'managedIdentity': {
      // Azure Government clouds use their own token-exchange audience for federated credentials.
      const government = config.cloud === 'GCCHigh' || config.cloud === 'DoD';
      return {
        kind: 'assertion',
        getAssertion: managedIdentityAssertion({
          clientId: auth.clientId,
          audience: government ? TOKEN_EXCHANGE_AUDIENCES.usGovernment : TOKEN_EXCHANGE_AUDIENCES.public,
        }),
      };
    }
  }
}
