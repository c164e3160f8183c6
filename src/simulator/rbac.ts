// Who sees what: a global admin sees every device group; others see groups assigned to one of
// their Entra groups, and every group with no Entra group assigned.
import type { DeviceGroup, WireMachine } from './data/types';
import type { Persona } from './personas';

export function canSeeGroup(persona: Persona, group: DeviceGroup): boolean {
  if (!persona.canViewData) return false;
  if (persona.isGlobalAdmin || group.entraGroups.length === 0) return true;
  return group.entraGroups.some((g) => persona.entraGroups.includes(g));
}

/**
 * A predicate for the machines `persona` may see. A machine whose group is unknown counts as
 * ungrouped, which (like a group with no Entra group) everyone with "View Data" sees.
 */
export function machineVisibility(persona: Persona, groups: readonly DeviceGroup[]): (m: WireMachine) => boolean {
  const byId = new Map(groups.map((g) => [String(g.id), g]));
  return (m) => {
    if (!persona.canViewData) return false;
    const group = m.rbacGroupId === null || m.rbacGroupId === undefined ? undefined : byId.get(String(m.rbacGroupId));
    return group === undefined ? true : canSeeGroup(persona, group);
  };
}
