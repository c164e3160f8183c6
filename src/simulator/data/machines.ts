// Machine generation: the special machines the facts describe, then ~280 ordinary ones spread over
// the device groups. Field drift as in reality: most machines send `version`, older agents send
// `osVersion` and omit newer fields, and any value may be null.
import { DAY, HOUR, MINUTE, isoTicks } from './dates';
import {
  BARE_HOST,
  DUPLICATE_HOST,
  MARKDOWN_MACHINE,
  SHARED_IP,
  SPARSE_MACHINE_ID,
  STALE_IP,
  UNIQUE_IP,
  USER1_EXTRA_MACHINES,
  USER1_MOST_PREVALENT_MACHINE_ID,
} from './facts';
import { GROUPS, type GroupKey } from './groups';
import type { Prng } from './prng';
import type { DeviceGroup, WireIpAddress, WireMachine } from './types';

type Platform = 'win10' | 'win11' | 'ws2019' | 'ws2022' | 'ubuntu' | 'rhel' | 'macos';
type Kind = 'workstation' | 'server';
type Freshness = 'active' | 'recentInactive' | 'staleInactive' | 'impaired' | 'noSensor';

interface PlatformProfile {
  osPlatform: string;
  version: string;
  /** Windows build; null for Linux and macOS, as the API sends. */
  build: number | null;
  osProcessor: string;
  agent: string;
}

const PLATFORMS: Record<Platform, PlatformProfile> = {
  win10: { osPlatform: 'Windows10', version: '22H2', build: 19045, osProcessor: 'x64', agent: 'windows' },
  win11: { osPlatform: 'Windows11', version: '23H2', build: 22631, osProcessor: 'x64', agent: 'windows' },
  ws2019: { osPlatform: 'WindowsServer2019', version: '1809', build: 17763, osProcessor: 'x64', agent: 'windows' },
  ws2022: { osPlatform: 'WindowsServer2022', version: '21H2', build: 20348, osProcessor: 'x64', agent: 'windows' },
  ubuntu: { osPlatform: 'Ubuntu', version: '22.04', build: null, osProcessor: 'x64', agent: '101.24052.0002' },
  rhel: { osPlatform: 'RedHatEnterpriseLinux', version: '9.3', build: null, osProcessor: 'x64', agent: '101.24052.0002' },
  macos: { osPlatform: 'macOS', version: '14.5', build: null, osProcessor: 'arm64', agent: '101.24042.0008' },
};

const WORKSTATION_PLATFORMS: ReadonlyArray<readonly [Platform, number]> = [
  ['win11', 55],
  ['win10', 40],
  ['macos', 5],
];
const SERVER_PLATFORMS: ReadonlyArray<readonly [Platform, number]> = [
  ['ws2022', 45],
  ['ws2019', 35],
  ['ubuntu', 12],
  ['rhel', 8],
];
const FRESHNESS: ReadonlyArray<readonly [Freshness, number]> = [
  ['active', 85],
  ['recentInactive', 7],
  ['staleInactive', 3],
  ['impaired', 3],
  ['noSensor', 2],
];
const TAGS = ['VIP', 'Laptop', 'PCI', 'Pilot', 'BYOD', 'Legacy', 'Kiosk', 'Contractor'];
const WIN_SERVER_ROLES = ['sql', 'app', 'file', 'web', 'print', 'ca', 'iis', 'exch', 'sccm', 'hv'];
const LINUX_ROLES = ['web', 'db', 'proxy', 'k8s', 'log'];

/** Generated machines by the job they do, for the logon generator to pick from. */
export interface MachinePools {
  emeaWorkstations: WireMachine[];
  usWorkstations: WireMachine[];
  emeaServers: WireMachine[];
  usServers: WireMachine[];
  sharedServers: WireMachine[];
  domainControllers: WireMachine[];
  aTeam: WireMachine[];
  finance: WireMachine[];
  hr: WireMachine[];
  lab: WireMachine[];
}

/** The special machines of ./facts.ts, by role. */
export interface SpecialMachines {
  user1Main: WireMachine;
  user1EmeaLaptop: WireMachine;
  user1UsAppServer: WireMachine;
  user1Paw: WireMachine;
  duplicateCurrent: WireMachine;
  duplicateOld: WireMachine;
  bareHost: WireMachine;
  sharedIpA: WireMachine;
  sharedIpB: WireMachine;
  uniqueIp: WireMachine;
  staleIp: WireMachine;
  markdown: WireMachine;
  sparse: WireMachine;
}

