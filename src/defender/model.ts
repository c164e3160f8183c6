// Typed, normalised Defender for Endpoint entities. The wire format drifts between doc versions
// (osVersion vs version, rbacGroupId a number or a string, any field missing or null, logonTypes one
// string that may be comma-joined); parsing in ./parse.ts maps every variant onto these.
// A field the API omitted or sent as null is `undefined` here, never null.

export interface IpAddress {
  ipAddress: string;
  macAddress?: string | undefined;
  type?: string | undefined;
  operationalStatus?: string | undefined;
}

export interface Machine {
  id: string;
  computerDnsName?: string | undefined | undefined;
  firstSeen?: string | undefined;
  lastSeen?: string | undefined;
  osPlatform?: string | undefined;
  /** `osVersion` in older docs, `version` in newer ones. */
  osVersion?: string | undefined;
  osProcessor?: string | undefined;
  osBuild?: number | undefined;
  osArchitecture?: string | undefined;
  lastIpAddress?: string | undefined;
  lastExternalIpAddress?: string | undefined;
  agentVersion?: string | undefined;
  healthStatus?: string | undefined;
  onboardingStatus?: string | undefined;
  /** A number in real responses, a string in one seed: always a string here. */
  rbacGroupId?: string | undefined;
  rbacGroupName?: string | undefined;
  riskScore?: string | undefined;
  exposureLevel?: string | undefined;
  deviceValue?: string | undefined;
  aadDeviceId?: string | undefined;
  isAadJoined?: boolean | undefined;
  machineTags: string[];
  ipAddresses: IpAddress[];
  defenderAvStatus?: string | undefined;
  managedBy?: string | undefined;
  isPotentialDuplication?: boolean | undefined;
  mergedIntoMachineId?: string | undefined;
}

export interface LogonUser {
  /** e.g. `contoso\user1` */
  id: string;
  accountName: string;
  accountDomain?: string | undefined;
  accountSid?: string | undefined;
  firstSeen?: string | undefined;
  lastSeen?: string | undefined;
  mostPrevalentMachineId?: string | undefined;
  leastPrevalentMachineId?: string | undefined;
  /** The API sends one comma-joined string ("Network, RemoteInteractive"); split and trimmed here. */
  logonTypes: string[];
  logOnMachinesCount?: number | undefined;
  isDomainAdmin?: boolean | undefined;
  isOnlyNetworkUser?: boolean | undefined;
}
