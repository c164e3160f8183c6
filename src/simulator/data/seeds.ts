// The entities from the examples on Microsoft's Defender for Endpoint API reference pages (List machines,
// Get user related machines, …), field for field, with their dates
// re-based onto the clock so the demo looks current. Key order and drift (osVersion vs version,
// numeric vs string rbacGroupId, missing fields) are kept as the pages show them.
import { DAY, HOUR, MINUTE, isoSeconds, isoTicks } from './dates';
import { SEED_MACHINE_IDS, USER1, USER1_MOST_PREVALENT_MACHINE_ID } from './facts';
import { GROUPS } from './groups';
import type { LogonRecord, TenantUser, WireMachine } from './types';

export function seedMachines(anchor: number): WireMachine[] {
  return [
    {
      id: SEED_MACHINE_IDS.mymachine1,
      computerDnsName: 'mymachine1.contoso.com',
      firstSeen: isoTicks(anchor - 412 * DAY - 3 * HOUR - 17 * MINUTE + 3_779, 1856),
      lastSeen: isoTicks(anchor - 2 * HOUR - 14 * MINUTE - 3_221, 1856),
      osPlatform: 'Windows10',
      osVersion: '10.0.0.0',
      lastIpAddress: '172.17.230.209',
      lastExternalIpAddress: '167.220.196.71',
      agentVersion: '10.5830.18209.1001',
      osBuild: 18209,
      healthStatus: 'Active',
      rbacGroupId: GROUPS.aTeam.id,
      rbacGroupName: GROUPS.aTeam.name,
      riskScore: 'Low',
      isAadJoined: true,
      aadDeviceId: '80fe8ff8-2624-418e-9591-41f0491218f9',
      machineTags: ['test tag 1', 'test tag 2'],
    },
    {
      id: SEED_MACHINE_IDS.mymachine2,
      computerDnsName: 'mymachine2.contoso.com',
      firstSeen: isoTicks(anchor - 530 * DAY - 7 * HOUR + 45_125, 71),
      lastSeen: isoTicks(anchor - 9 * DAY - 5 * HOUR - 41 * MINUTE + 45_125, 71),
      osPlatform: 'Windows10',
      osVersion: '10.0.0.0',
      lastIpAddress: '192.168.12.225',
      lastExternalIpAddress: '79.183.65.82',
      agentVersion: '10.5820.17724.1000',
      osBuild: 17724,
      healthStatus: 'Inactive',
      rbacGroupId: GROUPS.aTeam.id,
      rbacGroupName: GROUPS.aTeam.name,
      riskScore: 'Low',
      isAadJoined: false,
      aadDeviceId: null,
      machineTags: ['test tag 1'],
    },
    {
      id: SEED_MACHINE_IDS.machine1,
      computerDnsName: 'device1.corp.example.com',
      firstSeen: isoSeconds(anchor - 300 * DAY),
      lastSeen: isoSeconds(anchor - 1 * HOUR),
      osPlatform: 'Windows10',
      onboardingStatus: 'onboarded',
      osProcessor: 'x64',
      version: '10.0.19045',
      osBuild: 19045,
      lastIpAddress: '10.0.0.5',
      lastExternalIpAddress: '203.0.113.1',
      healthStatus: 'Active',
      rbacGroupName: GROUPS.finance.name,
      rbacGroupId: GROUPS.finance.id,
      riskScore: 'Low',
      aadDeviceId: 'd9f1373e-1733-437e-8f4c-3f77f60d3c92',
      machineTags: ['laptop', 'finance'],
      exposureLevel: 'Medium',
      deviceValue: 'High',
      ipAddresses: [
        { ipAddress: '10.0.0.5', type: 'IPv4' },
        { ipAddress: 'fe80::abcd', type: 'IPv6' },
      ],
      osArchitecture: '64-bit',
    },
    {
      id: SEED_MACHINE_IDS.machine2,
      computerDnsName: 'device2.corp.example.com',
      firstSeen: isoSeconds(anchor - 231 * DAY - 8 * HOUR - 15 * MINUTE),
      lastSeen: isoSeconds(anchor - 12 * DAY - 8 * HOUR - 15 * MINUTE),
      osPlatform: 'Windows11',
      onboardingStatus: 'onboarded',
      osProcessor: 'x64',
      version: '10.0.22000',
      osBuild: 22000,
      lastIpAddress: '10.0.0.10',
      lastExternalIpAddress: '203.0.113.2',
      healthStatus: 'Inactive',
      rbacGroupName: GROUPS.hr.name,
      rbacGroupId: GROUPS.hr.id,
      riskScore: 'Medium',
      aadDeviceId: null,
      machineTags: ['desktop', 'hr'],
      exposureLevel: 'Low',
      deviceValue: 'Normal',
      ipAddresses: [{ ipAddress: '10.0.0.10', type: 'IPv4' }],
      osArchitecture: '64-bit',
    },
  ];
}

/** user1 as the logon-users page shows it; logOnMachinesCount 8 matches the tenant's logons. */
export function seedUser1(): TenantUser {
  return {
    accountName: USER1.accountName,
    accountDomain: USER1.accountDomain,
    accountSid: USER1.accountSid,
    isDomainAdmin: true,
    isOnlyNetworkUser: false,
    logOnMachinesCount: 8,
    mostPrevalentMachineId: USER1_MOST_PREVALENT_MACHINE_ID,
    leastPrevalentMachineId: USER1_MOST_PREVALENT_MACHINE_ID,
  };
}

/** user1's logon on mymachine1: the seed's dates (19 days, 23:58:54 apart), re-based. */
export function seedUser1Logon(anchor: number): LogonRecord {
  const lastSeen = anchor - 3 * HOUR - 12 * MINUTE - 12_000;
  const span = Date.parse('2020-01-06T08:01:48Z') - Date.parse('2019-12-18T08:02:54Z');
  return {
    machineId: SEED_MACHINE_IDS.mymachine1,
    accountDomain: USER1.accountDomain,
    accountName: USER1.accountName,
    firstSeen: isoSeconds(lastSeen - span),
    lastSeen: isoSeconds(lastSeen),
    logonTypes: 'Interactive',
  };
}
