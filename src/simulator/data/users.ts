// Users and their logons. The named users carry the facts (./facts.ts); ordinary users log onto
// workstations in their region and sometimes a shared server.
import { DAY, HOUR, isoSeconds } from './dates';
import {
  DOMAIN_ADMIN,
  USER1,
  USER1_MACHINE_IDS,
  USER_ONLY_EMEA_SEES,
  USER_ONLY_SOC_LEAD_SEES,
  USER_ONLY_US_SEES,
  USER_WITHOUT_MACHINES,
} from './facts';
import type { MachinePools, SpecialMachines } from './machines';
import type { Prng } from './prng';
import { seedUser1, seedUser1Logon } from './seeds';
import type { LogonRecord, TenantUser, WireMachine } from './types';

const DOMAIN = 'contoso';
const DOMAIN_SID = 'S-1-5-21-72051607-1745760036-109187956';

const FIRST_NAMES = [
  'anna',
  'ben',
  'carla',
  'david',
  'eva',
  'felix',
  'grace',
  'hugo',
  'iris',
  'jonas',
  'kate',
  'liam',
  'maria',
  'nils',
  'olga',
  'paul',
  'rosa',
  'sven',
  'tara',
  'umar',
  'vera',
  'will',
  'yara',
  'zoe',
];
const SURNAMES = [
  'becker',
  'costa',
  'dubois',
  'evans',
  'fischer',
  'garcia',
  'hansen',
  'ito',
  'jensen',
  'kowalski',
  'lopez',
  'moreau',
  'nguyen',
  'oconnor',
  'patel',
  'quinn',
  'rossi',
  'schulz',
  'thomas',
  'varga',
  'walsh',
  'young',
];
const INTERACTIVE_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['Interactive', 70],
  ['RemoteInteractive', 8],
  ['Interactive, Network', 12],
  ['Network', 10],
];

export interface GeneratedUsers {
  users: TenantUser[];
  logons: LogonRecord[];
}

export function generateUsers(
  rng: Prng,
  anchor: number,
  pools: MachinePools,
  specials: SpecialMachines,
  seedMachines: WireMachine[],
): GeneratedUsers {
  const logons: LogonRecord[] = [];
  const users: Array<Omit<TenantUser, 'logOnMachinesCount' | 'mostPrevalentMachineId' | 'leastPrevalentMachineId'>> = [];
  const usedRids = new Set<number>([93922]);
  const sid = (): string => {
    let rid = rng.int(1100, 99999);
    while (usedRids.has(rid)) rid = rng.int(1100, 99999);
    usedRids.add(rid);
    return `${DOMAIN_SID}-${rid}`;
  };
  const add = (
    accountName: string,
    opts: { admin?: boolean; networkOnly?: boolean | null; domain?: string; accountSid?: string } = {},
  ): string => {
    users.push({
      accountName,
      accountDomain: opts.domain ?? DOMAIN,
      accountSid: opts.accountSid ?? sid(),
      isDomainAdmin: opts.admin ?? false,
      isOnlyNetworkUser: opts.networkOnly === undefined ? false : opts.networkOnly,
    });
    return accountName;
  };
  const logon = (user: string, machine: WireMachine, logonTypes: string, domain = DOMAIN): void => {
    logons.push(logonOn(rng, machine, domain, user, logonTypes));
  };
  const byId = new Map<string, WireMachine>([...seedMachines, ...Object.values(specials)].map((m) => [m.id, m]));
  const servers = [...pools.emeaServers, ...pools.usServers, ...pools.sharedServers];

  // user1: the seed logon on mymachine1, then the other seven machines.
  const u1 = seedUser1();
  users.push({
    accountName: u1.accountName,
    accountDomain: u1.accountDomain,
    accountSid: u1.accountSid,
    isDomainAdmin: u1.isDomainAdmin,
    isOnlyNetworkUser: u1.isOnlyNetworkUser,
  });
  logons.push(seedUser1Logon(anchor));
  for (const id of USER1_MACHINE_IDS.slice(1)) {
    const m = byId.get(id);
    if (m === undefined) throw new Error(`user1's machine ${id} was not generated`);
    logon(USER1.accountName, m, m === specials.user1UsAppServer ? 'RemoteInteractive' : 'Interactive');
  }

  const mymachine1 = byId.get(USER1_MACHINE_IDS[0] ?? '');
  if (mymachine1 === undefined) throw new Error('mymachine1 missing');

  // The domain admin: mymachine1, every DC and six servers from each server group.
  add(DOMAIN_ADMIN.accountName, { admin: true });
  logon(DOMAIN_ADMIN.accountName, mymachine1, 'Network, RemoteInteractive');
  for (const dc of pools.domainControllers)
    logon(DOMAIN_ADMIN.accountName, dc, rng.pick(['RemoteInteractive', 'Network, RemoteInteractive']));
  for (const pool of [pools.emeaServers, pools.usServers, pools.sharedServers]) {
    for (const m of pool.slice(0, 6))
      logon(DOMAIN_ADMIN.accountName, m, rng.pick(['RemoteInteractive', 'Network', 'Network, RemoteInteractive']));
  }

  add('adm-asmith', { admin: true });
  for (const m of [...pools.domainControllers.slice(0, 2), ...rng.sample(servers, 5)]) logon('adm-asmith', m, 'RemoteInteractive');

  add(USER_ONLY_SOC_LEAD_SEES, { admin: true, networkOnly: null });
  for (const m of [...pools.domainControllers.slice(2, 5), specials.user1Paw]) logon(USER_ONLY_SOC_LEAD_SEES, m, 'RemoteInteractive');

  add('svc-backup', { networkOnly: true });
  logon('svc-backup', mymachine1, 'Network');
  for (const m of rng.sample(servers, 11)) logon('svc-backup', m, 'Network');

  add('svc-sql', { networkOnly: true });
  for (const m of rng.sample(servers, 6)) logon('svc-sql', m, 'Network');

  add('svc-scanner', { networkOnly: true });
  for (const m of rng.sample([...pools.emeaWorkstations, ...pools.usWorkstations], 15)) logon('svc-scanner', m, 'Network');

  add(USER_ONLY_EMEA_SEES);
  for (const m of rng.sample(pools.emeaWorkstations, 2)) logon(USER_ONLY_EMEA_SEES, m, 'Interactive');
  logon(USER_ONLY_EMEA_SEES, rng.pick(pools.emeaServers), 'Network');

  add(USER_ONLY_US_SEES);
  for (const m of rng.sample(pools.usWorkstations, 2)) logon(USER_ONLY_US_SEES, m, 'Interactive');
  logon(USER_ONLY_US_SEES, rng.pick(pools.usServers), 'Network');

  add(USER_WITHOUT_MACHINES, { networkOnly: null });

  // A local account: its domain is the machine's own name.
  const kioskDomain = specials.bareHost.computerDnsName ?? 'kiosk';
  add('kioskuser', { domain: kioskDomain, accountSid: `S-1-5-21-${rng.int(1e8, 4e9)}-${rng.int(1e8, 4e9)}-${rng.int(1e8, 4e9)}-1001` });
  logon('kioskuser', specials.bareHost, 'Interactive', kioskDomain);

  // Ordinary people, alternating EMEA and US.
  const taken = new Set(users.map((u) => u.accountName));
  const ordinary: string[] = [];
  for (let i = 0; ordinary.length < 29; i++) {
    let name = `${rng.pick(FIRST_NAMES).charAt(0)}${rng.pick(SURNAMES)}`;
    if (taken.has(name)) name = `${name}${i}`;
    taken.add(name);
    ordinary.push(name);
    const emea = ordinary.length % 2 === 1;
    add(name, { networkOnly: rng.chance(0.2) ? null : false });
    const home = emea ? pools.emeaWorkstations : pools.usWorkstations;
    for (const m of rng.sample(home, rng.int(2, 4))) logon(name, m, rng.weighted(INTERACTIVE_TYPES));
    if (rng.chance(0.15)) logon(name, rng.pick(emea ? [...pools.aTeam, ...pools.finance] : pools.hr), 'Interactive');
    if (rng.chance(0.3)) logon(name, rng.pick(pools.sharedServers), 'Network');
  }
  // The special machines need someone who logged on too.
  const onSpecials = [
    specials.duplicateCurrent,
    specials.duplicateOld,
    specials.sharedIpA,
    specials.sharedIpB,
    specials.uniqueIp,
    specials.staleIp,
    specials.markdown,
    ...seedMachines.filter((m) => m.id !== mymachine1.id),
    ...pools.lab,
  ];
  for (const m of onSpecials) logon(rng.pick(ordinary), m, 'Interactive');
  logon(ordinary[0] ?? DOMAIN_ADMIN.accountName, specials.duplicateOld, 'Interactive');

  return { users: users.map((u) => withAggregates(u, logons)), logons: dedupe(logons) };
}

