// How the bot obtains a Defender API token for the person who asked or clicked.
// Demo mode uses ./demo-token-provider.ts; the sign-in issue adds the on-behalf-of provider.

/** Who is asking, as Teams tells us. Never contains a token. */
export interface Requester {
  /** Teams user id (29:…) */
  teamsUserId: string;
  /** Entra object id, when Teams sends one. */
  aadObjectId?: string;
  tenantId?: string;
  displayName?: string;
}

/** Why a token provider answers signInRequired (OboTokenProvider's codes; the demo never does). */
export type SignInRequiredCode = 'notSignedIn' | 'assertionExpired' | 'consentRequired' | 'interactionRequired';

export type TokenResult = { kind: 'token'; token: string } | { kind: 'signInRequired'; reason: string; code?: SignInRequiredCode };

export interface TokenProvider {
  getDefenderToken(requester: Requester): Promise<TokenResult>;
}
