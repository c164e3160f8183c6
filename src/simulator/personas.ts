// The simulated analysts. Each is a person with a Defender role and Entra group memberships; the
// device groups they can see follow from those (see ./rbac.ts), as in a real tenant.

export const SOC_LEAD = 'soc-lead';
export const ANALYST_EMEA = 'analyst-emea';
export const ANALYST_US = 'analyst-us';
export const NO_ROLE = 'no-role';

export const PERSONA_IDS = [SOC_LEAD, ANALYST_EMEA, ANALYST_US, NO_ROLE] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];

/** Entra security groups that device groups are assigned to. */
export const ENTRA_GROUPS = {
  socLeads: 'sg-mde-soc-leads',
  analystsEmea: 'sg-mde-analysts-emea',
  analystsUs: 'sg-mde-analysts-us',
  tier0Admins: 'sg-tier0-admins',
} as const;

export interface Persona {
  /** A PersonaId for the built-in personas; a pluggable authenticator may map tokens to others. */
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Defender "global administrator": sees every device group. */
  isGlobalAdmin: boolean;
  /** Holds a Defender role with "View Data"; without it every API call is 403. */
  canViewData: boolean;
  /** Entra groups the person is a member of. */
  entraGroups: readonly string[];
  /** Role permission "Active remediation actions": isolate, release, scan, restrict. Absent = no. */
  activeRemediation?: boolean;
  /** Role permission "Alerts investigation": collect an investigation package. Absent = no. */
  alertsInvestigation?: boolean;
}

export const PERSONAS: Readonly<Record<PersonaId, Persona>> = {
  [SOC_LEAD]: {
    id: SOC_LEAD,
    displayName: 'Sam Okafor (SOC lead)',
    userPrincipalName: 'sam.okafor@contoso.com',
    isGlobalAdmin: true,
    canViewData: true,
    entraGroups: [ENTRA_GROUPS.socLeads],
    activeRemediation: true,
    alertsInvestigation: true,
  },
  [ANALYST_EMEA]: {
    id: ANALYST_EMEA,
    displayName: 'Elena Brandt (analyst, EMEA)',
    userPrincipalName: 'elena.brandt@contoso.com',
    isGlobalAdmin: false,
    canViewData: true,
    entraGroups: [ENTRA_GROUPS.analystsEmea],
    activeRemediation: true,
    alertsInvestigation: true,
  },
  [ANALYST_US]: {
    id: ANALYST_US,
    displayName: 'Marcus Reed (analyst, US)',
    userPrincipalName: 'marcus.reed@contoso.com',
    isGlobalAdmin: false,
    canViewData: true,
    entraGroups: [ENTRA_GROUPS.analystsUs],
    // Investigates, but may not take remediation actions: isolate/scan/restrict answer 403.
    activeRemediation: false,
    alertsInvestigation: true,
  },
  [NO_ROLE]: {
    id: NO_ROLE,
    displayName: 'Nora Lind (no Defender role)',
    userPrincipalName: 'nora.lind@contoso.com',
    isGlobalAdmin: false,
    canViewData: false,
    entraGroups: [],
  },
};

export function isPersonaId(value: string): value is PersonaId {
  return (PERSONA_IDS as readonly string[]).includes(value);
}
