// Alerts of the simulated tenant. The named alerts of ./facts.ts carry the stories the demo and the
// tests walk (user1's incident across four machines and three device groups, the busy machine, the
// id shapes, the drifted and hostile ones); then about one generated machine in five gets one to
// three alerts. A PRNG of its own keeps the machines and users exactly as they were before alerts
// existed. Ids do not depend on the clock; every date is an offset back from the machine's lastSeen,
// so a later clock moves the dates and changes nothing else.
import { DAY, HOUR, MINUTE, isoTicks } from './dates';
import {
  ALERTS_BUSY_MACHINE,
  ALERT_ID_SHAPES,
  DOMAIN_ADMIN,
  DRIFTED_ALERT_ID,
  HOSTILE_ALERT_IDS,
  MACHINE_WITHOUT_ALERTS,
  MARKDOWN_MACHINE,
  SEED_MACHINE_IDS,
  USER1,
  USER1_EXTRA_MACHINES,
  USER1_INCIDENT,
  USER1_MOST_PREVALENT_MACHINE_ID,
  USER1_OTHER_ALERTS,
} from './facts';
import { Prng } from './prng';
import type { LogonRecord, TenantUser, WireAlert, WireAlertComment, WireAlertEvidence, WireMachine } from './types';

const SEED = 0x41_4c_52_54; // "ALRT"
/** The simulated tenant's Entra id (aadTenantId on every alert). */
export const SIM_AAD_TENANT_ID = '6f1d3b2a-9c4e-4d8f-a1b2-3c4d5e6f7a8b';

type Shape = 'current' | 'legacy';

interface Detection {
  title: string;
  description: string;
  category: string;
  detectionSource: string;
  detectorId: string;
  mitre: string[];
  threatFamilyName: string | null;
  threatName: string | null;
  /** The process or file the evidence names. */
  fileName: string;
  commandLine: string;
}

