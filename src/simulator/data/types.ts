// Wire shapes served by the simulator (raw JSON as Defender sends it, drift included), and the
// tenant the generator builds. These are NOT the bot's normalised model (src/defender/model.ts).
import type { Persona } from '../personas';

export interface WireIpAddress {
  ipAddress: string;
  macAddress?: string | null | undefined;
  type?: string | undefined;
  operationalStatus?: string | undefined;
}

/** A machine entity as the API sends it. Fields may be absent or null; key order is the wire order. */
export interface WireMachine {
  id: string;
  computerDnsName?: string | undefined | null | undefined;
  firstSeen?: string | null | undefined;
  lastSeen?: string | null | undefined;
  osPlatform?: string | null | undefined;
  /** Newer docs. */
  version?: string | null | undefined;
  /** Older docs: some machines carry this instead of `version`. */
  osVersion?: string | null | undefined;
  osProcessor?: string | null | undefined;
  osBuild?: number | null | undefined;
  osArchitecture?: string | null | undefined;
  lastIpAddress?: string | null | undefined;
  lastExternalIpAddress?: string | null | undefined;
  agentVersion?: string | null | undefined;
  healthStatus?: string | null | undefined;
  onboardingStatus?: string | null | undefined;
  defenderAvStatus?: string | null | undefined;
  /** A number in real responses; a string in one seed. */
  rbacGroupId?: number | string | null | undefined;
  rbacGroupName?: string | null | undefined;
  riskScore?: string | null | undefined;
  exposureLevel?: string | null | undefined;
  deviceValue?: string | null | undefined;
  isAadJoined?: boolean | null | undefined;
  aadDeviceId?: string | null | undefined;
  machineTags?: string[] | undefined;
  ipAddresses?: WireIpAddress[] | undefined;
  managedBy?: string | null | undefined;
  isPotentialDuplication?: boolean | null | undefined;
  mergedIntoMachineId?: string | null | undefined;
}

/** A logon user entity as /api/machines/{id}/logonusers sends it. */
export interface WireLogonUser {
  id: string;
  accountName: string;
  accountDomain: string;
  accountSid: string | null;
  firstSeen: string;
  lastSeen: string;
  mostPrevalentMachineId: string | null;
  leastPrevalentMachineId: string | null;
  /** One string, comma-joined when several: "Network, RemoteInteractive". */
  logonTypes: string;
  logOnMachinesCount: number;
  isDomainAdmin: boolean;
  isOnlyNetworkUser: boolean | null;
}

export interface DeviceGroup {
  /** Numeric in reality; the seed's string ids are kept as they were. */
  id: number | string;
  name: string;
  description: string;
  /** Entra groups assigned to the device group. Empty: visible to everyone with "View Data". */
  entraGroups: readonly string[];
}

/** A person Defender has seen log on somewhere (or, for one, nowhere yet). */
export interface TenantUser {
  accountName: string;
  accountDomain: string;
  accountSid: string;
  isDomainAdmin: boolean;
  isOnlyNetworkUser: boolean | null;
  /** The fields below are the user's own, tenant-wide, not filtered by anyone's device groups. */
  logOnMachinesCount: number;
  mostPrevalentMachineId: string | null;
  leastPrevalentMachineId: string | null;
}

/** One user's logons on one machine. */
export interface LogonRecord {
  machineId: string;
  accountDomain: string;
  accountName: string;
  firstSeen: string;
  lastSeen: string;
  logonTypes: string;
}

export interface TenantData {
  /** The clock reading (ISO) the relative dates were computed from, rounded down to the minute. */
  generatedAt: string;
  groups: DeviceGroup[];
  machines: WireMachine[];
  users: TenantUser[];
  logons: LogonRecord[];
  personas: Persona[];
  /** Alerts on the tenant's machines (./alerts.ts); visible to whoever can see the alert's machine. */
  alerts: WireAlert[];
}

export interface WireAlertComment {
  comment: string;
  createdBy: string;
  createdTime: string;
}

/** One evidence entry: every documented key present, null where it does not apply (as in the docs' example). */
export type WireAlertEvidence = Record<string, string | number | null>;

/**
 * An alert entity as the API sends it, key order as in the docs. Older alerts lack keys newer ones
 * have (`detectorId`, `loggedOnUsers`, `domains`); `evidence` is filled on GET /api/alerts/{id}
 * only (lists send []).
 */
export interface WireAlert {
  id: string;
  incidentId: number | null;
  investigationId: number | null;
  assignedTo: string | null;
  severity: string;
  status: string;
  classification: string | null;
  determination: string | null;
  investigationState: string | null;
  detectionSource: string;
  detectorId?: string | undefined;
  category: string;
  threatFamilyName: string | null;
  title: string;
  description: string;
  alertCreationTime: string;
  firstEventTime: string | null;
  lastEventTime: string | null;
  lastUpdateTime: string;
  resolvedTime: string | null;
  machineId: string;
  computerDnsName: string | null;
  rbacGroupName: string | null;
  aadTenantId: string;
  threatName: string | null;
  mitreTechniques: string[] | null;
  relatedUser: { userName: string; domainName: string | null } | null;
  loggedOnUsers?: Array<{ accountName: string | undefined; domainName: string | null }>;
  comments: WireAlertComment[];
  evidence: WireAlertEvidence[];
  domains?: string[] | undefined;
}
