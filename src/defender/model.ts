// Typed, normalised Defender for Endpoint entities. The wire format drifts between doc versions
// (osVersion vs version, rbacGroupId a number or a string, any field missing or null, logonTypes one
// string that may be comma-joined); parsing in ./parse.ts maps every variant onto these.
// A field the API omitted or sent as null is `undefined` here, never null.

export interface IpAddress {
  ipAddress: string;
  macAddress?: string;
  type?: string;
  operationalStatus?: string;
}

export interface Machine {
  id: string;
  computerDnsName?: string;
  firstSeen?: string;
  lastSeen?: string;
  osPlatform?: string;
  /** `osVersion` in older docs, `version` in newer ones. */
  osVersion?: string;
  osProcessor?: string;
  osBuild?: number;
  osArchitecture?: string;
  lastIpAddress?: string;
  lastExternalIpAddress?: string;
  agentVersion?: string;
  healthStatus?: string;
  onboardingStatus?: string;
  /** A number in real responses, a string in one seed: always a string here. */
  rbacGroupId?: string;
  rbacGroupName?: string;
  riskScore?: string;
  exposureLevel?: string;
  deviceValue?: string;
  aadDeviceId?: string;
  isAadJoined?: boolean;
  machineTags: string[];
  ipAddresses: IpAddress[];
  defenderAvStatus?: string;
  managedBy?: string;
  isPotentialDuplication?: boolean;
  mergedIntoMachineId?: string;
}

export interface LogonUser {
  /** e.g. `contoso\user1` */
  id: string;
  accountName: string;
  accountDomain?: string;
  accountSid?: string;
  firstSeen?: string;
  lastSeen?: string;
  mostPrevalentMachineId?: string;
  leastPrevalentMachineId?: string;
  /** The API sends one comma-joined string ("Network, RemoteInteractive"); split and trimmed here. */
  logonTypes: string[];
  logOnMachinesCount?: number;
  isDomainAdmin?: boolean;
  isOnlyNetworkUser?: boolean;
}