const D = {
  mimikatz: {
    title: "'Mimikatz' credential theft tool",
    description:
      'The credential theft tool Mimikatz was detected on this device. Attackers use it to harvest passwords and hashes from memory.',
    category: 'CredentialAccess',
    detectionSource: 'WindowsDefenderAv',
    detectorId: '7f2b3a1c-5d4e-4f6a-8b9c-0d1e2f3a4b5c',
    mitre: ['T1003.001'],
    threatFamilyName: 'Mimikatz',
    threatName: 'HackTool:Win32/Mimikatz.D',
    fileName: 'mimi.exe',
    commandLine: 'mimi.exe "privilege::debug" "sekurlsa::logonpasswords" exit',
  },
  powershell: {
    title: 'Suspicious PowerShell command line',
    description: 'A suspicious PowerShell activity was observed: an encoded command downloaded and ran content from the internet.',
    category: 'Execution',
    detectionSource: 'WindowsDefenderAtp',
    detectorId: '17e10bbc-3a68-474a-8aad-faef14d43952',
    mitre: ['T1059.001', 'T1105'],
    threatFamilyName: null,
    threatName: null,
    fileName: 'powershell.exe',
    commandLine: 'powershell.exe -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=',
  },
  remote: {
    title: 'Suspicious remote activity',
    description: 'A remote session created a service on this device. This may be lateral movement with stolen credentials.',
    category: 'LateralMovement',
    detectionSource: 'WindowsDefenderAtp',
    detectorId: '3c1d5e7f-9a2b-4c6d-8e0f-1a3b5c7d9e2f',
    mitre: ['T1021.002', 'T1543.003'],
    threatFamilyName: null,
    threatName: null,
    fileName: 'psexesvc.exe',
    commandLine: 'psexesvc.exe',
  },
  ransomware: {
    title: 'Ransomware behavior detected in the file system',
    description: 'Many files were renamed and rewritten in a short time, as ransomware does when it encrypts data.',
    category: 'Ransomware',
    detectionSource: 'WindowsDefenderAtp',
    detectorId: '51d03c45-b142-4de4-95df-01b0c259d8f6',
    mitre: ['T1486'],
    threatFamilyName: null,
    threatName: null,
    fileName: 'svch0st.exe',
    commandLine: 'svch0st.exe --quiet C:\\Users',
  },
  eicar: {
    title: "'EICAR_Test_File' malware was detected",
    description:
      'Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on ' +
      'affected machines.',
    category: 'Malware',
    detectionSource: 'WindowsDefenderAv',
    detectorId: 'd60f5b90-ecd8-4d77-8186-a801597ec762',
    mitre: [],
    threatFamilyName: 'EICAR_Test_File',
    threatName: 'Virus:DOS/EICAR_Test_File',
    fileName: 'eicar.com.txt',
    commandLine: '',
  },
  meterpreter: {
    title: "Suspicious 'Meterpreter' behavior was detected",
    description:
      'Meterpreter, a post-exploitation tool, was detected. Attackers use it to run commands, steal credentials and move laterally.',
    category: 'SuspiciousActivity',
    detectionSource: 'WindowsDefenderAv',
    detectorId: 'f37b8bc2-cfd2-4a8e-ac62-24a7df1e698c',
    mitre: ['T1055.001'],
    threatFamilyName: 'Meterpreter',
    threatName: 'VirTool:Win32/Meterpreter',
    fileName: 'rundll32.exe',
    commandLine: 'rundll32.exe c:\\temp\\suspicious.dll,RepeatAfterMe',
  },
  discovery: {
    title: 'Anomalous account lookups',
    description: 'An unusual number of domain account and group lookups was made from this device, as in reconnaissance.',
    category: 'Discovery',
    detectionSource: 'WindowsDefenderAtp',
    detectorId: '9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
    mitre: ['T1087.002', 'T1069.002'],
    threatFamilyName: null,
    threatName: null,
    fileName: 'net.exe',
    commandLine: 'net.exe group "Domain Admins" /domain',
  },
  persistence: {
    title: 'Suspicious scheduled task',
    description: 'A scheduled task was created that runs a script from a user-writable folder at every logon.',
    category: 'Persistence',
    detectionSource: 'WindowsDefenderAtp',
    detectorId: '2a4c6e8f-1b3d-4f5a-9c7e-8d6b4a2c0e1f',
    mitre: ['T1053.005'],
    threatFamilyName: null,
    threatName: null,
    fileName: 'schtasks.exe',
    commandLine: 'schtasks.exe /create /tn Updater /tr C:\\Users\\Public\\u.ps1 /sc onlogon',
  },
  customTi: {
    title: 'A file or network connection related to a custom indicator was detected',
    description: 'An indicator your organisation added was matched on this device.',
    category: 'SuspiciousActivity',
    detectionSource: 'CustomerTI',
    detectorId: '360fdb3b-18a9-471b-9ad0-ad80a4cbcb00',
    mitre: [],
    threatFamilyName: null,
    threatName: null,
    fileName: 'invoice.pdf.exe',
    commandLine: '',
  },
  airManual: {
    title: 'Automated investigation started manually',
    description:
      'An analyst initiated an automated investigation on this device. The investigation identifies and reviews threat artifacts.',
    category: 'SuspiciousActivity',
    detectionSource: 'AutomatedInvestigation',
    detectorId: '5c6b7d86-c91f-4f8c-8aec-9d2086f46527',
    mitre: [],
    threatFamilyName: null,
    threatName: null,
    fileName: 'MsSense.exe',
    commandLine: '',
  },
} as const satisfies Record<string, Detection>;

const GENERATED: readonly Detection[] = [
  D.powershell,
  D.remote,
  D.eicar,
  D.meterpreter,
  D.discovery,
  D.persistence,
  D.customTi,
  D.ransomware,
];

const ANALYSTS = ['elena.brandt@contoso.com', 'marcus.reed@contoso.com', 'sam.okafor@contoso.com'];

