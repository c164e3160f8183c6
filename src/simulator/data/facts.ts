// Facts about the simulated tenant that tests and the demo rely on. The generator builds the tenant
// FROM these constants, and test/simulator/facts.test.ts checks that they hold, so no test needs to
// hard-code an id or a name. Everything else in the tenant is generated (see ./tenant.ts).

/** The four machines from the API reference pages (seeds), with their original ids. */
export const SEED_MACHINE_IDS = {
  mymachine1: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
  mymachine2: '7292e4b8cb74ff1cc3d8a495eb29dc8858b732f7',
  machine1: 'machine-1',
  machine2: 'machine-2',
} as const;

/** The seed logon user of mymachine1 (get-machine-log-on-users page). */
export const USER1 = {
  accountName: 'user1',
  accountDomain: 'contoso',
  id: 'contoso\\user1',
  accountSid: 'S-1-5-21-72051607-1745760036-109187956-93922',
} as const;

/** user1's most (and least) prevalent machine in the seed; it exists in this tenant. */
export const USER1_MOST_PREVALENT_MACHINE_ID = '111153d0c675eaa415b8e5f383c6388bff446c62';

/** Generated machines user1 also logged onto. */
export const USER1_EXTRA_MACHINES = {
  emeaLaptop: { id: '09fbffe90573bc1daeb58c4795d7617f56f57608', computerDnsName: 'lon-lt-0043.contoso.com' },
  usAppServer: { id: '744013caee04584545edbbe1fe3970044cad3306', computerDnsName: 'nyc-app-0044.contoso.com' },
  tier0Paw: { id: 'e49a324c9dd7f57d38a4434c8167cb4158893433', computerDnsName: 'paw-01.contoso.com' },
} as const;

/** Every machine user1 logged onto (8, the seed's logOnMachinesCount), across all device groups. */
export const USER1_MACHINE_IDS: readonly string[] = [
  SEED_MACHINE_IDS.mymachine1,
  SEED_MACHINE_IDS.mymachine2,
  SEED_MACHINE_IDS.machine1,
  SEED_MACHINE_IDS.machine2,
  USER1_MOST_PREVALENT_MACHINE_ID,
  USER1_EXTRA_MACHINES.emeaLaptop.id,
  USER1_EXTRA_MACHINES.usAppServer.id,
  USER1_EXTRA_MACHINES.tier0Paw.id,
];

/** A seed machine of user1 in a device group (HR) that analyst-emea cannot see. */
export const USER1_MACHINE_HIDDEN_FROM_EMEA = SEED_MACHINE_IDS.machine2;

/** A domain admin who logged onto mymachine1 and onto more machines than fit on one card page (10). */
export const DOMAIN_ADMIN = {
  accountName: 'adm-jdoe',
  accountDomain: 'contoso',
  id: 'contoso\\adm-jdoe',
  /** All visible to soc-lead. */
  machineCount: 27,
} as const;

/** Who logged onto mymachine1 (1e5bc9d7…): the seed user, the domain admin and a network-only service account. */
export const MYMACHINE1_LOGON_USER_IDS: readonly string[] = [USER1.id, DOMAIN_ADMIN.id, 'contoso\\svc-backup'];

/** Two records with one computer name: a re-imaged device; the old record is a potential duplicate. */
export const DUPLICATE_HOST = {
  computerDnsName: 'par-ws-0500.contoso.com',
  currentMachineId: '6bfd33bc18b6978354a90da0900dc5b9b9476419',
  /** isPotentialDuplication: true, mergedIntoMachineId: currentMachineId. */
  duplicateMachineId: '0aadf7eb29c8d8679f3ae04476288d8e0e28e40c',
} as const;

/** A host-name prefix matching several machines (the two seed machines). */
export const HOST_PREFIX = {
  prefix: 'mymachine',
  computerDnsNames: ['mymachine1.contoso.com', 'mymachine2.contoso.com'],
} as const;

/** A computer name without a domain. */
export const BARE_HOST = {
  computerDnsName: 'kiosk-lobby-01',
  machineId: 'fa06ce1869256f68c4d40b381caee3b4523ac8e1',
} as const;

/** An IP address two recently seen machines share (one in Shared Services, one in EMEA Workstations). */
export const SHARED_IP = {
  ip: '10.99.0.50',
  machineIds: ['cbdcc24d03a45fe5ad45b4092190520a2a5da233', '08da086055df994154575e8eace34be90be54ac1'],
} as const;

/** An IP address exactly one machine (recent, in Shared Services) has. */
export const UNIQUE_IP = {
  ip: '10.99.0.51',
  machineId: '4495685aef9ac0650cc490fc44ae57db0d949418',
} as const;

