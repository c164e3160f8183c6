// Device groups of the simulated tenant and the Entra groups assigned to them.
import { ENTRA_GROUPS } from '../personas';
import { MARKDOWN_MACHINE, OPEN_DEVICE_GROUP } from './facts';
import type { DeviceGroup } from './types';

const { analystsEmea, analystsUs, tier0Admins } = ENTRA_GROUPS;

export const GROUPS = {
  aTeam: { id: 140, name: 'The-A-Team', description: 'From the API reference examples.', entraGroups: [analystsEmea] },
  finance: { id: 'group-fin-001', name: 'Finance', description: 'String id, as in the seed example.', entraGroups: [analystsEmea] },
  hr: { id: 'group-hr-001', name: 'HR', description: 'String id, as in the seed example.', entraGroups: [analystsUs] },
  shared: {
    id: OPEN_DEVICE_GROUP.id,
    name: OPEN_DEVICE_GROUP.name,
    description: 'No Entra group assigned: visible to all.',
    entraGroups: [],
  },
  emeaWorkstations: { id: 101, name: 'EMEA Workstations', description: 'London, Berlin, Paris, Amsterdam.', entraGroups: [analystsEmea] },
  emeaServers: { id: 102, name: 'EMEA Servers', description: 'EMEA data centre.', entraGroups: [analystsEmea] },
  usWorkstations: { id: 201, name: 'US Workstations', description: 'New York, Seattle, Chicago, Atlanta.', entraGroups: [analystsUs] },
  usServers: { id: 202, name: 'US Servers', description: 'US data centre.', entraGroups: [analystsUs] },
  tier0: { id: 301, name: 'Tier 0 - Domain Controllers', description: 'Global admins only.', entraGroups: [tier0Admins] },
  lab: {
    id: MARKDOWN_MACHINE.rbacGroupId,
    name: MARKDOWN_MACHINE.rbacGroupName,
    description: 'A name that looks like Markdown.',
    entraGroups: [analystsEmea, analystsUs],
  },
} as const satisfies Record<string, DeviceGroup>;

export type GroupKey = keyof typeof GROUPS;

export function allGroups(): DeviceGroup[] {
  return Object.values(GROUPS).map((g) => ({ ...g, entraGroups: [...g.entraGroups] }));
}
