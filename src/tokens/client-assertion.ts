// Secret-free client authentication for the on-behalf-of exchange: the bot's managed identity gets
// a token for the token-exchange audience and presents it as the app's client assertion; the app
// registration trusts it through a federated identity credential (issuer = the tenant, subject =
// the managed identity's object id, audience = api://AzureADTokenExchange).
import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { CredentialError } from '../errors';

/** The token-exchange audience per cloud: public and GCC use the first, GCC High and DoD the second. */
export const TOKEN_EXCHANGE_AUDIENCES = {
  public: 'api://AzureADTokenExchange',
  usGovernment: 'api://AzureADTokenExchangeUSGov',
} as const;

/** A getAssertion callback that asks `credential` for a token for the exchange audience each time (the credential caches it). */
export function assertionFromCredential(
  credential: TokenCredential,
  audience: string = TOKEN_EXCHANGE_AUDIENCES.public,
): () => Promise<string> {
  const scope = `${audience}/.default`;
  return async () => {
    const token = await credential.getToken(scope);
    if (token === null) throw new CredentialError('identityUnavailable', `The credential returned no token for ${scope}.`);
    return token.token;
  };
}

/** The managed identity (user-assigned when `clientId` is given) as the app's client credential. */
export function managedIdentityAssertion(options: { clientId?: string; audience?: string } = {}): () => Promise<string> {
  const credential =
    options.clientId === undefined ? new ManagedIdentityCredential() : new ManagedIdentityCredential({ clientId: options.clientId });
  return assertionFromCredential(credential, options.audience);
}