interface Verdict {
  classification: string | null;
  determination: string | null;
}
const RESOLVED_VERDICTS: readonly Verdict[] = [
  { classification: 'TruePositive', determination: 'Malware' },
  { classification: 'TruePositive', determination: 'MultiStagedAttack' },
  { classification: 'InformationalExpectedActivity', determination: 'SecurityTesting' },
  { classification: 'FalsePositive', determination: 'Clean' },
  { classification: null, determination: null },
];

interface AlertSpec {
  id: string;
  machine: WireMachine;
  detection: Detection;
  severity: string;
  status: string;
  incidentId: number | null;
  /** Before the machine's lastSeen. */
  createdBeforeLastSeen: number;
  relatedUser: string | null;
  assignedTo?: string | null | undefined;
  verdict?: Verdict | undefined;
  investigation?: { id: number | undefined; state: string } | null;
  comments?: ReadonlyArray<Omit<WireAlertComment, 'createdTime'> & { afterCreation: number }> | undefined;
  shape?: Shape | undefined;
  title?: string | undefined;
  description?: string | undefined;
}

interface Context {
  rng: Prng;
  anchor: number;
  users: ReadonlyMap<string, TenantUser>;
  logonsByMachine: ReadonlyMap<string, LogonRecord[]>;
}

export function generateAlerts(
  anchor: number,
  machines: readonly WireMachine[],
  users: readonly TenantUser[],
  logons: readonly LogonRecord[],
): WireAlert[] {
  const rng = new Prng(SEED);
  const byId = new Map(machines.map((m) => [m.id, m]));
  const machine = (id: string): WireMachine => {
    const m = byId.get(id);
    if (m === undefined) throw new Error(`simulated alerts: machine ${id} does not exist`);
    return m;
  };
  const logonsByMachine = new Map<string, LogonRecord[]>();
  for (const l of logons) logonsByMachine.set(l.machineId, [...(logonsByMachine.get(l.machineId) ?? []), l]);
  const ctx: Context = { rng, anchor, users: new Map(users.map((u) => [u.accountName, u])), logonsByMachine };

  const specs = [
    ...namedSpecs(machine),
    ...busyMachineSpecs(rng, machine(ALERTS_BUSY_MACHINE.machineId)),
    ...hostileSpecs(machine(MARKDOWN_MACHINE.machineId)),
  ];
  const named = new Set(specs.map((s) => s.machine.id));
  named.add(MACHINE_WITHOUT_ALERTS);
  specs.push(
    ...generatedSpecs(
      rng,
      machines.filter((m) => !named.has(m.id) && m.healthStatus !== 'NoSensorData'),
      logonsByMachine,
    ),
  );

  const alerts = specs.map((s) => buildAlert(s, ctx));
  if (alerts.filter((a) => a.machineId === ALERTS_BUSY_MACHINE.machineId).length !== ALERTS_BUSY_MACHINE.alertCount) {
    throw new Error('simulated alerts: ALERTS_BUSY_MACHINE.alertCount is out of date');
  }
  const ids = new Set<string>();
  for (const a of alerts) {
    if (ids.has(a.id)) throw new Error(`simulated alerts: duplicate alert id ${a.id}`);
    ids.add(a.id);
  }
  return alerts;
}