interface MachineSpec {
  id: string;
  name: string;
  platform: Platform;
  kind: Kind;
  group: DeviceGroup;
  freshness: Freshness;
  /** Overrides the random last-seen age. */
  lastSeenAgo?: number;
  firstSeenAgo?: number;
  ip: string;
  externalIp: string;
  tags?: string[];
  /** An old agent: `osVersion` instead of `version`, and none of the newer fields. */
  legacy?: boolean;
  mergedIntoMachineId?: string;
}

export interface GeneratedMachines {
  machines: WireMachine[];
  pools: MachinePools;
  specials: SpecialMachines;
}

export function generateMachines(rng: Prng, anchor: number): GeneratedMachines {
  const build = (spec: MachineSpec): WireMachine => buildMachine(spec, rng, anchor);
  const specials = buildSpecials(build, anchor);
  const { machines: bulk, pools } = buildBulk(rng, build);
  return { machines: [...Object.values(specials), ...bulk], pools, specials };
}

function buildSpecials(build: (spec: MachineSpec) => WireMachine, anchor: number): SpecialMachines {
  const emeaExt = '198.51.100.23';
  const usExt = '203.0.113.77';
  const duplicateCurrent = build({
    id: DUPLICATE_HOST.currentMachineId,
    name: DUPLICATE_HOST.computerDnsName,
    platform: 'win11',
    kind: 'workstation',
    group: GROUPS.shared,
    freshness: 'active',
    lastSeenAgo: 47 * MINUTE,
    firstSeenAgo: 20 * DAY,
    ip: '10.99.0.46',
    externalIp: emeaExt,
  });
  return {
    user1Main: build({
      id: USER1_MOST_PREVALENT_MACHINE_ID,
      name: 'hq-ws-0042.contoso.com',
      platform: 'win11',
      kind: 'workstation',
      group: GROUPS.shared,
      freshness: 'active',
      lastSeenAgo: 25 * MINUTE,
      ip: '10.99.0.42',
      externalIp: emeaExt,
    }),
    user1EmeaLaptop: build({
      id: USER1_EXTRA_MACHINES.emeaLaptop.id,
      name: USER1_EXTRA_MACHINES.emeaLaptop.computerDnsName,
      platform: 'win11',
      kind: 'workstation',
      group: GROUPS.emeaWorkstations,
      freshness: 'active',
      lastSeenAgo: 5 * HOUR,
      ip: '10.99.0.43',
      externalIp: emeaExt,
      tags: ['Laptop'],
    }),
    user1UsAppServer: build({
      id: USER1_EXTRA_MACHINES.usAppServer.id,
      name: USER1_EXTRA_MACHINES.usAppServer.computerDnsName,
      platform: 'ws2022',
      kind: 'server',
      group: GROUPS.usServers,
      freshness: 'active',
      lastSeenAgo: 12 * MINUTE,
      ip: '10.99.0.44',
      externalIp: usExt,
    }),
    user1Paw: build({
      id: USER1_EXTRA_MACHINES.tier0Paw.id,
      name: USER1_EXTRA_MACHINES.tier0Paw.computerDnsName,
      platform: 'win11',
      kind: 'workstation',
      group: GROUPS.tier0,
      freshness: 'active',
      lastSeenAgo: 2 * DAY,
      ip: '10.99.0.45',
      externalIp: emeaExt,
      tags: ['PAW', 'Tier0'],
    }),
    duplicateCurrent,
    duplicateOld: build({
      id: DUPLICATE_HOST.duplicateMachineId,
      name: DUPLICATE_HOST.computerDnsName,
      platform: 'win10',
      kind: 'workstation',
      group: GROUPS.shared,
      freshness: 'recentInactive',
      lastSeenAgo: 21 * DAY,
      firstSeenAgo: 400 * DAY,
      ip: '10.99.0.47',
      externalIp: emeaExt,
      mergedIntoMachineId: DUPLICATE_HOST.currentMachineId,
    }),
    bareHost: build({
      id: BARE_HOST.machineId,
      name: BARE_HOST.computerDnsName,
      platform: 'win10',
      kind: 'workstation',
      group: GROUPS.shared,
      freshness: 'active',
      lastSeenAgo: 9 * MINUTE,
      ip: '10.99.0.48',
      externalIp: emeaExt,
      tags: ['Kiosk'],
    }),
    sharedIpA: build({
      id: SHARED_IP.machineIds[0],
      name: 'hq-ws-0601.contoso.com',
      platform: 'win11',
      kind: 'workstation',
      group: GROUPS.shared,
      freshness: 'active',
      lastSeenAgo: 20 * MINUTE,
      ip: SHARED_IP.ip,
      externalIp: emeaExt,
    }),
    sharedIpB: build({
      id: SHARED_IP.machineIds[1],
      name: 'ber-lt-0602.contoso.com',
      platform: 'win10',
      kind: 'workstation',
      group: GROUPS.emeaWorkstations,
      freshness: 'active',
      lastSeenAgo: 3 * HOUR,
      ip: SHARED_IP.ip,
      externalIp: emeaExt,
      tags: ['Laptop'],
    }),
    uniqueIp: build({
      id: UNIQUE_IP.machineId,
      name: 'hq-app-0603.contoso.com',
      platform: 'ws2022',
      kind: 'server',
      group: GROUPS.shared,
      freshness: 'active',
      lastSeenAgo: 4 * MINUTE,
      ip: UNIQUE_IP.ip,
      externalIp: emeaExt,
    }),
    staleIp: build({
      id: STALE_IP.machineId,
      name: 'hq-ws-0604.contoso.com',
      platform: 'win10',
      kind: 'workstation',
      group: GROUPS.shared,
      freshness: 'staleInactive',
      lastSeenAgo: 45 * DAY,
      ip: STALE_IP.ip,
      externalIp: emeaExt,
    }),
    markdown: build({
      id: MARKDOWN_MACHINE.machineId,
      name: MARKDOWN_MACHINE.computerDnsName,
      platform: 'ubuntu',
      kind: 'server',
      group: GROUPS.lab,
      freshness: 'active',
      lastSeenAgo: 33 * MINUTE,
      ip: '10.99.0.49',
      externalIp: usExt,
      tags: [MARKDOWN_MACHINE.tag, '**VIP**', 'under_score_tag', MARKDOWN_MACHINE.apostropheTag],
    }),
    sparse: sparseMachine(anchor),
  };
}

