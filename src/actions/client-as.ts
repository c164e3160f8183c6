// A Defender client as one person (the asker, or the clicker): their token first, so a missing
// sign-in or an identity failure is an answer, not an exception.
import { errorOutcome, signInOutcome } from '../handlers/error-outcome';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import type { ActionClient, ActionDeps } from './deps';

export type WithClient = { ok: true; client: ActionClient } | { ok: false; outcome: Outcome };

export async function clientAs(requester: Requester, deps: Pick<ActionDeps, 'tokens' | 'clientFor'>): Promise<WithClient> {
  try {
    const token = await deps.tokens.getDefenderToken(requester);
    if (token.kind === 'signInRequired') return { ok: false, outcome: { kind: 'error', error: signInOutcome(token) } };
    const accessToken = token.token;
    return { ok: true, client: deps.clientFor(async () => accessToken) };
  } catch (e) {
    const error = errorOutcome(e);
    if (error === undefined) throw e;
    return { ok: false, outcome: { kind: 'error', error } };
  }
}