function namedSpecs(machine: (id: string) => WireMachine): AlertSpec[] {
  const incident = USER1_INCIDENT.incidentId;
  const ids = USER1_INCIDENT.alertIds;
  return [
    {
      id: ids.onMymachine1,
      machine: machine(SEED_MACHINE_IDS.mymachine1),
      detection: D.mimikatz,
      severity: 'High',
      status: 'New',
      incidentId: incident,
      createdBeforeLastSeen: 3 * HOUR,
      relatedUser: USER1.accountName,
      assignedTo: null,
      investigation: { id: 88021, state: 'PendingApproval' },
    },
    {
      id: ids.onSharedMachine,
      machine: machine(USER1_MOST_PREVALENT_MACHINE_ID),
      detection: D.remote,
      severity: 'Medium',
      status: 'InProgress',
      incidentId: incident,
      createdBeforeLastSeen: 2 * HOUR + 20 * MINUTE,
      relatedUser: USER1.accountName,
      assignedTo: ANALYSTS[0],
      comments: [
        {
          comment: 'Contacted user1; they did not start this session. Resetting the password.',
          createdBy: 'elena.brandt@contoso.com',
          afterCreation: 35 * MINUTE,
        },
      ],
    },
    {
      id: ids.onEmeaLaptop,
      machine: machine(USER1_EXTRA_MACHINES.emeaLaptop.id),
      detection: D.powershell,
      severity: 'Low',
      status: 'New',
      incidentId: incident,
      createdBeforeLastSeen: 1 * HOUR,
      relatedUser: USER1.accountName,
    },
    {
      id: ids.onHrMachine,
      machine: machine(SEED_MACHINE_IDS.machine2),
      detection: D.discovery,
      severity: 'High',
      status: 'New',
      incidentId: incident,
      createdBeforeLastSeen: 4 * HOUR,
      relatedUser: USER1.accountName,
    },
    {
      id: USER1_OTHER_ALERTS.onTier0Paw,
      machine: machine(USER1_EXTRA_MACHINES.tier0Paw.id),
      detection: D.persistence,
      severity: 'High',
      status: 'InProgress',
      incidentId: 4103,
      createdBeforeLastSeen: 6 * HOUR,
      relatedUser: USER1.accountName,
      assignedTo: ANALYSTS[2],
    },
    {
      id: USER1_OTHER_ALERTS.onUsAppServer,
      machine: machine(USER1_EXTRA_MACHINES.usAppServer.id),
      detection: D.customTi,
      severity: 'Medium',
      status: 'New',
      incidentId: 4104,
      createdBeforeLastSeen: 9 * HOUR,
      relatedUser: USER1.accountName,
    },
  ];
}

/** With user1's incident alert, ALERTS_BUSY_MACHINE.alertCount: two id shapes, the drifted one, then every severity and status. */
function busyMachineSpecs(rng: Prng, busy: WireMachine): AlertSpec[] {
  const specs: AlertSpec[] = [
    {
      id: ALERT_ID_SHAPES.guid,
      machine: busy,
      detection: D.eicar,
      severity: 'Informational',
      status: 'New',
      incidentId: 4102,
      createdBeforeLastSeen: 26 * HOUR,
      relatedUser: null,
    },
    {
      id: ALERT_ID_SHAPES.automatedInvestigation,
      machine: busy,
      detection: D.airManual,
      severity: 'Informational',
      status: 'Resolved',
      incidentId: 4102,
      createdBeforeLastSeen: 25 * HOUR,
      relatedUser: null,
      assignedTo: 'API Action',
      investigation: { id: 88007, state: 'Benign' },
      verdict: { classification: null, determination: null },
    },
    {
      id: DRIFTED_ALERT_ID,
      machine: busy,
      detection: D.meterpreter,
      severity: 'UnSpecified',
      status: 'Unknown',
      incidentId: 3877,
      createdBeforeLastSeen: 29 * DAY,
      relatedUser: null,
      shape: 'legacy',
      assignedTo: null,
    },
  ];
  // Every status with a spread of severities; the first of them shares the user1 incident's day.
  const plan: ReadonlyArray<readonly [string, string, Detection]> = [
    ['High', 'InProgress', D.ransomware],
    ['Medium', 'New', D.powershell],
    ['Low', 'New', D.persistence],
    ['Informational', 'New', D.customTi],
    ['Medium', 'Resolved', D.remote],
    ['Low', 'Resolved', D.eicar],
    ['High', 'Resolved', D.mimikatz],
    ['Informational', 'Resolved', D.discovery],
    ['Low', 'InProgress', D.meterpreter],
    ['UnSpecified', 'New', D.customTi],
  ];
  plan.forEach(([severity, status, detection], i) => {
    const resolved = status === 'Resolved';
    specs.push({
      id: ticksId(rng),
      machine: busy,
      detection,
      severity,
      status,
      incidentId: resolved ? 3900 + i : 4110 + (i % 3),
      createdBeforeLastSeen: (i + 1) * 2 * DAY + rng.int(0, 20) * HOUR,
      relatedUser: i % 2 === 0 ? USER1.accountName : DOMAIN_ADMIN.accountName,
      assignedTo: status === 'New' ? null : (ANALYSTS[i % ANALYSTS.length] ?? null),
      verdict: resolved ? RESOLVED_VERDICTS[i % RESOLVED_VERDICTS.length] : undefined,
      comments: resolved
        ? [{ comment: 'Closed after review.', createdBy: ANALYSTS[i % ANALYSTS.length] ?? 'soc@contoso.com', afterCreation: 3 * HOUR }]
        : [],
    });
  });
  return specs;
}