/** An IP address only a machine last seen 45 days ago has: findbyip never returns it. */
export const STALE_IP = {
  ip: '10.99.0.52',
  machineId: '034310f5a22e056fbbdb276545f7668a7913e609',
} as const;

/** A machine whose tag and device-group name look like Markdown, to exercise the cards' escaping. */
export const MARKDOWN_MACHINE = {
  machineId: '7945e69298e562c574c47a16ac698ff51bc8bc2b',
  computerDnsName: 'lab-md-01.contoso.com',
  tag: '[click](http://x)',
  /** For $filter quote escaping: machineTags/any(t: t eq 'bob''s box'). */
  apostropheTag: "bob's box",
  rbacGroupId: 401,
  rbacGroupName: '*stars*_underscores_',
} as const;

/** A machine with no sensor data: most fields null, neither `version` nor `osVersion`, no IPs. */
export const SPARSE_MACHINE_ID = '8416e4189a6f958d77d5509579f11298a423a4e1';

/** The device group with no Entra group assigned: every persona with "View Data" sees it. */
export const OPEN_DEVICE_GROUP = { id: 9, name: 'Shared Services' } as const;

/** A user Defender knows (legacy mode answers 200 for them) who has no logons anywhere. */
export const USER_WITHOUT_MACHINES = 'pnewhire';

/** A user name nobody has: 200 with an empty list (current API) or 404 (legacyUserNotFound fault). */
export const UNKNOWN_USER = 'no-such-user';

/** Users whose machines only one analyst persona can see (soc-lead, the global admin, sees everyone). */
export const USER_ONLY_EMEA_SEES = 'hmueller';
export const USER_ONLY_US_SEES = 'jwilson';
/** Logged onto Tier-0 machines only: soc-lead is the only persona who sees any of them. */
export const USER_ONLY_SOC_LEAD_SEES = 'adm-tier0';

export const MACHINE_COUNT = 300;
export const USER_COUNT = 40;

// ---- Alerts (./alerts.ts) ----

/** The busy machine: more alerts than one card page (10), every severity and every status among them. */
export const ALERTS_BUSY_MACHINE = { machineId: SEED_MACHINE_IDS.mymachine1, alertCount: 14 } as const;

/** One incident whose alerts are on four of user1's machines, one of them in HR (hidden from analyst-emea). */
export const USER1_INCIDENT = {
  incidentId: 4101,
  alertIds: {
    /** High, New, on mymachine1; relatedUser user1; logged on: user1 and the domain admin. Evidence on GET by id. */
    onMymachine1: 'da638990412207749523_-1572894410',
    /** Medium, InProgress, on user1's most prevalent machine (Shared Services: every analyst sees it). */
    onSharedMachine: 'da638990418345120931_902118346',
    /** Low, New, on user1's EMEA laptop. */
    onEmeaLaptop: 'da638990420011842205_-7712049',
    /** High, New, on machine-2 (HR): analyst-emea never sees it, by list or by id. */
    onHrMachine: 'da638990421533096127_1190354772',
  },
} as const;

/** Further alerts with user1 as relatedUser, in groups only some analysts see. */
export const USER1_OTHER_ALERTS = {
  /** On paw-01 (Tier 0): soc-lead only. */
  onTier0Paw: 'da638990301118866414_350228711',
  /** On nyc-app-0044 (US Servers): soc-lead and analyst-us. */
  onUsAppServer: 'da638990355572390017_-238845102',
} as const;

/** The id shapes seen in real responses, each on the busy machine. */
export const ALERT_ID_SHAPES = {
  /** `da` + GUID + `_1`. */
  guid: 'da7c1f0e3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b_1',
  /** `ar` (automated investigation) + ticks. */
  automatedInvestigation: 'ar638990433108240675_73827727',
} as const;

/** An alert in the oldest wire shape: no detectorId, no loggedOnUsers, mitreTechniques null, UnSpecified, status Unknown. */
export const DRIFTED_ALERT_ID = 'da637308392288907382_-880718168';

/**
 * Alerts whose text is hostile (Markdown, HTML, a 600-character title, a description of about 6,000
 * characters), on the Markdown machine.
 */
export const HOSTILE_ALERT_IDS = {
  markdownTitle: 'da638990440000000001_1',
  longTitle: 'da638990440000000002_2',
  htmlDescription: 'da638990440000000003_-3',
} as const;

/** A machine with no alerts: 200 with an empty value. */
export const MACHINE_WITHOUT_ALERTS = BARE_HOST.machineId;

/** Well-formed, but no such alert: 404. */
export const UNKNOWN_ALERT_ID = 'da638990000000000000_0';
