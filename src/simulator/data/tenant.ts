// Assembles the simulated tenant. Same seed, same clock minute → byte-identical data.
import { PERSONAS, PERSONA_IDS } from '../personas';
import { generateAlerts } from './alerts';
import { MINUTE } from './dates';
import { allGroups } from './groups';
import { generateMachines } from './machines';
import { Prng } from './prng';
import { seedMachines } from './seeds';
import type { TenantData } from './types';
import { generateUsers } from './users';

const SEED = 0x4d_44_45_31; // "MDE1"

/**
 * Builds the tenant with every date relative to `nowMs` (rounded down to the minute, so two
 * simulators started within the same minute agree even on a real clock).
 */
export function generateTenant(nowMs: number): TenantData {
  const anchor = Math.floor(nowMs / MINUTE) * MINUTE;
  const rng = new Prng(SEED);
  const seeds = seedMachines(anchor);
  const generated = generateMachines(rng, anchor);
  const { users, logons } = generateUsers(rng, anchor, generated.pools, generated.specials, seeds);
  const machines = [...seeds, ...generated.machines];
  assertUniqueIds(machines.map((m) => m.id));
  // Last, from a PRNG of its own: adding alerts changed nothing that was generated before them.
  const alerts = generateAlerts(anchor, machines, users, logons);
  return {
    generatedAt: new Date(anchor).toISOString(),
    groups: allGroups(),
    machines,
    users,
    logons,
    personas: PERSONA_IDS.map((id) => ({ ...PERSONAS[id], entraGroups: [...PERSONAS[id].entraGroups] })),
    alerts,
  };
}

function assertUniqueIds(ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`simulated tenant: duplicate machine id ${id}`);
    seen.add(id);
  }
}