function hostileSpecs(lab: WireMachine): AlertSpec[] {
  const base = { machine: lab, incidentId: 4105, relatedUser: null } as const;
  return [
    {
      ...base,
      id: HOSTILE_ALERT_IDS.markdownTitle,
      detection: D.powershell,
      severity: 'High',
      status: 'New',
      createdBeforeLastSeen: 50 * MINUTE,
      title: '**URGENT** [verify your account](http://evil.example/login) <img src=x onerror=alert(1)> _now_ @everyone',
      comments: [
        {
          comment: '<at>everyone</at> **pwned** [click](javascript:alert(1))',
          createdBy: 'mallory@evil.example',
          afterCreation: 5 * MINUTE,
        },
      ],
    },
    {
      ...base,
      id: HOSTILE_ALERT_IDS.longTitle,
      detection: D.discovery,
      severity: 'Medium',
      status: 'InProgress',
      createdBeforeLastSeen: 70 * MINUTE,
      title: `Suspicious activity ${'&lt;script&gt; '.repeat(10)}${'A'.repeat(600 - 20 - 150)}`,
      assignedTo: '[admin](http://evil.example)',
    },
    {
      ...base,
      id: HOSTILE_ALERT_IDS.htmlDescription,
      detection: D.meterpreter,
      severity: 'Low',
      status: 'Resolved',
      createdBeforeLastSeen: 3 * HOUR,
      title: 'Right-to-left \u202Egnp.exe\u202C and zero\u200Bwidth and \\ backslash `code` # not a heading',
      description: `<script>alert('x')</script>\n# Heading\n> quote\n| table | row |\n${'Lorem ipsum <b>dolor</b> sit amet. '.repeat(170)}`,
      verdict: { classification: 'FalsePositive', determination: 'Clean' },
    },
  ];
}

/** About one machine in five gets one to three alerts; most of them open and recent. */
function generatedSpecs(rng: Prng, candidates: readonly WireMachine[], logonsByMachine: ReadonlyMap<string, LogonRecord[]>): AlertSpec[] {
  const specs: AlertSpec[] = [];
  let incident = 5001;
  for (const m of candidates) {
    if (!rng.chance(0.2)) continue;
    const count = rng.weighted([
      [1, 60],
      [2, 30],
      [3, 10],
    ]);
    const shared = rng.chance(0.5) ? incident++ : null;
    const people = logonsByMachine.get(m.id) ?? [];
    for (let i = 0; i < count; i++) {
      const status = rng.weighted([
        ['New', 45],
        ['InProgress', 20],
        ['Resolved', 33],
        ['Unknown', 2],
      ]);
      const person = people.length > 0 && rng.chance(0.7) ? rng.pick(people).accountName : null;
      specs.push({
        id: rng.chance(0.15) ? guidId(rng) : ticksId(rng),
        machine: m,
        detection: rng.pick(GENERATED),
        severity: rng.weighted([
          ['Informational', 20],
          ['Low', 30],
          ['Medium', 30],
          ['High', 17],
          ['UnSpecified', 3],
        ]),
        status,
        incidentId: shared ?? incident++,
        createdBeforeLastSeen: rng.int(10 * MINUTE, 20 * DAY),
        relatedUser: person,
        assignedTo: status === 'New' ? null : rng.pick([...ANALYSTS, 'Automation']),
        verdict: status === 'Resolved' ? rng.pick(RESOLVED_VERDICTS) : undefined,
        shape: rng.chance(0.1) ? 'legacy' : 'current',
      });
    }
  }
  return specs;
}

