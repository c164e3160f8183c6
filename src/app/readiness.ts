// GET /readyz: is this instance fit to take traffic? Config is valid by construction (the process
// would not have started otherwise); Defender must answer at all; a token path must exist.
// The Defender probe is unauthenticated: any HTTP answer (normally 401) proves the API is reachable,
// and a call without a token spends none of the tenant's shared budget. Results are cached so a
// probe every few seconds does not become traffic.
import type { FetchLike } from '../defender/client-types';

export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

export interface ReadinessReport {
  ready: boolean;
  /** Ready, but on this replica's local share because Redis is away: the load balancer keeps routing (200). */
  degraded?: string;
  checks: { config: ReadinessCheck; defender: ReadinessCheck; identity: ReadinessCheck; state?: ReadinessCheck };
  /** Settings that weaken a safeguard on purpose (test rig, a non-Defender API host, the demo on the network). */
  warnings?: readonly string[];
}

export interface ReadinessOptions {
  defenderApiUrl: string;
  fetch: FetchLike;
  identity: ReadinessCheck;
  warnings?: readonly string[];
  /** Shared state (src/state): 'degraded' keeps the replica ready, with the reason. */
  state?: () => { mode: 'local' | 'shared' | 'degraded'; detail: string };
  cacheMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export function createReadiness(options: ReadinessOptions): () => Promise<ReadinessReport> {
  const { defenderApiUrl, fetch, identity, warnings = [], cacheMs = 30_000, timeoutMs = 3_000, now = Date.now } = options;
  let cached: { at: number; check: ReadinessCheck } | undefined;

  const probeDefender = async (): Promise<ReadinessCheck> => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await fetch(`${defenderApiUrl}/api/machines?$top=1`, { method: 'GET', headers: { Accept: 'application/json' }, signal });
      await res.text().catch(() => '');
      return { ok: true, detail: `reachable (HTTP ${res.status} without a token)` };
    } catch (e) {
      const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : e instanceof Error ? e.message : 'network error';
      return { ok: false, detail: `unreachable: ${reason}` };
    }
  };

  return async () => {
    if (!cached || now() - cached.at > cacheMs) cached = { at: now(), check: await probeDefender() };
    const config = { ok: true, detail: warnings.length === 0 ? 'valid' : `valid, with ${warnings.length} warning(s)` };
    const state = options.state?.();
    const checks = {
      config,
      defender: cached.check,
      identity,
      ...(state === undefined ? {} : { state: { ok: true, detail: state.detail } }),
    };
    const ready = checks.defender.ok && checks.identity.ok;
    return { ready, ...(state?.mode === 'degraded' ? { degraded: state.detail } : {}), checks, warnings };
  };
}
