// Alerts for the card tests: one builder with every field set as a real GET /api/alerts/{id} answer
// sets it, lists cut the way the handler cuts them, and the extremes (hostile text, drifted values).
// Dates count back from the card tests' clock (./fixtures.ts NOW, 2026-11-23 12:00 UTC).
import type { Alert } from '../../src/defender/alert-model';
import { orderAlerts } from '../../src/defender/alert-order';
import { isOpenAlert } from '../../src/defender/alert-model';
import type { AlertListSubject, Outcome } from '../../src/handlers/outcome';
import { pageOf } from '../../src/handlers/paging';

const CLOCK = Date.parse('2026-11-23T12:00:00Z');
const MACHINE_ID = '00000001'.repeat(5);

export function hoursAgo(h: number): string {
  return new Date(CLOCK - h * 3_600_000).toISOString();
}

/** `da6389904…_<n>`: a well-formed alert id per number. */
export function alertId(n: number): string {
  return `da63899041220774${String(n).padStart(4, '0')}_-${1000 + n}`;
}

export function alert(overrides: Partial<Alert> & { n?: number } = {}): Alert {
  const { n = 1, ...rest } = overrides;
  return {
    id: alertId(n),
    incidentId: '4101',
    investigationId: '7311',
    investigationState: 'PendingApproval',
    assignedTo: 'secop2@contoso.com',
    severity: 'High',
    status: 'New',
    classification: 'TruePositive',
    determination: 'Malware',
    detectionSource: 'WindowsDefenderAv',
    detectorId: '7f2b3a1c-5d4e-4f6a-8b9c-0d1e2f3a4b5c',
    category: 'CredentialAccess',
    threatFamilyName: 'Mimikatz',
    threatName: 'HackTool:Win32/Mimikatz.D',
    title: "'Mimikatz' credential theft tool",
    description: 'The credential theft tool Mimikatz was detected on this device. Attackers use it to harvest passwords and hashes.',
    alertCreationTime: hoursAgo(n + 1),
    firstEventTime: hoursAgo(n + 2),
    lastEventTime: hoursAgo(n),
    lastUpdateTime: hoursAgo(n),
    machineId: MACHINE_ID,
    computerDnsName: 'pc1.contoso.com',
    rbacGroupName: 'Finance workstations',
    aadTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    mitreTechniques: ['T1003.001'],
    relatedUser: { userName: 'user1', domainName: 'CONTOSO' },
    loggedOnUsers: [
      { accountName: 'user1', domainName: 'CONTOSO' },
      { accountName: 'adm-jdoe', domainName: 'CONTOSO' },
    ],
    comments: [{ comment: 'Isolating while we look', createdBy: 'secop2@contoso.com', createdTime: hoursAgo(0.5) }],
    evidence: [],
    ...rest,
  };
}

const SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'UnSpecified'] as const;
const STATUSES = ['New', 'InProgress', 'Resolved', 'Unknown'] as const;

/** `count` alerts through every severity and status; every third is resolved. */
export function alerts(count: number): Alert[] {
  return Array.from({ length: count }, (_, i) =>
    alert({
      n: i + 1,
      severity: SEVERITIES[i % SEVERITIES.length],
      status: i % 3 === 2 ? 'Resolved' : STATUSES[i % 2],
      incidentId: String(4101 + (i % 4)),
      ...(i % 3 === 2 ? { resolvedTime: hoursAgo(i), classification: 'FalsePositive', determination: 'Clean' } : {}),
    }),
  );
}

/** The handler's outcome for an alert list when Defender returns `list`. */
export function alertsOutcome(subject: AlertListSubject, list: readonly Alert[], page = 1): Extract<Outcome, { kind: 'alerts' }> {
  const ordered = orderAlerts(list);
  const shown = pageOf(ordered, page);
  if (shown === undefined) throw new Error(`fixture asks for page ${page} of a ${list.length}-alert list`);
  const open = ordered.filter(isOpenAlert).length;
  return { kind: 'alerts', subject, page: shown, open, resolved: ordered.length - open };
}

export const MACHINE_SUBJECT: AlertListSubject = { kind: 'machineAlerts', machine: { id: MACHINE_ID, computerDnsName: 'pc1.contoso.com' } };
export const USER_SUBJECT: AlertListSubject = { kind: 'userAlerts', userName: 'user1' };

/** Markdown, HTML, a mention and a link in every free-text field; a title and description far past their caps. */
export function hostileAlert(n: number): Alert {
  const markup = '[click](http://evil.example) **bold** <at>Jane</at> <b>x</b> `code` _u_ ${secret} \\';
  return alert({
    n,
    title: `${markup} ${'A'.repeat(600)}`,
    description: `${markup}\n\n${'Long paragraph with words. '.repeat(230)}\n${markup}`,
    category: markup,
    detectionSource: markup,
    assignedTo: markup,
    computerDnsName: `${markup}.contoso.com`,
    rbacGroupName: markup,
    relatedUser: { userName: '[x](http://y)', domainName: markup },
    loggedOnUsers: Array.from({ length: 14 }, (_, i) => ({ accountName: `${markup}${i}`, domainName: markup })),
    mitreTechniques: ['T1003.001', markup],
    comments: Array.from({ length: 5 }, (_, i) => ({
      comment: `${markup} ${'c'.repeat(400)} ${i}`,
      createdBy: markup,
      createdTime: hoursAgo(i),
    })),
    threatName: markup,
  });
}

/** What an older or drifting API sends: unknown enum values, lower-case spellings, most fields missing. */
export function driftedAlert(n: number): Alert {
  return {
    id: alertId(n),
    severity: 'critical',
    status: 'in_progress_review',
    classification: 'somethingNew',
    determination: 'Apt',
    title: 'Drifted alert',
    lastUpdateTime: '2026-11-23T11:59:59.1234567',
    mitreTechniques: [],
    loggedOnUsers: [],
    comments: [],
    evidence: [],
  };
}