/** `da` + 18 digits that read like a .NET tick count in 2026 + `_` + a signed 32-bit number. */
function ticksId(rng: Prng): string {
  let digits = '';
  while (digits.length < 14) digits += String(rng.int(0, 9));
  const n = rng.int(-2147483648, 2147483647);
  return `da6389${digits}_${n}`;
}

function guidId(rng: Prng): string {
  return `da${rng.uuid()}_1`;
}

function buildAlert(spec: AlertSpec, ctx: Context): WireAlert {
  const { rng, anchor } = ctx;
  const lastSeen = Date.parse(spec.machine.lastSeen ?? '');
  if (!Number.isFinite(lastSeen)) throw new Error(`simulated alerts: machine ${spec.machine.id} has no lastSeen`);
  // Offsets back from the anchor, so the result moves with the clock and with nothing else.
  const createdAgo = anchor - lastSeen + spec.createdBeforeLastSeen;
  const firstAgo = createdAgo + rng.int(2 * MINUTE, 40 * MINUTE);
  const lastEventAgo = Math.max(createdAgo + MINUTE, firstAgo - rng.int(0, 30 * MINUTE));
  const resolved = spec.status === 'Resolved';
  const resolvedAgo = resolved ? Math.max(0, createdAgo - rng.int(20 * MINUTE, 2 * DAY)) : null;
  const updatedAgo = resolvedAgo ?? Math.max(0, createdAgo - rng.int(MINUTE, 3 * HOUR));
  const at = (ago: number): string => isoTicks(anchor - ago, rng.int(0, 9999));
  const legacy = spec.shape === 'legacy';
  const related =
    spec.relatedUser === null
      ? null
      : { userName: spec.relatedUser, domainName: ctx.users.get(spec.relatedUser)?.accountDomain.toUpperCase() ?? null };
  const verdict = spec.verdict ?? { classification: null, determination: null };
  const investigation = spec.investigation === undefined ? randomInvestigation(rng) : spec.investigation;

  // Key order as on the wire. Older alerts lack detectorId, loggedOnUsers and domains, and send mitreTechniques null.
  return {
    id: spec.id,
    incidentId: spec.incidentId,
    investigationId: investigation?.id ?? null,
    assignedTo: spec.assignedTo ?? null,
    severity: spec.severity,
    status: spec.status,
    classification: verdict.classification,
    // An old resolved alert still carries a determination retired in 2022.
    determination: legacy && resolved ? 'Apt' : verdict.determination,
    investigationState: legacy ? null : (investigation?.state ?? 'UnsupportedAlertType'),
    detectionSource: spec.detection.detectionSource,
    ...(legacy ? {} : { detectorId: spec.detection.detectorId }),
    category: spec.detection.category,
    threatFamilyName: spec.detection.threatFamilyName,
    title: spec.title ?? spec.detection.title,
    description: spec.description ?? spec.detection.description,
    alertCreationTime: at(createdAgo),
    firstEventTime: at(firstAgo),
    lastEventTime: at(lastEventAgo),
    lastUpdateTime: at(updatedAgo),
    resolvedTime: resolvedAgo === null ? null : at(resolvedAgo),
    machineId: spec.machine.id,
    computerDnsName: spec.machine.computerDnsName ?? null,
    rbacGroupName: spec.machine.rbacGroupName ?? null,
    aadTenantId: SIM_AAD_TENANT_ID,
    threatName: spec.detection.threatName,
    mitreTechniques: legacy ? null : [...spec.detection.mitre],
    relatedUser: related,
    ...(legacy ? {} : { loggedOnUsers: loggedOnUsers(spec.machine, ctx) }),
    comments: (spec.comments ?? []).map((c) => ({
      comment: c.comment,
      createdBy: c.createdBy,
      createdTime: at(Math.max(0, createdAgo - c.afterCreation)),
    })),
    evidence: evidence(spec, related, ctx, at(createdAgo)),
    ...(legacy ? {} : { domains: [] }),
  };
}

