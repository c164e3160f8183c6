// The cards the rendering test draws at phone and desktop width: every fixture outcome from
// test/cards/fixtures.ts (every Outcome and ErrorOutcome kind), plus the extremes: the shortest list,
// the largest page of machines and of logon users, a loaded details card, hostile data (markup, every
// string at its cap with nowhere to break), drifted data (enum values we have never seen, numbers as
// strings, missing fields), "which one?" between the longest host names, an error about a very long
// host name. Each with what a person must be able to read on it, and whether it is a page of a list
// (held to the phone height limit).
import type { LogonUser, Machine } from '../../../src/defender/model';
import type { RenderContext } from '../../../src/cards/types';
import type { Outcome } from '../../../src/handlers/outcome';
import { PAGE_SIZE } from '../../../src/handlers/paging';
import { alert, alerts, alertsOutcome, driftedAlert, hostileAlert, MACHINE_SUBJECT, USER_SUBJECT } from '../../cards/alert-fixtures';
import {
  allOutcomeFixtures,
  LONG_HOST_NAMES,
  logonUser,
  logonUsersOutcome,
  machine,
  machinesOutcome,
  NOW,
  pendingAction,
} from '../../cards/fixtures';

export interface CardCase {
  /** File-name friendly: artifacts/cards/<name>-<width>.png */
  name: string;
  outcome: Outcome;
  /** Text that must be visible and on screen, matched exactly against one element (host names, accounts). */
  mustShow: string[];
  /** Fact titles whose every row (title and value) must be visible and on screen. */
  mustShowFacts: string[];
  /**
   * A page of a list of real-world data: at phone width it must not be taller than MAX_PAGE_HEIGHT.
   * (Hostile pages, every string at its cap with nowhere to break, are held to "nothing cut" only.)
   */
  isPage: boolean;
  /** How the turn sends it (a channel's named access, a replaced view, the cached note, Retry); default a 1:1 chat. */
  view?: Partial<RenderContext>;
}

/** 160 characters (the cap on shown text) with nowhere to break, and markup in it. */
const UNBREAKABLE = `[x](http://x)${'w'.repeat(147)}`;

/** Every string field hostile: markup, or as long as it is shown with nowhere to break. */
export function hostileMachine(n: number): Machine {
  return machine({
    n,
    computerDnsName: `${String(n).padStart(3, '0')}${UNBREAKABLE}`.slice(0, 160),
    osPlatform: UNBREAKABLE,
    osVersion: '**22H2**',
    lastIpAddress: 'fe80:0000:0000:0000:0202:b3ff:fe1e:8329',
    lastExternalIpAddress: UNBREAKABLE,
    rbacGroupName: UNBREAKABLE,
    agentVersion: UNBREAKABLE,
    healthStatus: UNBREAKABLE,
    riskScore: '<b>High</b>',
    exposureLevel: UNBREAKABLE,
    deviceValue: UNBREAKABLE,
    onboardingStatus: UNBREAKABLE,
    defenderAvStatus: UNBREAKABLE,
    managedBy: UNBREAKABLE,
    aadDeviceId: UNBREAKABLE,
    mergedIntoMachineId: UNBREAKABLE,
    isPotentialDuplication: true,
    machineTags: Array.from({ length: 60 }, (_, i) => `${i}${UNBREAKABLE}`.slice(0, 80)),
    ipAddresses: Array.from({ length: 12 }, () => ({
      ipAddress: UNBREAKABLE,
      macAddress: UNBREAKABLE,
      type: UNBREAKABLE,
      operationalStatus: UNBREAKABLE,
    })),
  });
}

