// Counts what one command cost, for its audit record: every HTTP request to Defender (a host lookup
// may make two, a long list several pages) and every answer served from cache.
import type { FetchLike } from '../defender/client-types';

export interface CallMeter {
  defenderCalls: number;
  cacheHits: number;
  /** When the oldest data in the answer was fetched from Defender (it may come from the cache). */
  fetchedAt?: Date;
}

export function newCallMeter(): CallMeter {
  return { defenderCalls: 0, cacheHits: 0 };
}

export function meteredFetch(fetch: FetchLike, meter: CallMeter): FetchLike {
  return (url, init) => {
    meter.defenderCalls += 1;
    return fetch(url, init);
  };
}