/** NoSensorData: the API knows the device but little else. */
function sparseMachine(anchor: number): WireMachine {
  return {
    id: SPARSE_MACHINE_ID,
    computerDnsName: 'nsd-legacy-01.contoso.com',
    firstSeen: isoTicks(anchor - 61 * DAY - 2 * HOUR, 4242),
    lastSeen: isoTicks(anchor - 5 * DAY - 3 * HOUR, 4242),
    osPlatform: 'Windows10',
    osProcessor: null,
    osBuild: null,
    lastIpAddress: null,
    lastExternalIpAddress: null,
    agentVersion: null,
    healthStatus: 'NoSensorData',
    onboardingStatus: 'Onboarded',
    rbacGroupId: GROUPS.shared.id,
    rbacGroupName: GROUPS.shared.name,
    riskScore: null,
    exposureLevel: null,
    deviceValue: null,
    isAadJoined: null,
    aadDeviceId: null,
    machineTags: [],
    ipAddresses: [],
  };
}

interface BulkPlan {
  pool: keyof MachinePools;
  group: GroupKey;
  count: number;
  kind: Kind;
  subnet: string;
  region: 'emea' | 'us' | 'hq';
  platforms?: ReadonlyArray<readonly [Platform, number]>;
}

const BULK: readonly BulkPlan[] = [
  { pool: 'emeaWorkstations', group: 'emeaWorkstations', count: 88, kind: 'workstation', subnet: '10.10', region: 'emea' },
  { pool: 'usWorkstations', group: 'usWorkstations', count: 87, kind: 'workstation', subnet: '10.20', region: 'us' },
  { pool: 'emeaServers', group: 'emeaServers', count: 28, kind: 'server', subnet: '10.30', region: 'emea' },
  { pool: 'usServers', group: 'usServers', count: 28, kind: 'server', subnet: '10.40', region: 'us' },
  { pool: 'sharedServers', group: 'shared', count: 24, kind: 'server', subnet: '10.90', region: 'hq' },
  {
    pool: 'domainControllers',
    group: 'tier0',
    count: 8,
    kind: 'server',
    subnet: '10.5',
    region: 'hq',
    platforms: [
      ['ws2022', 3],
      ['ws2019', 1],
    ],
  },
  { pool: 'aTeam', group: 'aTeam', count: 6, kind: 'workstation', subnet: '10.60', region: 'emea' },
  { pool: 'finance', group: 'finance', count: 5, kind: 'workstation', subnet: '10.70', region: 'emea' },
  { pool: 'hr', group: 'hr', count: 5, kind: 'workstation', subnet: '10.80', region: 'us' },
  {
    pool: 'lab',
    group: 'lab',
    count: 4,
    kind: 'server',
    subnet: '10.95',
    region: 'hq',
    platforms: [
      ['ubuntu', 1],
      ['macos', 1],
    ],
  },
];

