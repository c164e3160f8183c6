// What /api/messages checks before botbuilder sees a request. Production: the unverified token must
// be shaped like a channel token for this bot and activity (./inbound-token.ts), or the answer is a
// generic 401. Demo (no authentication at all, loopback only): replies may go to loopback service
// URLs only, so the bot cannot be used to relay requests into a network.
import type { Logger } from '../logging/logger';
import { UNAUTHORIZED_BODY } from './channel-only-auth';
import { precheckChannelToken, type ChannelTokenPolicy, type InboundTokenClaims } from './inbound-token';

export interface GateRefusal {
  status: 401 | 403;
  body: Readonly<Record<string, string>>;
  reason: string;
  claims: InboundTokenClaims;
}

export type InboundGate = (authorization: string | undefined, body: unknown) => GateRefusal | undefined;

export function productionGate(policy: ChannelTokenPolicy): InboundGate {
  return (authorization, body) => {
    const checked = precheckChannelToken(authorization, serviceUrlOf(body), policy);
    return checked.ok ? undefined : { status: 401, body: UNAUTHORIZED_BODY, reason: checked.reason, claims: checked.claims };
  };
}

export const DEMO_SERVICE_URL_REFUSAL =
  'the demo answers only activities whose serviceUrl is on this machine (127.0.0.1, localhost or [::1])';

export function demoGate(): InboundGate {
  return (_authorization, body) => {
    const serviceUrl = serviceUrlOf(body);
    if (serviceUrl === undefined || isLoopbackUrl(serviceUrl)) return undefined;
    return { status: 403, body: { error: DEMO_SERVICE_URL_REFUSAL }, reason: 'demo: serviceUrl is not loopback', claims: {} };
  };
}

export function isLoopbackUrl(raw: string): boolean {
  try {
    const { hostname } = new URL(raw);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  } catch {
    return false;
  }
}

/** One warn line per refused request: why, and the token's unverified iss/appid/aud/tid (capped strings). */
export function logRefusal(logger: Logger, refusal: { reason: string; claims: InboundTokenClaims }, status = 401): void {
  logger.warn(
    { event: 'inboundRefused', status, reason: refusal.reason, tokenClaims: refusal.claims },
    'activity refused: no valid Bot Framework channel token',
  );
}

function serviceUrlOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v: unknown = (body as { serviceUrl?: unknown }).serviceUrl;
  return typeof v === 'string' ? v : undefined;
}
