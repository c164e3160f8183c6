// What a Bot Framework channel token must look like before botbuilder is allowed to see it.
// botframework-connector decides which validation path a token takes from its *unverified* claims,
// and its emulator path pushes four issuer strings per unseen `tid` into a module-global array that
// is never trimmed (docs/security-notes.md): any POST could grow the heap. So the bot first refuses,
// cheaply and without trusting anything, whatever is not shaped like a channel token. This never
// replaces the real validation (signature, keys, endorsements, audience, serviceurl), which follows.

/** The Bot Framework channels' token issuers: public cloud, and Azure Government (GCC High, DoD). */
export const CHANNEL_ISSUERS = { public: 'https://api.botframework.com', government: 'https://api.botframework.us' } as const;

/** What botbuilder accepts for channel tokens (AuthenticationConstants.AllowedSigningAlgorithms). */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** Real channel tokens are about 1 KB; anything far larger is not one. */
const MAX_TOKEN_CHARS = 8192;
/** botbuilder's clock tolerance for channel tokens. */
const CLOCK_TOLERANCE_S = 300;

export interface ChannelTokenPolicy {
  /** The one issuer accepted: CHANNEL_ISSUERS.public or .government. */
  issuer: string;
  botId: string;
  /** A `tid` claim (channel tokens carry none) is tolerated only for these tenants, so nothing unbounded reaches the SDK. */
  allowedTenantIds: readonly string[];
  now?: () => number;
}

/** The unverified claims worth logging: they name who minted the token, not who may be trusted. */
export interface InboundTokenClaims {
  iss?: string;
  appid?: string;
  aud?: string;
  tid?: string;
}

export type Precheck = { ok: true; claims: InboundTokenClaims } | { ok: false; reason: string; claims: InboundTokenClaims };

/** Refuses, without verifying anything, an Authorization header that cannot hold a channel token for this bot and activity. */
export function precheckChannelToken(authorization: string | undefined, serviceUrl: unknown, policy: ChannelTokenPolicy): Precheck {
  const none: InboundTokenClaims = {};
  if (authorization === undefined || authorization === '') return { ok: false, reason: 'no Authorization header', claims: none };
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization);
  if (m === null || authorization.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'not a Bearer JWT', claims: none };
  const header = jsonObject(m[1] ?? '');
  const payload = jsonObject(m[2] ?? '');
  if (header === undefined || payload === undefined) return { ok: false, reason: 'not a Bearer JWT', claims: none };
  const claims = claimsOf(payload);
  const refuse = (reason: string): Precheck => ({ ok: false, reason, claims });
  if (typeof header.alg !== 'string' || !SIGNING_ALGORITHMS.has(header.alg)) return refuse('signing algorithm not allowed');
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 128) return refuse('no key id');
  if (payload.iss !== policy.issuer) return refuse('not issued by the Bot Framework channel');
  if (payload.aud !== policy.botId) return refuse('not for this bot');
  // Skill and emulator markers: a channel token has none of these.
  if ('ver' in payload || 'appid' in payload || 'azp' in payload) return refuse('not a channel token (skill or emulator claims)');
  if ('tid' in payload && !policy.allowedTenantIds.includes(String(payload.tid).toLowerCase()))
    return refuse('not a channel token (foreign tid)');
  if (typeof serviceUrl !== 'string' || serviceUrl === '' || payload.serviceurl !== serviceUrl)
    return refuse('serviceurl claim does not match the activity');
  const now = Math.floor((policy.now ?? Date.now)() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_TOLERANCE_S < now) return refuse('expired');
  if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_TOLERANCE_S > now) return refuse('not yet valid');
  return { ok: true, claims };
}

function jsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const MAX_CLAIM_CHARS = 200;

/** Only short strings: these go into log lines. */
function claimsOf(payload: Record<string, unknown>): InboundTokenClaims {
  const pick = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_CLAIM_CHARS) : undefined);
  const out: InboundTokenClaims = {};
  const iss = pick(payload.iss);
  const appid = pick(payload.appid) ?? pick(payload.azp);
  const aud = pick(payload.aud);
  const tid = pick(payload.tid);
  if (iss !== undefined) out.iss = iss;
  if (appid !== undefined) out.appid = appid;
  if (aud !== undefined) out.aud = aud;
  if (tid !== undefined) out.tid = tid;
  return out;
}