const CITIES = { emea: ['lon', 'ber', 'par', 'ams'], us: ['nyc', 'sea', 'chi', 'atl'], hq: ['hq'] } as const;

function buildBulk(rng: Prng, build: (spec: MachineSpec) => WireMachine): { machines: WireMachine[]; pools: MachinePools } {
  const pools: MachinePools = {
    emeaWorkstations: [],
    usWorkstations: [],
    emeaServers: [],
    usServers: [],
    sharedServers: [],
    domainControllers: [],
    aTeam: [],
    finance: [],
    hr: [],
    lab: [],
  };
  const machines: WireMachine[] = [];
  let serial = 1001;
  for (const plan of BULK) {
    for (let i = 0; i < plan.count; i++) {
      const n = serial++;
      const platform = rng.weighted(plan.platforms ?? (plan.kind === 'server' ? SERVER_PLATFORMS : WORKSTATION_PLATFORMS));
      const name = machineName(rng, plan, platform, n, i);
      const machine = build({
        id: rng.hex(40),
        name,
        platform,
        kind: plan.kind,
        group: GROUPS[plan.group],
        freshness: plan.pool === 'domainControllers' ? 'active' : rng.weighted(FRESHNESS),
        ip: `${plan.subnet}.${Math.floor(i / 240)}.${(i % 240) + 10}`,
        externalIp: plan.region === 'us' ? `203.0.113.${rng.int(10, 250)}` : `198.51.100.${rng.int(10, 250)}`,
        legacy: rng.chance(0.15),
      });
      pools[plan.pool].push(machine);
      machines.push(machine);
    }
  }
  return { machines, pools };
}

function machineName(rng: Prng, plan: BulkPlan, platform: Platform, serial: number, index: number): string {
  const city = rng.pick(CITIES[plan.region]);
  switch (plan.pool) {
    case 'domainControllers':
      return `dc${String(index + 1).padStart(2, '0')}.contoso.com`;
    case 'aTeam':
      return `ateam-ws-${serial}.contoso.com`;
    case 'finance':
      return `fin-lt-${serial}.corp.example.com`;
    case 'hr':
      return `hr-ws-${serial}.corp.example.com`;
    case 'lab':
      return `lab-${platform}-${serial}.contoso.com`;
    default:
      break;
  }
  if (plan.kind === 'workstation') {
    const type = platform === 'macos' ? 'mbp' : rng.chance(0.6) ? 'lt' : 'ws';
    return `${city}-${type}-${serial}.contoso.com`;
  }
  if (platform === 'ubuntu' || platform === 'rhel') {
    // Linux sensors often report the bare host name.
    const host = `${city}-lnx-${rng.pick(LINUX_ROLES)}${serial}`;
    return rng.chance(0.4) ? host : `${host}.contoso.com`;
  }
  return `${city}-${rng.pick(WIN_SERVER_ROLES)}-${serial}.contoso.com`;
}

function lastSeenAgo(rng: Prng, freshness: Freshness): number {
  switch (freshness) {
    case 'active':
      return rng.int(1 * MINUTE, 36 * HOUR);
    case 'impaired':
      return rng.int(1 * DAY, 5 * DAY);
    case 'noSensor':
      return rng.int(2 * HOUR, 3 * DAY);
    case 'recentInactive':
      return rng.int(8 * DAY, 27 * DAY);
    case 'staleInactive':
      return rng.int(32 * DAY, 90 * DAY);
  }
}

