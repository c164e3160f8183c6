// Messages between a test and the child process that runs the real OboTokenProvider. The child is
// needed because @azure/identity only talks HTTPS and the local IdP's CA must be trusted through
// NODE_EXTRA_CA_CERTS, which Node reads only at start-up.
import type { Requester } from '../../../src/tokens/types';

export type ChildClientAuth =
  | { kind: 'secret'; clientSecret: string }
  | { kind: 'certificate'; certificatePath: string }
  /** A managed identity stand-in: a TokenCredential that returns this assertion, through assertionFromCredential. */
  | { kind: 'managedIdentity'; assertion: string };

export interface ChildProviderOptions {
  clientId: string;
  tenantId?: string;
  clientAuth: ChildClientAuth;
  authorityHost: string;
  audience: string;
  maxCachedCredentials?: number;
  timeoutMs?: number;
}

export type ChildRequest =
  | { op: 'create'; name: string; options: ChildProviderOptions }
  | { op: 'get'; name: string; requester: Requester; ssoToken?: string; concurrent?: number }
  | { op: 'signOut'; name: string; requester: Requester }
  | { op: 'exposed'; name: string };

/** What getDefenderToken answered, or what it threw, as plain data. */
export type GetOutcome =
  | { kind: 'token'; token: string; expiresOnTimestamp: number }
  | { kind: 'signInRequired'; code: string; reason: string }
  | { kind: 'error'; name: string; code?: string; message: string; userReason?: string; aadstsCode?: number; correlationId?: string };

export interface ExposedText {
  /** util.inspect / JSON of the provider and of every error it threw, and every log line it wrote. */
  texts: string[];
  /** SSO tokens the provider asked the source to forget, by Teams user id. */
  forgotten: string[];
  stats: { cachedCredentials: number };
}

export type ChildReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