/** What a drifting API might send: enum values we have never seen, lower-case and snake-case spellings, gaps. */
export function driftedMachine(n: number): Machine {
  return {
    id: `${n}`.padStart(40, 'a'),
    computerDnsName: `drift-${n}`,
    lastSeen: '2026-11-23T11:59:59.1234567',
    osPlatform: 'ubuntu_server',
    healthStatus: 'NoSensorDataImpairedCommunicationAndSomethingNew',
    riskScore: 'critical',
    exposureLevel: 'VERY_HIGH',
    defenderAvStatus: 'passive_mode',
    managedBy: 'MicrosoftSenseConfigurationManagementV2',
    onboardingStatus: 'onboarded',
    rbacGroupId: '0',
    machineTags: [],
    ipAddresses: [{ ipAddress: '::ffff:10.0.0.1', type: 'Wireless80211', operationalStatus: 'Dormant' }],
  };
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

const DETAIL_FACTS = ['Last seen', 'OS', 'Device group'];

export function cardCases(): CardCase[] {
  const oneMachine = machine({ n: 1 });
  const fullPage = Array.from({ length: PAGE_SIZE * 2 + 3 }, (_, i) => heavyMachine(i + 1));
  const largest = machinesOutcome(fullPage);
  const users = Array.from({ length: PAGE_SIZE + 2 }, (_, i) => heavyLogonUser(i + 1));
  const usersPage = logonUsersOutcome({ id: fullPage[1]?.id ?? '', computerDnsName: longHostName(2) }, users);
  const details = heavyMachine(2);
  const hostile = Array.from({ length: PAGE_SIZE }, (_, i) => hostileMachine(i + 1));
  const extremes: CardCase[] = [
    {
      name: 'machines-shortest',
      outcome: machinesOutcome([oneMachine]),
      mustShow: [oneMachine.computerDnsName ?? ''],
      mustShowFacts: [],
      isPage: true,
    },
    {
      name: 'machines-largest-page',
      outcome: largest,
      mustShow: largest.page.items.map((m) => m.computerDnsName ?? ''),
      mustShowFacts: [],
      isPage: true,
    },
    {
      name: 'machines-hostile-page',
      outcome: machinesOutcome(hostile, 1, UNBREAKABLE),
      mustShow: [],
      mustShowFacts: [],
      isPage: false,
    },
    {
      name: 'machines-drifted',
      outcome: machinesOutcome([driftedMachine(1), driftedMachine(2)]),
      mustShow: ['drift-1', 'drift-2'],
      mustShowFacts: [],
      isPage: true,
    },
    {
      name: 'logon-users-largest-page',
      outcome: usersPage,
      mustShow: usersPage.page.items.map((u) => `${u.accountDomain ?? ''}\\${u.accountName}`),
      mustShowFacts: [],
      isPage: true,
    },
    {
      name: 'logon-users-hostile-page',
      outcome: logonUsersOutcome(
        { id: details.id, computerDnsName: UNBREAKABLE },
        Array.from({ length: PAGE_SIZE }, (_, i) =>
          logonUser({
            id: `x\\${i}`,
            accountName: `${i}${UNBREAKABLE}`,
            accountDomain: UNBREAKABLE,
            logonTypes: [UNBREAKABLE, 'RemoteInteractive'],
            isDomainAdmin: true,
            isOnlyNetworkUser: true,
            logOnMachinesCount: 1e9,
          }),
        ),
      ),
      mustShow: [],
      mustShowFacts: [],
      isPage: false,
    },
    {
      name: 'machine-details-heavy',
      outcome: { kind: 'machineDetails', machine: details },
      mustShow: [details.computerDnsName ?? ''],
      mustShowFacts: DETAIL_FACTS,
      isPage: false,
    },
    {
      name: 'machine-details-hostile',
      outcome: { kind: 'machineDetails', machine: hostileMachine(1) },
      mustShow: [],
      mustShowFacts: ['Last seen', 'Device group', 'Managed by'],
      isPage: false,
    },
    {
      name: 'machine-details-drifted',
      outcome: { kind: 'machineDetails', machine: driftedMachine(1) },
      mustShow: ['drift-1'],
      mustShowFacts: ['Last seen', 'Managed by'],
      isPage: false,
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
      isPage: true,
    },
    {
      name: 'choose-machine-largest',
      outcome: { kind: 'chooseMachine', query: 'fin-ws', purpose: 'logonUsers', candidates: fullPage },
      mustShow: [],
      mustShowFacts: [],
      isPage: true,
    },
    ...alertCases(),
    {
      name: 'error-machine-not-found',
      outcome: { kind: 'error', error: { kind: 'machineNotFound', query: longHostName(404) } },
      mustShow: [longHostName(404)],
      mustShowFacts: [],
      isPage: false,
    },
  ];
  // As sent into a channel (issue 13): the asker named, a click by someone else noted, the cached note
  // beside Refresh; and transient errors with their Retry.
  const inChannel: Partial<RenderContext> = {
    accessHolder: 'Alexandra Johansson',
    replacesOtherView: true,
    viewerTag: '0123456789ab',
    dataFetchedAt: new Date(NOW.getTime() - 45_000),
  };
  // Every count already known, at its widest ("⚠ 99+"): a count on an existing button may not make a page taller.
  const counted: Outcome = {
    ...largest,
    alertCounts: {
      machines: new Map(largest.page.items.map((m) => [m.id, { open: 140, total: 300 }])),
      user: { open: 140, total: 300 },
    },
  };
  const inPlace: CardCase[] = [
    { name: 'machines-largest-page-channel', outcome: largest, mustShow: [], mustShowFacts: [], isPage: true, view: inChannel },
    { name: 'machines-largest-page-counted', outcome: counted, mustShow: ['⚠ 99+', "User's ⚠ 99+"], mustShowFacts: [], isPage: true },
    {
      name: 'machines-largest-page-counted-channel',
      outcome: counted,
      mustShow: ['⚠ 99+', "User's ⚠ 99+"],
      mustShowFacts: [],
      isPage: true,
      view: inChannel,
    },
    {
      name: 'machine-details-heavy-counted-channel',
      outcome: { kind: 'machineDetails', machine: details, alertCount: { open: 140, total: 300 } },
      mustShow: ['Alerts ⚠ 99+'],
      mustShowFacts: DETAIL_FACTS,
      isPage: false,
      view: inChannel,
    },
    {
      // Who is logged on, already known: three names in the facts, then "+N more".
      name: 'action-confirm-logged-on',
      outcome: {
        kind: 'actionConfirm',
        request: pendingAction(),
        machine: details,
        loggedOn: Array.from({ length: 6 }, (_, i) =>
          logonUser({ id: `c\\u${i}`, accountName: `svc-sql-0${i}`, accountDomain: 'CONTOSO' }),
        ),
      },
      mustShow: [],
      mustShowFacts: ['Logged on'],
      isPage: false,
    },
    {
      // Names too long for a fact: below the facts, whole up to 32 characters each.
      name: 'action-confirm-logged-on-long-names',
      outcome: {
        kind: 'actionConfirm',
        request: pendingAction(),
        machine: details,
        loggedOn: users,
      },
      mustShow: [],
      mustShowFacts: [],
      isPage: false,
    },
    {
      // A long display name on top: held to "nothing cut" (its height is in the table).
      name: 'machines-largest-page-channel-long-name',
      outcome: largest,
      mustShow: [],
      mustShowFacts: [],
      isPage: false,
      view: { ...inChannel, accessHolder: 'Alexandria Montgomery-Featherstonehaugh' },
    },
    { name: 'logon-users-largest-page-channel', outcome: usersPage, mustShow: [], mustShowFacts: [], isPage: true, view: inChannel },
    {
      name: 'machine-details-heavy-channel',
      outcome: { kind: 'machineDetails', machine: details },
      mustShow: [details.computerDnsName ?? ''],
      mustShowFacts: DETAIL_FACTS,
      isPage: false,
      view: inChannel,
    },
    {
      name: 'error-unavailable-retry',
      outcome: {
        kind: 'error',
        error: { kind: 'unavailable', reason: 'serverError', correlationId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' },
      },
      mustShow: ['↻ Retry'],
      mustShowFacts: [],
      isPage: false,
      view: { retry: { action: 'machinesForUser', user: 'user1' } },
    },
    {
      name: 'error-throttled-retry-long-command',
      outcome: { kind: 'error', error: { kind: 'throttled', retryAfterSeconds: 42 } },
      mustShow: ['↻ Retry'],
      mustShowFacts: [],
      isPage: false,
      view: { retry: { action: 'run', text: `who logged onto ${longHostName(5)} page 3` } },
    },
  ];
  const fixtures: CardCase[] = allOutcomeFixtures().map(({ name, outcome }) => ({
    name: `fixture-${name}`,
    outcome,
    mustShow: [],
    mustShowFacts: [],
    isPage: outcome.kind === 'machines' || outcome.kind === 'logonUsers' || outcome.kind === 'chooseMachine' || outcome.kind === 'alerts',
  }));
  return [...extremes, ...inPlace, ...fixtures];
}

/** The alert cards: the largest page (long titles, a user's list naming long host names), hostile and drifted text, a loaded details card. */
function alertCases(): CardCase[] {
  const long = Array.from({ length: PAGE_SIZE + 4 }, (_, i) =>
    alert({
      n: i + 1,
      title: `Suspicious process injection observed in a signed binary loaded by a service host process (${i + 1})`,
      category: 'DefenseEvasion',
      computerDnsName: longHostName(i + 1),
      status: i % 4 === 3 ? 'Resolved' : 'InProgress',
      severity: ['High', 'Medium', 'Low', 'Informational'][i % 4],
    }),
  );
  const largest = alertsOutcome(USER_SUBJECT, long);
  const details = alert({
    description: `${'An encoded PowerShell command downloaded and ran a payload from a newly registered domain. '.repeat(12)}\nIt then created a scheduled task for persistence.`,
    computerDnsName: longHostName(7),
    loggedOnUsers: Array.from({ length: 12 }, (_, i) => ({ accountName: `svc-sql-reporting-${i}`, domainName: 'CONTOSO' })),
    mitreTechniques: ['T1059.001', 'T1105', 'T1053.005', 'T1027', 'T1140'],
  });
  return [
    {
      name: 'alerts-largest-page',
      outcome: largest,
      mustShow: [],
      mustShowFacts: [],
      isPage: true,
    },
    {
      name: 'alerts-machine-page',
      outcome: alertsOutcome(MACHINE_SUBJECT, alerts(PAGE_SIZE)),
      mustShow: [],
      mustShowFacts: [],
      isPage: true,
    },
    {
      name: 'alerts-hostile-page',
      outcome: alertsOutcome(
        USER_SUBJECT,
        Array.from({ length: PAGE_SIZE }, (_, i) => hostileAlert(i + 1)),
      ),
      mustShow: [],
      mustShowFacts: [],
      isPage: false,
    },
    {
      name: 'alert-details-heavy',
      outcome: { kind: 'alertDetails', alert: details },
      mustShow: ['Full description'],
      mustShowFacts: ['Machine', 'Related user', 'Logged-on users', 'MITRE techniques', 'Incident'],
      isPage: false,
    },
    {
      name: 'alert-details-hostile',
      outcome: { kind: 'alertDetails', alert: hostileAlert(1) },
      mustShow: [],
      mustShowFacts: ['Machine', 'Assigned to'],
      isPage: false,
    },
    {
      name: 'alert-details-drifted',
      outcome: { kind: 'alertDetails', alert: driftedAlert(2) },
      mustShow: ['Drifted alert'],
      mustShowFacts: [],
      isPage: false,
    },
  ];
}
