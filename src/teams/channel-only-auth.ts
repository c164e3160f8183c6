// Inbound authentication in production: Bot Framework *channel* tokens only. botbuilder's
// ConfigurationBotFrameworkAuthentication also takes emulator and skill tokens, choosing the path
// from the token's unverified claims; an emulator-path token is any Entra token whose appid is the
// bot's, from any tenant, with no audience or serviceurl check. Three layers close that:
// 1. precheckChannelToken (./inbound-token.ts) before botbuilder sees the header;
// 2. AuthenticationConfiguration.validateClaims (botbuilder's own hook) refuses verified claims
//    from any issuer but the channel's, and skill claims;
// 3. after botbuilder's verification, the identity must name the channel issuer, this bot, and the
//    activity's serviceUrl.
// Any failure, whatever botbuilder threw, is a 401 with a generic body and one `inboundRefused` log line.
import { AuthenticationConfiguration, AuthenticationConstants, type AuthenticateRequestResult, type Claim } from 'botframework-connector';
import { AuthenticationError } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { ProductionConfig } from '../config';
import { CHANNEL_ISSUERS, precheckChannelToken, type ChannelTokenPolicy, type InboundTokenClaims, type Precheck } from './inbound-token';
import { quietly } from './quiet-sdk-console';

export const UNAUTHORIZED_BODY = { error: 'unauthorized' } as const;

export interface InboundRefusal {
  reason: string;
  claims: InboundTokenClaims;
}

export function channelTokenPolicy(config: ProductionConfig): ChannelTokenPolicy {
  const government = config.cloud === 'GCCHigh' || config.cloud === 'DoD';
  return {
    issuer: government ? CHANNEL_ISSUERS.government : CHANNEL_ISSUERS.public,
    botId: config.bot.id,
    allowedTenantIds: config.allowedTenantIds,
  };
}

/** botbuilder's supported hook: runs on every verified identity, whichever path verified it. */
export function channelOnlyAuthConfiguration(policy: ChannelTokenPolicy): AuthenticationConfiguration {
  return new AuthenticationConfiguration([], async (claims: Claim[]) => {
    const value = (type: string): unknown => claims.find((c) => c.type === type)?.value;
    if (value(AuthenticationConstants.IssuerClaim) !== policy.issuer) throw new AuthenticationError('not a channel token', 401);
    if (value(AuthenticationConstants.VersionClaim) !== undefined || value(AuthenticationConstants.AppIdClaim) !== undefined) {
      throw new AuthenticationError('skill or emulator claims', 401);
    }
    await Promise.resolve();
  });
}

/** Checks a verified identity against the activity it came with; undefined when it passes. */
export function refusalOfVerified(result: AuthenticateRequestResult, activity: Activity, policy: ChannelTokenPolicy): string | undefined {
  const identity = result.claimsIdentity;
  if (!identity.isAuthenticated) return 'not authenticated';
  if (identity.getClaimValue(AuthenticationConstants.IssuerClaim) !== policy.issuer) return 'not issued by the Bot Framework channel';
  if (identity.getClaimValue(AuthenticationConstants.AudienceClaim) !== policy.botId) return 'not for this bot';
  const serviceUrl = identity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
  if (typeof activity.serviceUrl !== 'string' || serviceUrl !== activity.serviceUrl) return 'serviceurl claim does not match the activity';
  return undefined;
}

export type Authenticate = (activity: Activity, authorization: string) => Promise<AuthenticateRequestResult>;

/**
 * The whole inbound check: the pre-check, then botbuilder's validation (its console output
 * silenced), then the post-checks. Resolves to the result or to a refusal; never throws.
 */
export async function authenticateChannelRequest(
  authenticate: Authenticate,
  activity: Activity,
  authorization: string,
  policy: ChannelTokenPolicy,
): Promise<{ ok: true; result: AuthenticateRequestResult; claims: InboundTokenClaims } | ({ ok: false } & InboundRefusal)> {
  const pre: Precheck = precheckChannelToken(authorization, activity.serviceUrl, policy);
  if (!pre.ok) return { ok: false, reason: pre.reason, claims: pre.claims };
  let result: AuthenticateRequestResult;
  try {
    result = await quietly(() => authenticate(activity, authorization));
  } catch (e) {
    return { ok: false, reason: describeFailure(e), claims: pre.claims };
  }
  const refused = refusalOfVerified(result, activity, policy);
  return refused === undefined ? { ok: true, result, claims: pre.claims } : { ok: false, reason: refused, claims: pre.claims };
}

/** A short, key-free reason: jsonwebtoken's error names, or botbuilder's own message (capped). */
function describeFailure(e: unknown): string {
  if (e instanceof AuthenticationError) return `rejected by botbuilder: ${e.message.slice(0, 120)}`;
  if (e instanceof Error) return `rejected: ${e.name}${e.name === 'Error' ? `: ${e.message.slice(0, 120)}` : ''}`;
  return 'rejected';
}
