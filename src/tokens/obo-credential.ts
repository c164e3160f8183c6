// Builds the @azure/identity OnBehalfOfCredential for one user's assertion. One instance per
// (user, assertion): the credential binds the assertion and caches the Defender token it got, so
// reusing the instance is what makes a warm call free of identity-provider requests.
import { OnBehalfOfCredential, type OnBehalfOfCredentialOptions, type TokenCredential } from '@azure/identity';

/** How the bot's app registration proves itself to Entra. */
export type ClientAuth =
  | { kind: 'secret'; clientSecret: string }
  /** A PEM file with the private key and the certificate; the certificate's public part is uploaded to the app registration. */
  | { kind: 'certificate'; certificatePath: string; sendCertificateChain?: boolean }
  /** A client assertion callback, e.g. managedIdentityAssertion() (./client-assertion.ts): no secret to rotate. */
  | { kind: 'assertion'; getAssertion: () => Promise<string> };

export interface CredentialSettings {
  clientId: string;
  tenantId: string;
  clientAuth: ClientAuth;
  authorityHost: string;
  disableInstanceDiscovery: boolean;
  retry: { maxRetries: number; retryDelayInMs: number };
}

export type CredentialFactory = (options: OnBehalfOfCredentialOptions) => TokenCredential;

export const defaultCredentialFactory: CredentialFactory = (options) => {
  // The constructor is overloaded per client-auth kind; narrow the union to pick one.
  if ('clientSecret' in options) return new OnBehalfOfCredential(options);
  if ('certificatePath' in options) return new OnBehalfOfCredential(options);
  return new OnBehalfOfCredential(options);
};

export function credentialOptions(s: CredentialSettings, userAssertionToken: string): OnBehalfOfCredentialOptions {
  const common = {
    tenantId: s.tenantId,
    clientId: s.clientId,
    userAssertionToken,
    authorityHost: s.authorityHost,
    disableInstanceDiscovery: s.disableInstanceDiscovery,
    retryOptions: s.retry,
  };
  switch (s.clientAuth.kind) {
    case 'secret':
      return { ...common, clientSecret: s.clientAuth.clientSecret };
    case 'certificate':
      return { ...common, certificatePath: s.clientAuth.certificatePath, sendCertificateChain: s.clientAuth.sendCertificateChain ?? false };
    case 'assertion':
      return { ...common, getAssertion: s.clientAuth.getAssertion };
  }
}