/** A user's logon on a machine: within the machine's own first/last seen. */
function logonOn(rng: Prng, machine: WireMachine, accountDomain: string, accountName: string, logonTypes: string): LogonRecord {
  const mLast = Date.parse(machine.lastSeen ?? '');
  const mFirst = Date.parse(machine.firstSeen ?? '');
  if (!Number.isFinite(mLast) || !Number.isFinite(mFirst)) throw new Error(`machine ${machine.id} has no dates`);
  const last = mLast - rng.int(0, Math.min(3 * DAY, Math.max(0, mLast - mFirst)));
  const first = last - rng.int(Math.min(HOUR, Math.max(0, last - mFirst)), Math.max(0, Math.min(200 * DAY, last - mFirst)));
  return { machineId: machine.id, accountDomain, accountName, firstSeen: isoSeconds(first), lastSeen: isoSeconds(last), logonTypes };
}

/** One record per user and machine: a second draw for the same pair is dropped. */
function dedupe(logons: LogonRecord[]): LogonRecord[] {
  const seen = new Set<string>();
  return logons.filter((l) => {
    const key = `${l.accountDomain}\\${l.accountName}|${l.machineId}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type UserBase = Omit<TenantUser, 'logOnMachinesCount' | 'mostPrevalentMachineId' | 'leastPrevalentMachineId'>;

/** Tenant-wide figures; "most prevalent" is where the user has been logging on the longest. */
function withAggregates(user: UserBase, all: LogonRecord[]): TenantUser {
  if (user.accountName === USER1.accountName && user.accountDomain === USER1.accountDomain) return seedUser1();
  const mine = dedupe(all).filter((l) => l.accountName === user.accountName && l.accountDomain === user.accountDomain);
  const span = (l: LogonRecord): number => Date.parse(l.lastSeen) - Date.parse(l.firstSeen);
  const sorted = [...mine].sort((a, b) => span(b) - span(a));
  return {
    ...user,
    logOnMachinesCount: mine.length,
    mostPrevalentMachineId: sorted[0]?.machineId ?? null,
    leastPrevalentMachineId: sorted[sorted.length - 1]?.machineId ?? null,
  };
}
