// "Find a device": a search box query in, a short list of machines (or a line saying why not) out.
// The same path as a typed command: the asker's own rate, their on-behalf-of token, the resilient
// client (budget, per-person cache), errors mapped by ../handlers/error-outcome.ts. What is new is
// how little it asks Defender while someone types: nothing below the minimum length or for invalid
// input, and nothing for a longer prefix of an answer that was already complete (./prefix-answers.ts).
import { randomUUID } from 'node:crypto';
import type { DefenderClient } from '../defender/client-types';
import { HOST_PREFIX_TOP } from '../defender/requests';
import type { Machine } from '../defender/model';
import { errorOutcome } from '../handlers/error-outcome';
import type { ErrorOutcome } from '../handlers/outcome';
import { defenderAccess } from '../handlers/defender-access';
import type { HandlerDeps } from '../handlers/run-command';
import type { Requester } from '../tokens/types';
import type { PrefixAnswers } from './prefix-answers';
import { parseDeviceQuery, type DeviceQuery } from './query';

/** A short list: the search box is a phone-sized popup, and the first few are the likeliest. */
export const MAX_RESULTS = 10;

export type SearchOutcome =
  /** `total`: how many matched (more than shown when the list is cut); `local`: answered without Defender. */
  | { kind: 'devices'; query: string; machines: Machine[]; total: number; local: boolean }
  /** Nothing looked up: too short, half an IP address. */
  | { kind: 'hint'; text: string }
  | { kind: 'error'; error: ErrorOutcome };

export type SearchDeps = Pick<HandlerDeps, 'tokens' | 'defenderFor' | 'now' | 'reportInternalError' | 'admitCommand'> & {
  prefixAnswers: PrefixAnswers;
  /** The per-person key answers are kept under (../resilience userKeyOf). */
  userKey(requester: Requester): string;
};

export async function searchDevices(typed: string, requester: Requester, deps: SearchDeps): Promise<SearchOutcome> {
  const query = parseDeviceQuery(typed);
  switch (query.kind) {
    case 'incomplete':
      return { kind: 'hint', text: query.hint };
    case 'invalid':
      return {
        kind: 'error',
        error: { kind: 'badInput', command: 'machineDetails', part: 'search', input: query.input, reason: query.reason },
      };
  }
  if (query.kind === 'hostPrefix') {
    const known = deps.prefixAnswers.lookup(deps.userKey(requester), query.prefix);
    if (known !== undefined) return listOf(query.prefix, known, true);
  }
  try {
    return await withClient(requester, deps, (client) => lookUp(query, client, requester, deps));
  } catch (e) {
    const referenceId = randomUUID();
    deps.reportInternalError(referenceId, e);
    return { kind: 'error', error: { kind: 'internal', referenceId } };
  }
}

type Lookup = Exclude<DeviceQuery, { kind: 'incomplete' } | { kind: 'invalid' }>;

async function lookUp(query: Lookup, client: DefenderClient, requester: Requester, deps: SearchDeps): Promise<SearchOutcome> {
  const shown = query.kind === 'hostPrefix' ? query.prefix : query.kind === 'ip' ? query.ip : query.kind === 'user' ? query.name : query.id;
  try {
    switch (query.kind) {
      case 'hostPrefix': {
        const found = await client.findMachinesByHostPrefix(query.prefix);
        // Fewer than asked for: that is every match, so longer prefixes can be answered from it.
        if (found.length < HOST_PREFIX_TOP) deps.prefixAnswers.remember(deps.userKey(requester), query.prefix, found);
        return listOf(shown, found, false);
      }
      case 'ip':
        return listOf(shown, await client.findMachinesByIp(query.ip, deps.now()), false);
      case 'user':
        return listOf(shown, await client.getUserMachines(query.name), false);
      case 'deviceId':
        return listOf(shown, [await client.getMachine(query.id)], false);
    }
  } catch (e) {
    // A device id that is not there (or not visible) is an empty list, like any other search.
    const outcome = errorOutcome(e, { kind: 'machineNotFound', query: shown });
    if (outcome === undefined) throw e;
    if (outcome.kind === 'machineNotFound') return listOf(shown, [], false);
    return { kind: 'error', error: outcome };
  }
}

async function withClient(
  requester: Requester,
  deps: SearchDeps,
  run: (client: DefenderClient) => Promise<SearchOutcome>,
): Promise<SearchOutcome> {
  const access = await defenderAccess(requester, deps);
  return access.ok ? run(access.client) : { kind: 'error', error: access.error };
}

/** Exact name first, then the most recently seen; at most MAX_RESULTS. */
function listOf(query: string, found: readonly Machine[], local: boolean): SearchOutcome {
  const name = (m: Machine) => (m.computerDnsName ?? '').toLowerCase();
  const exact = (m: Machine) => name(m) === query || name(m).split('.')[0] === query;
  const sorted = [...found].sort(
    (a, b) => Number(exact(b)) - Number(exact(a)) || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || name(a).localeCompare(name(b)),
  );
  return { kind: 'devices', query, machines: sorted.slice(0, MAX_RESULTS), total: found.length, local };
}
