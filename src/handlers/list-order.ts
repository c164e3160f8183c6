// The order of the paged lists. It is decided here, with the paging, so that every page request cuts
// the same list the same way; the cards state it ("Highest risk first, then most recently seen").
import type { LogonUser, Machine } from '../defender/model';
import { parseIsoDate } from '../cards/format';

/** Comparator: most recent first, undated last, then by `tie` so that every page request cuts the same way. */
export function byLastSeenDesc<T>(lastSeen: (item: T) => string | undefined, tie: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ta = parseIsoDate(lastSeen(a))?.getTime() ?? Number.NEGATIVE_INFINITY;
    const tb = parseIsoDate(lastSeen(b))?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (ta !== tb) return ta > tb ? -1 : 1;
    const ka = tie(a);
    const kb = tie(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** 0 for High risk, 1 for Medium, 2 for anything else (Low, None, Informational, unknown). */
export function riskRank(m: Machine): number {
  const risk = m.riskScore?.trim().toLowerCase();
  return risk === 'high' ? 0 : risk === 'medium' ? 1 : 2;
}

const machineTie = (m: Machine): string => `${m.computerDnsName ?? ''}\u0000${m.id}`;
const byRecency = byLastSeenDesc<Machine>((m) => m.lastSeen, machineTie);

/** Most recently seen first; undated last; ties by name then id. For "which one?" lists, where recency is the likeliest answer. */
export function sortMachinesByRecency(machines: readonly Machine[]): Machine[] {
  return [...machines].sort(byRecency);
}

/** What the machines card says about its order; keep in step with sortMachines. */
export const MACHINES_ORDER = 'highest risk first, then most recently seen';

/** High risk first, then Medium, then the rest; within each, most recently seen first (see MACHINES_ORDER). */
export function sortMachines(machines: readonly Machine[]): Machine[] {
  return [...machines].sort((a, b) => riskRank(a) - riskRank(b) || byRecency(a, b));
}

/** What the logon-users card says about its order; keep in step with sortLogonUsers. */
export const LOGON_USERS_ORDER = 'most recent logon first';

export function sortLogonUsers(users: readonly LogonUser[]): LogonUser[] {
  return [...users].sort(
    byLastSeenDesc(
      (u) => u.lastSeen,
      (u) => `${u.accountDomain ?? ''}\\${u.accountName}\u0000${u.id}`,
    ),
  );
}
