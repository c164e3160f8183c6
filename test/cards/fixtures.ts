// Typed inputs for the card tests: machines, logon users, render contexts, and one or more
// fixtures for every Outcome kind and every ErrorOutcome kind. The two tables are mapped types
// over the unions, so adding a kind to src/handlers/outcome.ts without a fixture here fails tsc.
import type { LogonUser, Machine } from '../../src/defender/model';
import type { ErrorOutcome, ListPage, MachineLabel, Outcome } from '../../src/handlers/outcome';
import { sortLogonUsers, sortMachines } from '../../src/handlers/list-order';
import { pageOf } from '../../src/handlers/paging';
import type { RenderContext } from '../../src/cards/types';
import { alert, alerts, alertsOutcome, driftedAlert, MACHINE_SUBJECT, USER_SUBJECT } from './alert-fixtures';

import type { PendingAction } from '../../src/actions/types';
import type { MachineAction } from '../../src/defender/machine-action';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const PORTAL = 'https://security.microsoft.com';

export function ctx(overrides: Partial<RenderContext> = {}): RenderContext {
  return { now: NOW, tenantId: TENANT, portalBaseUrl: PORTAL, demo: false, ...overrides };
}

/** A 40-hex device id derived from a number, so fixtures stay readable. */
export function deviceId(n: number): string {
  return n.toString(16).padStart(8, '0').repeat(5);
}

export function machine(overrides: Partial<Machine> & { n?: number } = {}): Machine {
  const { n = 1, ...rest } = overrides;
  return {
    id: deviceId(n),
    computerDnsName: `pc${n}.contoso.com`,
    firstSeen: '2025-01-10T08:00:00Z',
    lastSeen: '2026-11-23T09:12:00Z',
    osPlatform: 'Windows11',
    osVersion: '22H2',
    osProcessor: 'x64',
    osBuild: 22621,
    osArchitecture: '64-bit',
    lastIpAddress: `10.0.0.${n}`,
    lastExternalIpAddress: '203.0.113.7',
    agentVersion: '10.8760.22621.1000',
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    rbacGroupId: '140',
    rbacGroupName: 'Finance workstations',
    riskScore: 'Low',
    exposureLevel: 'Medium',
    deviceValue: 'Normal',
    aadDeviceId: '80fe8ff8-2624-418e-9591-41f0491218f9',
    isAadJoined: true,
    machineTags: ['finance', 'vip'],
    ipAddresses: [
      { ipAddress: `10.0.0.${n}`, macAddress: '00-15-5D-01-02-03', type: 'Ethernet', operationalStatus: 'Up' },
      { ipAddress: 'fe80::1', type: 'Ethernet', operationalStatus: 'Up' },
    ],
    defenderAvStatus: 'Updated',
    managedBy: 'Intune',
    ...rest,
  };
}

/** Only what the model requires: every optional field missing. */
export function bareMachine(n = 9): Machine {
  return { id: deviceId(n), machineTags: [], ipAddresses: [] };
}

export function logonUser(overrides: Partial<LogonUser> = {}): LogonUser {
  return {
    id: 'contoso\\user1',
    accountName: 'user1',
    accountDomain: 'CONTOSO',
    accountSid: 'S-1-5-21-1111111111-2222222222-3333333333-1001',
    firstSeen: '2026-10-01T07:00:00Z',
    lastSeen: '2026-11-23T11:00:00Z',
    mostPrevalentMachineId: deviceId(1),
    leastPrevalentMachineId: deviceId(2),
    logonTypes: ['Interactive', 'Network'],
    logOnMachinesCount: 3,
    isDomainAdmin: false,
    isOnlyNetworkUser: false,
    ...overrides,
  };
}

export function machines(count: number): Machine[] {
  return Array.from({ length: count }, (_, i) =>
    // lastSeen decreases with i, so the sorted order is pc1, pc2, …
    machine({ n: i + 1, lastSeen: new Date(NOW.getTime() - (i + 1) * 60_000 * 7).toISOString() }),
  );
}

export function logonUsers(count: number): LogonUser[] {
  return Array.from({ length: count }, (_, i) =>
    logonUser({
      id: `contoso\\user${i + 1}`,
      accountName: `user${i + 1}`,
      lastSeen: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString(),
    }),
  );
}

/**
 * Host names as long as the API legitimately returns them, 63 characters each: a dotted FQDN with
 * hyphens (breaks at "-" and "."), and one single 63-character DNS label (the longest a label can be)
 * with nowhere to break.
 */
