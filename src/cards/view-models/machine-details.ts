// "machine <machine>": everything we know about one device; unknown fields are left out. Built so that
// nothing clips on a 328 px phone: status lines are TextBlocks coloured by severity (each shown once),
// fact values hold no long unbroken run (./long-values.ts; ids are written out in full below the
// facts), IP addresses are wrapped text rather than a table. The record's odd states (a possible
// duplicate, merged into another record) are said in words, with what they mean for the reader.
import type { IpAddress, Machine } from '../../defender/model';
import type { AlertCount } from '../../handlers/known-answers';
import { markdownToPlain, md, plain } from '../escape';
import { joinDefined, shortId, when, yesNo } from '../format';
import { antivirusSeverity, enumLabel, healthSeverity, levelSeverity, type Severity } from '../labels';
import type { RenderContext } from '../types';
import { refreshButton, type FactVm, type SubmitVm, type View } from './common';
import { whoseAccess } from './list-parts';
import { machineAlertsButton } from './alert-parts';
import { fitFacts, fullValue, type FullValueVm } from './long-values';
import { detailsValue, groupText, machineDisplay, machineName, osText, portalUrl, tagsText, whoLoggedOnButton } from './machine-parts';

/** A coloured line of markdown. */
export interface LineVm {
  text: string;
  color: Severity;
}

export interface MachineDetailsVm {
  title: string;
  subtitle: string;
  /** Risk, exposure, health, antivirus: one coloured line each, when known. */
  status: LineVm[];
  hasNotes: boolean;
  /** A possible duplicate or a merged record, said with what it means. */
  notes: LineVm[];
  hasFacts: boolean;
  facts: FactVm[];
  hasIps: boolean;
  ipTitle: string;
  /** Markdown list, one IP address per item. */
  ips: string;
  hasTags: boolean;
  tags: string;
  /** Device id and any value too long for a fact, in full. */
  full: FullValueVm[];
  /** Card-level buttons: Who logged on, Alerts (with the count when the asker already knows it). */
  actions: SubmitVm[];
  portalUrl: string;
}

/** Shown in full up to these counts; beyond, the card says how many more (the portal has them all). */
const MAX_IPS = 30;
const MAX_TAGS = 50;
const MAX_TAG_CHARS = 2000;

function label(value: string | undefined): string | undefined {
  return value === undefined || plain(value) === '' ? undefined : enumLabel(value);
}

function statusLine(title: string, value: string | undefined, severity: (v: string | undefined) => Severity): LineVm[] {
  const text = label(value);
  return text === undefined ? [] : [{ text: `**${title}:** ${md(text, 60)}`, color: severity(value) }];
}

function ipLine(ip: IpAddress): string {
  const type = label(ip.type);
  const status = label(ip.operationalStatus);
  const parts = [md(ip.ipAddress, 60), ip.macAddress && `MAC ${md(ip.macAddress, 40)}`, type && md(type, 40), status && md(status, 40)];
  return `- ${joinDefined(parts, ' · ') ?? ''}`;
}

function recordNotes(m: Machine): LineVm[] {
  const notes: LineVm[] = [];
  if (m.mergedIntoMachineId !== undefined && plain(m.mergedIntoMachineId) !== '') {
    notes.push({
      text:
        `**Merged record:** Defender merged this device into another record (${md(shortId(plain(m.mergedIntoMachineId)), 80)}, ` +
        'in full below). ' +
        'This one is no longer updated: look up that one.',
      color: 'warning',
    });
  }
  if (m.isPotentialDuplication === true) {
    notes.push({
      text:
        '**Possible duplicate:** Defender thinks another record may be this same device (re-imaged, renamed or onboarded twice). ' +
        'Compare device ids and last-seen times before acting on either.',
      color: 'warning',
    });
  }
  return notes;
}

export function machineDetailsView(
  m: Machine,
  ctx: RenderContext,
  isolatedSince?: string,
  alertCount?: AlertCount,
): View<MachineDetailsVm> {
  const name = machineName(m);
  const ips = m.ipAddresses.filter((ip) => plain(ip.ipAddress) !== '');
  const tags = tagsText(m.machineTags, MAX_TAGS, MAX_TAG_CHARS);
  const isolated = isolatedSince === undefined ? undefined : when(isolatedSince, ctx.now);
  const status = [
    ...(isolated === undefined ? [] : [{ text: `**Isolated since ${md(isolated, 80)}**`, color: 'attention' as const }]),
    ...statusLine('Risk', m.riskScore, levelSeverity),
    ...statusLine('Exposure', m.exposureLevel, levelSeverity),
    ...statusLine('Health', m.healthStatus, healthSeverity),
    ...statusLine('Antivirus', m.defenderAvStatus, antivirusSeverity),
  ];
  const notes = recordNotes(m);
  const group = groupText(m);
  const full: FullValueVm[] = [fullValue('Device id', m.id, 200)];
  const rows = fitFacts(
    [
      ['Last seen', when(m.lastSeen, ctx.now)],
      ['First seen', when(m.firstSeen, ctx.now)],
      ['OS', osText(m)],
      ['OS build', m.osBuild === undefined || !Number.isFinite(m.osBuild) ? undefined : String(m.osBuild)],
      ['Processor', joinDefined([m.osProcessor, m.osArchitecture], ', ')],
      ['Last IP', m.lastIpAddress, 60],
      ['External IP', m.lastExternalIpAddress, 60],
      ['Device group', group !== undefined && m.rbacGroupName && m.rbacGroupId ? `${group} (id ${plain(m.rbacGroupId)})` : group],
      ['Device value', label(m.deviceValue)],
      ['Onboarding', label(m.onboardingStatus)],
      ['Sensor version', m.agentVersion, 60],
      ['Managed by', label(m.managedBy), 60],
      ['Entra joined', yesNo(m.isAadJoined)],
    ],
    full,
  );
  if (m.aadDeviceId !== undefined && plain(m.aadDeviceId) !== '') full.push(fullValue('Entra device id', m.aadDeviceId, 80));
  if (m.mergedIntoMachineId !== undefined && plain(m.mergedIntoMachineId) !== '') {
    full.push(fullValue('Merged into', m.mergedIntoMachineId, 80));
  }
  const plainStatus = status.map((s) => markdownToPlain(s.text));
  const summary = `Details of ${name}${status.length > 0 ? `: ${plainStatus.slice(0, 3).join(', ')}` : ''}`;
  return {
    vm: {
      title: `**${md(name)}**`,
      subtitle: `Machine details — as ${whoseAccess(ctx)} Defender access shows it`,
      status,
      hasNotes: notes.length > 0,
      notes,
      hasFacts: rows.length > 0,
      facts: rows,
      hasIps: ips.length > 0,
      ipTitle: ips.length > MAX_IPS ? `IP addresses (first ${MAX_IPS} of ${ips.length})` : 'IP addresses',
      ips: ips.slice(0, MAX_IPS).map(ipLine).join('\n'),
      hasTags: tags !== undefined,
      tags: tags ?? '',
      full,
      actions: [whoLoggedOnButton(m), machineAlertsButton(m, alertCount)],
      portalUrl: portalUrl(m, ctx),
    },
    summary,
    fallbackText: [
      `Details of ${name}`,
      ...plainStatus,
      ...notes.map((n) => markdownToPlain(n.text)),
      ...rows.map((r) => `${r.title}: ${markdownToPlain(r.value)}`),
      ...full.map((f) => markdownToPlain(f.text)),
    ].join('\n'),
    refresh: refreshButton(detailsValue(m), `Details of ${machineDisplay(m)}`),
  };
}
