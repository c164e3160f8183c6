// The step every Defender lookup starts with, typed command or search box alike: the asker's own
// command rate, then their token (a sign-in prompt or an identity problem is an outcome with its own
// card, not a bug), then a client that calls as them.
import type { DefenderClient } from '../defender/client-types';
import type { Requester, TokenResult } from '../tokens/types';
import { errorOutcome, signInOutcome } from './error-outcome';
import type { ErrorOutcome } from './outcome';
import type { HandlerDeps } from './run-command';

export type DefenderAccess = { ok: true; client: DefenderClient } | { ok: false; error: ErrorOutcome };

export async function defenderAccess(
  requester: Requester,
  deps: Pick<HandlerDeps, 'admitCommand' | 'tokens' | 'defenderFor'>,
): Promise<DefenderAccess> {
  const refused = await deps.admitCommand?.(requester);
  if (refused !== undefined) return { ok: false, error: { kind: 'personalLimit', limit: 'commands', ...refused } };
  let token: TokenResult;
  try {
    token = await deps.tokens.getDefenderToken(requester);
  } catch (e) {
    const outcome = errorOutcome(e);
    if (outcome === undefined) throw e;
    return { ok: false, error: outcome };
  }
  if (token.kind === 'signInRequired') return { ok: false, error: signInOutcome(token) };
  const accessToken = token.token;
  return { ok: true, client: deps.defenderFor(async () => accessToken) };
}
