// The cards the rendering test draws at phone and desktop width: every fixture outcome from
// test/cards/fixtures.ts, plus the extremes (the shortest list, the heaviest full page, a long logon
// list, a loaded details card, "which one?" between the longest host names, an error about a very long
// host name), each with what a person must be able to read on it.
import type { LogonUser, Machine } from '../../../src/defender/model';
import type { Outcome } from '../../../src/handlers/outcome';
import { PAGE_SIZE } from '../../../src/handlers/paging';
import { allOutcomeFixtures, LONG_HOST_NAMES, logonUser, logonUsersOutcome, machine, machinesOutcome, NOW } from '../../cards/fixtures';

export interface CardCase {
  /** File-name friendly: artifacts/cards/<name>-<width>.png */
  name: string;
  outcome: Outcome;
  /** Text that must be visible and on screen, matched exactly against one element (host names, accounts). */
  mustShow: string[];
  /** Fact titles whose every row (title and value) must be visible and on screen. */
  mustShowFacts: string[];
}

/** 80 characters, like real FQDNs in large estates. */
export function longHostName(n: number): string {
  return `fin-ws-${String(n).padStart(4, '0')}-reporting-workstation.emea.corp.subsidiary-holdings.contoso.com`;
}

/** A machine with everything long: name, group, 20 tags, 12 IP addresses; high risk, impaired health. */
export function heavyMachine(n: number, minutesAgo = n * 7): Machine {
  return machine({
    n,
    computerDnsName: longHostName(n),
    lastSeen: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    rbacGroupName: 'EMEA Finance Workstations - Tier 2 - co-managed by Intune and Configuration Manager',
    riskScore: n % 2 === 0 ? 'High' : 'Medium',
    healthStatus: n % 3 === 0 ? 'ImpairedCommunication' : 'Active',
    osPlatform: 'WindowsServer2022',
    osVersion: '21H2',
    machineTags: Array.from({ length: 20 }, (_, i) => `finance-reporting-tag-${String(i + 1).padStart(2, '0')}`),
    ipAddresses: Array.from({ length: 12 }, (_, i) => ({
      ipAddress: i % 2 === 0 ? `10.${n}.${i}.${100 + i}` : `fe80::${(0x1000 + i).toString(16)}:5efe:a00:${(0x100 + n).toString(16)}`,
      macAddress: `00-15-5D-${String(n).padStart(2, '0')}-02-${String(i).padStart(2, '0')}`,
      type: 'Ethernet',
      operationalStatus: 'Up',
    })),
  });
}

function heavyLogonUser(i: number): LogonUser {
  return logonUser({
    id: `contoso\\svc-sql-reporting-${String(i).padStart(2, '0')}`,
    accountName: `svc-sql-reporting-${String(i).padStart(2, '0')}`,
    lastSeen: new Date(NOW.getTime() - i * 3_600_000).toISOString(),
    logonTypes: ['Interactive', 'Network', 'RemoteInteractive', 'CachedInteractive', 'Unlock'],
    isDomainAdmin: i % 4 === 1,
    isOnlyNetworkUser: i % 5 === 2,
    logOnMachinesCount: 100 + i,
  });
}

const MACHINE_FACTS = ['Health', 'Risk', 'Last seen'];

export function cardCases(): CardCase[] {
  const oneMachine = machine({ n: 1 });
  const fullPage = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => heavyMachine(i + 1));
  const users = Array.from({ length: PAGE_SIZE + 2 }, (_, i) => heavyLogonUser(i + 1));
  const details = heavyMachine(2);
  const extremes: CardCase[] = [
    {
      name: 'machines-shortest',
      outcome: machinesOutcome([oneMachine]),
      mustShow: [oneMachine.computerDnsName ?? ''],
      mustShowFacts: MACHINE_FACTS,
    },
    {
      name: 'machines-longest-page',
      outcome: machinesOutcome(fullPage),
      mustShow: fullPage.slice(0, PAGE_SIZE).map((m) => m.computerDnsName ?? ''),
      mustShowFacts: MACHINE_FACTS,
    },
    {
      name: 'logon-users-page',
      outcome: logonUsersOutcome({ id: details.id, computerDnsName: longHostName(2) }, users),
      mustShow: users.slice(0, PAGE_SIZE).map((u) => `${u.accountDomain ?? ''}\\${u.accountName}`),
      mustShowFacts: ['Last seen', 'Logon types'],
    },
    {
      name: 'machine-details',
      outcome: { kind: 'machineDetails', machine: details },
      mustShow: [details.computerDnsName ?? ''],
      mustShowFacts: MACHINE_FACTS,
    },
    {
      name: 'choose-machine-long-names',
      outcome: {
        kind: 'chooseMachine',
        query: 'reporting',
        purpose: 'machineDetails',
        candidates: [...LONG_HOST_NAMES.map((computerDnsName, i) => machine({ n: 41 + i, computerDnsName })), heavyMachine(3)],
      },
      mustShow: [...LONG_HOST_NAMES, longHostName(3)],
      mustShowFacts: [],
    },
    {
      name: 'error-machine-not-found',
      outcome: { kind: 'error', error: { kind: 'machineNotFound', query: longHostName(404) } },
      mustShow: [longHostName(404)],
      mustShowFacts: [],
    },
  ];
  const fixtures: CardCase[] = allOutcomeFixtures().map(({ name, outcome }) => ({ name: `fixture-${name}`, outcome, mustShow: [], mustShowFacts: [] }));
  return [...extremes, ...fixtures];
}
