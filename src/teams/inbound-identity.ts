// The verified inbound token's iss / appid / aud, for the audit line: botbuilder keeps the identity it
// verified on the turn state. Capped strings only; absent in the demo (no token).
import type { TurnContext } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';

export interface InboundTokenSummary {
  iss?: string;
  appid?: string;
  aud?: string;
}

export function inboundTokenOf(context: TurnContext): InboundTokenSummary | undefined {
  const adapter = context.adapter as { BotIdentityKey?: symbol };
  if (adapter.BotIdentityKey === undefined) return undefined;
  const identity: unknown = context.turnState.get(adapter.BotIdentityKey);
  if (typeof identity !== 'object' || identity === null || !('getClaimValue' in identity)) return undefined;
  const claim = (type: string): string | undefined => {
    const v = (identity as ClaimsIdentity).getClaimValue(type);
    return typeof v === 'string' && v !== '' ? v.slice(0, 200) : undefined;
  };
  const out: InboundTokenSummary = {};
  const iss = claim('iss');
  const appid = claim('appid') ?? claim('azp');
  const aud = claim('aud');
  if (iss !== undefined) out.iss = iss;
  if (appid !== undefined) out.appid = appid;
  if (aud !== undefined) out.aud = aud;
  return Object.keys(out).length === 0 ? undefined : out;
}