export const LONG_HOST_NAMES = [
  'emea-fin-reporting-ws-0001.finance.corp.subsidiary-holdings.com',
  'emeafinancereportingworkstation0002corpsubsidiaryholdingscontos',
] as const;

/** A page of `items` as the handler cuts it (its own sort and paging); throws for a page that does not exist. */
function cut<T>(items: readonly T[], page: number): ListPage<T> {
  const shown = pageOf(items, page);
  if (shown === undefined) throw new Error(`fixture asks for page ${page} of a ${items.length}-item list`);
  return shown;
}

/** The handler's outcome for `machines for <userName>` when Defender returns `list`. */
export function machinesOutcome(list: readonly Machine[], page = 1, userName = 'user1'): Extract<Outcome, { kind: 'machines' }> {
  return { kind: 'machines', userName, page: cut(sortMachines(list), page) };
}

/** The handler's outcome for `who logged onto <machine>` when Defender returns `list`. */
export function logonUsersOutcome(machine: MachineLabel, list: readonly LogonUser[], page = 1): Extract<Outcome, { kind: 'logonUsers' }> {
  return { kind: 'logonUsers', machine, page: cut(sortLogonUsers(list), page) };
}

type ErrorFixtures = { [K in ErrorOutcome['kind']]: Array<Extract<ErrorOutcome, { kind: K }>> };