const HEALTH: Record<Freshness, string> = {
  active: 'Active',
  impaired: 'ImpairedCommunication',
  noSensor: 'NoSensorData',
  recentInactive: 'Inactive',
  staleInactive: 'Inactive',
};

function macAddress(rng: Prng): string {
  return rng.hex(12).toUpperCase();
}

/** Builds the wire JSON; random draws happen in a fixed order so the tenant is deterministic. */
function buildMachine(spec: MachineSpec, rng: Prng, anchor: number): WireMachine {
  const profile = PLATFORMS[spec.platform];
  const windows = profile.build !== null;
  const ubr = rng.int(1000, 5200);
  const seenAgo = spec.lastSeenAgo ?? lastSeenAgo(rng, spec.freshness);
  const firstAgo = spec.firstSeenAgo ?? seenAgo + rng.int(20 * DAY, 800 * DAY);
  const server = spec.kind === 'server';
  const risk = rng.weighted<string | null>([
    ['None', 20],
    ['Informational', 15],
    ['Low', 30],
    ['Medium', 20],
    ['High', 10],
    [null, 5],
  ]);
  const exposure = rng.weighted<string | null | undefined>([
    ['Low', 35],
    ['Medium', 45],
    ['High', 15],
    [null, 3],
    [undefined, 2],
  ]);
  const value = rng.weighted<string | null | undefined>(
    server
      ? [
          ['High', 50],
          ['Normal', 45],
          [undefined, 5],
        ]
      : [
          ['Normal', 85],
          ['Low', 5],
          ['High', 5],
          [undefined, 5],
        ],
  );
  const aadJoined = !server && windows && rng.chance(0.8);
  const aadDeviceId = aadJoined ? rng.uuid() : null;
  const av = rng.weighted([
    ['Updated', 85],
    ['NotUpdated', 10],
    ['Disabled', 3],
    ['Unknown', 2],
  ]);
  const tags =
    spec.tags ??
    rng.sample(
      TAGS,
      rng.weighted([
        [0, 60],
        [1, 30],
        [2, 10],
      ]),
    );
  const mac = macAddress(rng);
  const v6 = `fe80::${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}`;
  const legacy = spec.legacy === true && windows;

  const m: WireMachine = { id: spec.id, computerDnsName: spec.name };
  m.firstSeen = isoTicks(anchor - firstAgo, rng.int(0, 9999));
  m.lastSeen = isoTicks(anchor - seenAgo, rng.int(0, 9999));
  m.osPlatform = profile.osPlatform;
  if (legacy) m.osVersion = `10.0.${profile.build ?? 0}.${ubr}`;
  else m.version = profile.version;
  m.osProcessor = profile.osProcessor;
  m.lastIpAddress = spec.ip;
  m.lastExternalIpAddress = spec.externalIp;
  m.agentVersion = windows ? `10.8760.${profile.build ?? 0}.${ubr}` : profile.agent;
  m.osBuild = profile.build;
  m.healthStatus = HEALTH[spec.freshness];
  m.rbacGroupId = spec.group.id;
  m.rbacGroupName = spec.group.name;
  m.riskScore = risk;
  if (exposure !== undefined) m.exposureLevel = exposure;
  m.isAadJoined = aadJoined;
  m.aadDeviceId = aadDeviceId;
  if (!legacy) {
    m.defenderAvStatus = av;
    m.onboardingStatus = 'Onboarded';
    m.osArchitecture = '64-bit';
    m.managedBy = server ? 'MicrosoftDefenderForEndpoint' : windows ? 'Intune' : 'Unknown';
  }
  const ipAddresses: WireIpAddress[] = [
    { ipAddress: spec.ip, macAddress: mac, type: server ? 'Ethernet' : 'Wireless80211', operationalStatus: 'Up' },
    { ipAddress: v6, macAddress: mac, type: server ? 'Ethernet' : 'Wireless80211', operationalStatus: 'Up' },
  ];
  m.ipAddresses = ipAddresses;
  m.machineTags = tags;
  if (value !== undefined) m.deviceValue = value;
  if (!legacy) {
    m.isPotentialDuplication = spec.mergedIntoMachineId !== undefined;
    m.mergedIntoMachineId = spec.mergedIntoMachineId ?? null;
  } else if (spec.mergedIntoMachineId !== undefined) {
    m.isPotentialDuplication = true;
    m.mergedIntoMachineId = spec.mergedIntoMachineId;
  }
  return m;
}