/** An automated investigation on some alerts, in one of the states an open or finished one shows. */
function randomInvestigation(rng: Prng): { id: number; state: string } | null {
  if (!rng.chance(0.4)) return null;
  return { id: rng.int(80000, 89999), state: rng.pick(['Running', 'Queued', 'Benign', 'SuccessfullyRemediated']) };
}

/** Up to three people who logged onto the machine, most recent first. */
function loggedOnUsers(machine: WireMachine, ctx: Context): Array<{ accountName: string; domainName: string | null }> {
  return [...(ctx.logonsByMachine.get(machine.id) ?? [])]
    .sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen) || a.accountName.localeCompare(b.accountName))
    .slice(0, 3)
    .map((l) => ({ accountName: l.accountName, domainName: l.accountDomain.toUpperCase() }));
}

const EVIDENCE_KEYS = [
  'entityType',
  'evidenceCreationTime',
  'sha1',
  'sha256',
  'fileName',
  'filePath',
  'processId',
  'processCommandLine',
  'processCreationTime',
  'parentProcessId',
  'parentProcessCreationTime',
  'parentProcessFileName',
  'parentProcessFilePath',
  'ipAddress',
  'url',
  'registryKey',
  'registryHive',
  'registryValueType',
  'registryValue',
  'accountName',
  'domainName',
  'userSid',
  'aadUserId',
  'userPrincipalName',
  'detectionStatus',
] as const;

function evidenceEntry(values: Partial<Record<(typeof EVIDENCE_KEYS)[number], string | number | undefined>>): WireAlertEvidence {
  return Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, values[k] ?? null]));
}

/** What GET /api/alerts/{id} returns as evidence: the process, its file, and the user when there is one. */
function evidence(spec: AlertSpec, related: WireAlert['relatedUser'], ctx: Context, createdAt: string): WireAlertEvidence[] {
  const { rng } = ctx;
  const sha1 = rng.hex(40);
  const sha256 = rng.hex(64);
  const pid = rng.int(1000, 20000);
  const out: WireAlertEvidence[] = [];
  if (related !== null) {
    const user = ctx.users.get(related.userName);
    out.push(
      evidenceEntry({
        entityType: 'User',
        evidenceCreationTime: createdAt,
        accountName: related.userName,
        domainName: related.domainName ?? undefined,
        userSid: user?.accountSid,
        userPrincipalName: `${related.userName}@contoso.com`,
      }),
    );
  }
  const path = spec.detection.fileName === 'powershell.exe' ? 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0' : 'C:\\Users\\Public';
  out.push(
    evidenceEntry({
      entityType: 'Process',
      evidenceCreationTime: createdAt,
      sha1,
      sha256,
      fileName: spec.detection.fileName,
      filePath: path,
      processId: pid,
      processCommandLine: spec.detection.commandLine === '' ? undefined : spec.detection.commandLine,
      processCreationTime: createdAt,
      parentProcessId: pid - rng.int(1, 900),
      parentProcessFileName: 'explorer.exe',
      parentProcessFilePath: 'C:\\Windows',
      detectionStatus: 'Detected',
    }),
  );
  out.push(
    evidenceEntry({
      entityType: 'File',
      evidenceCreationTime: createdAt,
      sha1,
      sha256,
      fileName: spec.detection.fileName,
      filePath: path,
      detectionStatus: 'Detected',
    }),
  );
  return out;
}