export const ERROR_FIXTURES: ErrorFixtures = {
  userNotFound: [{ kind: 'userNotFound', userName: 'user1' }],
  machineNotFound: [{ kind: 'machineNotFound', query: 'pc404.contoso.com' }],
  alertNotFound: [{ kind: 'alertNotFound', alertId: 'da638990000000000000_0' }],
  badInput: [{ kind: 'badInput', command: 'logonUsers', part: 'machine', input: '999.1.1.1', reason: 'that is not a valid IP address' }],
  mentionUnresolved: [{ kind: 'mentionUnresolved', displayName: 'Jane Doe' }],
  pageOutOfRange: [
    { kind: 'pageOutOfRange', page: 5, pages: 3, list: { kind: 'machines', userName: 'user1' } },
    {
      kind: 'pageOutOfRange',
      page: 2,
      pages: 1,
      list: { kind: 'logonUsers', machine: { id: deviceId(1), computerDnsName: 'pc1.contoso.com' } },
    },
  ],
  unauthorized: [{ kind: 'unauthorized', correlationId: 'a1b2c3d4-0000-1111-2222-333344445555' }, { kind: 'unauthorized' }],
  forbidden: [{ kind: 'forbidden', correlationId: 'f0rb1dd3n-0000' }, { kind: 'forbidden' }],
  throttled: [
    { kind: 'throttled', retryAfterSeconds: 30, correlationId: 'thr0ttl3d-0000' },
    { kind: 'throttled', retryAfterSeconds: 300 },
    { kind: 'throttled' },
  ],
  personalLimit: [
    { kind: 'personalLimit', limit: 'commands', retryAfterSeconds: 20, perMinute: 10 },
    { kind: 'personalLimit', limit: 'defenderShare', retryAfterSeconds: 2700 },
  ],
  unavailable: [
    { kind: 'unavailable', reason: 'unreachable' },
    { kind: 'unavailable', reason: 'timeout' },
    { kind: 'unavailable', reason: 'serverError', correlationId: '5erv3r-0000' },
    { kind: 'unavailable', reason: 'invalidResponse' },
    { kind: 'unavailable', reason: 'badRequest', correlationId: 'b4d-0000' },
  ],
  signInRequired: [
    { kind: 'signInRequired', reason: 'Sign-in is not available in channels.' },
    { kind: 'signInRequired', reason: '' },
    { kind: 'signInRequired', reason: 'your sign-in has expired.', code: 'assertionExpired' },
  ],
  consentRequired: [
    {
      kind: 'consentRequired',
      reason:
        'the bot isn’t allowed to read Defender data for you yet. An Entra administrator of your organization must grant admin consent to the bot’s app (0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b) for the Defender permissions Machine.Read and User.Read.All; then sign in again.',
      correlationId: 'c0n5ent-0000',
    },
    { kind: 'consentRequired', reason: '' },
  ],
  signInMisconfigured: [
    {
      kind: 'signInMisconfigured',
      reason: 'your Teams sign-in could not be used for Defender because the bot’s sign-in setup is wrong.',
      aadstsCode: 50013,
      correlationId: 'aud-0000',
    },
    { kind: 'signInMisconfigured', reason: 'the bot’s connection to Microsoft sign-in is misconfigured.', aadstsCode: 7000215 },
    { kind: 'signInMisconfigured', reason: '' },
  ],
  identityUnavailable: [{ kind: 'identityUnavailable', correlationId: 'idp-down-0000' }, { kind: 'identityUnavailable' }],
  signInFailed: [
    { kind: 'signInFailed', code: 'installedappnotfound' },
    { kind: 'signInFailed', code: 'resourcematchfailed' },
    { kind: 'signInFailed', code: 'tokenmissing' },
    { kind: 'signInFailed', code: '' },
  ],
  signInInPersonalChat: [
    { kind: 'signInInPersonalChat', chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b' },
  ],
  internal: [{ kind: 'internal', referenceId: 'req-7f3a9c' }],
};

type OutcomeFixtures = { [K in Outcome['kind']]: Array<Extract<Outcome, { kind: K }>> };

export const OUTCOME_FIXTURES: OutcomeFixtures = {
  about: [
    { kind: 'about', about: { version: '0.1.0', mode: 'production', cloud: 'GCCHigh' } },
    { kind: 'about', about: { version: '0.1.0', mode: 'demo', cloud: 'Commercial' } },
  ],
  feedbackNoted: [{ kind: 'feedbackNoted' }],
  welcome: [{ kind: 'welcome' }],
  machines: [
    machinesOutcome(machines(3)),
    machinesOutcome(machines(23), 2),
    machinesOutcome([bareMachine()]),
    // Every marker: High risk, Medium risk with an unhealthy sensor, a possible duplicate, a merged record.
    machinesOutcome([
      machine({ n: 1, riskScore: 'High', healthStatus: 'ImpairedCommunication' }),
      machine({ n: 2, riskScore: 'Medium', healthStatus: 'NoSensorData' }),
      machine({ n: 3, isPotentialDuplication: true }),
      machine({ n: 4, riskScore: 'None', healthStatus: 'Inactive', mergedIntoMachineId: deviceId(5) }),
    ]),
  ],
  logonUsers: [
    logonUsersOutcome({ id: deviceId(1), computerDnsName: 'pc1.contoso.com' }, logonUsers(3)),
    logonUsersOutcome({ id: deviceId(1) }, logonUsers(12), 2),
    logonUsersOutcome({ id: deviceId(1) }, []),
    logonUsersOutcome({ id: deviceId(1) }, [logonUser({ accountSid: undefined, isDomainAdmin: true, isOnlyNetworkUser: true })]),
  ],
  machineDetails: [
    { kind: 'machineDetails', machine: machine() },
    { kind: 'machineDetails', machine: bareMachine() },
    // Everything that needs a second look, and values with no break opportunity.
    {
      kind: 'machineDetails',
      machine: machine({
        riskScore: 'High',
        exposureLevel: 'High',
        healthStatus: 'NoSensorDataImpairedCommunication',
        defenderAvStatus: 'Disabled',
        isPotentialDuplication: true,
        mergedIntoMachineId: deviceId(7),
        managedBy: 'MicrosoftEndpointConfigurationManagerCoManagement',
        lastExternalIpAddress: '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
        ipAddresses: [
          {
            ipAddress: '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
            macAddress: '00-15-5D-01-02-03',
            type: 'Wireless80211',
            operationalStatus: 'Down',
          },
        ],
      }),
    },
  ],
  alerts: [
    alertsOutcome(MACHINE_SUBJECT, alerts(4)),
    alertsOutcome(USER_SUBJECT, alerts(14), 2),
    alertsOutcome(MACHINE_SUBJECT, []),
    alertsOutcome(USER_SUBJECT, []),
  ],
  alertDetails: [
    { kind: 'alertDetails', alert: alert() },
    { kind: 'alertDetails', alert: driftedAlert(2) },
  ],
  chooseMachine: [
    { kind: 'chooseMachine', query: 'pc1', purpose: 'logonUsers', candidates: machines(3) },
    { kind: 'chooseMachine', query: 'pc', purpose: 'alerts', candidates: machines(2) },
    { kind: 'chooseMachine', query: 'pc', purpose: 'machineDetails', candidates: machines(14) },
    {
      kind: 'chooseMachine',
      query: 'emea',
      purpose: 'logonUsers',
      candidates: LONG_HOST_NAMES.map((computerDnsName, i) =>
        machine({ n: 31 + i, computerDnsName, lastSeen: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString() }),
      ),
    },
  ],
  help: [{ kind: 'help' }],
  signedOut: [
    { kind: 'signedOut', hadSignIn: true },
    { kind: 'signedOut', hadSignIn: false },
  ],
  unknown: [
    { kind: 'unknown', text: 'mashines for user1', suggestions: [{ text: 'machines for user1' }] },
    { kind: 'unknown', text: 'hello', suggestions: [] },
    // Too long for a button on a phone: written out above a short "Run this".
    {
      kind: 'unknown',
      text: 'who loged onto mymachine1.contoso.com',
      suggestions: [
        { text: 'who logged onto mymachine1.contoso.com' },
        { text: 'logons on mymachine1.contoso.com' },
        { text: 'machine user1' },
      ],
    },
  ],
  actionConfirm: [
    { kind: 'actionConfirm', request: pendingAction(), machine: machine({ riskScore: 'High', healthStatus: 'Active' }) },
    // No reason yet (the card asks for it), four-eyes, a long host name, isolated already.
    {
      kind: 'actionConfirm',
      request: pendingAction({ action: 'release', approval: 'second-analyst', machineName: LONG_HOST_NAMES[0] ?? 'pc1' }, true),
      machine: machine({ computerDnsName: LONG_HOST_NAMES[0] ?? 'pc1' }),
      isolatedSince: new Date(NOW.getTime() - 3_600_000).toISOString(),
    },
    {
      kind: 'actionConfirm',
      request: pendingAction({ action: 'scan', option: 'full', reason: `${'very long reason '.repeat(29)}end` }),
      machine: bareMachine(),
    },
  ],
  actionStatus: [
    {
      kind: 'actionStatus',
      status: {
        action: machineAction('Pending'),
        kind: 'isolate',
        machineName: 'pc1.contoso.com',
        requestedBy: 'Elena Brandt',
        reason: 'INC-1234',
        existing: false,
      },
    },
    {
      kind: 'actionStatus',
      status: {
        action: machineAction('Succeeded'),
        kind: 'isolate',
        machineName: LONG_HOST_NAMES[1] ?? 'pc1',
        requestedBy: 'Elena Brandt',
        approvedBy: 'Sam Okafor',
        reason: 'suspected ransomware, INC-1234',
        existing: true,
      },
    },
    {
      kind: 'actionStatus',
      status: {
        action: machineAction('InProgress'),
        existing: false,
        gaveUp: 'Still InProgress after 15 min; ask again with "action status x".',
      },
    },
  ],
  actionRefused: [
    { kind: 'actionRefused', refusal: { kind: 'disabled', action: 'isolate' } },
    { kind: 'actionRefused', refusal: { kind: 'selfApproval' } },
    {
      kind: 'actionRefused',
      refusal: { kind: 'forbidden', action: 'scan', permission: 'Machine.Scan', role: 'Active remediation actions' },
    },
    { kind: 'actionRefused', refusal: { kind: 'notOpen' } },
  ],
  actionCancelled: [{ kind: 'actionCancelled', request: pendingAction(), by: 'Elena Brandt' }],
  error: Object.values(ERROR_FIXTURES)
    .flat()
    .map((error: ErrorOutcome) => ({ kind: 'error' as const, error })),
};

/** Every fixture, labelled, for table-driven tests. */
export function allOutcomeFixtures(): Array<{ name: string; outcome: Outcome }> {
  return Object.entries(OUTCOME_FIXTURES).flatMap(([kind, list]: [string, Outcome[]]) =>
    list.map((outcome, i) => ({ name: `${kind}#${i}${outcome.kind === 'error' ? ` (${outcome.error.kind})` : ''}`, outcome })),
  );
}

export function pendingAction(overrides: Partial<PendingAction> = {}, withoutReason = false): PendingAction {
  const base: PendingAction = {
    id: '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
    action: 'isolate',
    machineId: deviceId(1),
    machineName: 'pc1.contoso.com',
    reason: 'suspected ransomware INC-1234',
    requester: { teamsUserId: '29:elena', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a', name: 'Elena Brandt' },
    conversationId: 'a:personal-elena',
    approval: 'none',
    createdAt: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
  };
  const merged = { ...base, ...overrides };
  if (withoutReason) delete merged.reason;
  return merged;
}

export function machineAction(status: string): MachineAction {
  return {
    id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    type: 'Isolate',
    requestor: 'elena.brandt@contoso.com',
    requestorComment: 'requested by Elena Brandt via Teams: INC-1234',
    status,
    machineId: deviceId(1),
    computerDnsName: 'pc1.contoso.com',
    creationDateTimeUtc: new Date(NOW.getTime() - 120_000).toISOString(),
    lastUpdateDateTimeUtc: new Date(NOW.getTime() - 30_000).toISOString(),
  };
}
