// "machine <machine>": everything we know about one device; unknown fields are left out.
import type { IpAddress, Machine } from '../../defender/model';
import { markdownToPlain, md, plain } from '../escape';
import { joinDefined, when, yesNo } from '../format';
import type { RenderContext } from '../types';
import { facts, type FactVm, type SubmitVm, type View } from './common';
import { groupText, machineFlags, machineName, portalUrl, tagsText, whoLoggedOnButton } from './machine-parts';

export interface MachineDetailsVm {
  title: string;
  hasFlags: boolean;
  flags: string;
  facts: FactVm[];
  hasIps: boolean;
  ipTitle: string;
  ips: FactVm[];
  hasTags: boolean;
  tags: string;
  who: SubmitVm;
  portalUrl: string;
}

/** Shown in full up to these counts; beyond, the card says how many more (the portal has them all). */
const MAX_IPS = 30;
const MAX_TAGS = 50;
const MAX_TAG_CHARS = 2000;

function opt(value: string | undefined, max?: number): string | undefined {
  return value === undefined ? undefined : md(value, max);
}

function ipFact(ip: IpAddress): FactVm {
  const details = joinDefined(
    [ip.macAddress && `MAC ${md(ip.macAddress, 40)}`, ip.type && md(ip.type, 40), ip.operationalStatus && md(ip.operationalStatus, 40)],
    ' · ',
  );
  return { title: md(ip.ipAddress, 60), value: details ?? '—' };
}

export function machineDetailsView(m: Machine, ctx: RenderContext): View<MachineDetailsVm> {
  const flags = machineFlags(m);
  const name = machineName(m);
  const group = groupText(m);
  const ips = m.ipAddresses.filter((ip) => plain(ip.ipAddress) !== '');
  const shownIps = ips.slice(0, MAX_IPS).map(ipFact);
  const tags = tagsText(m.machineTags, MAX_TAGS, MAX_TAG_CHARS);
  const rows = facts([
    ['Device id', md(m.id, 200)],
    ['Health', opt(m.healthStatus, 40)],
    ['Risk', opt(m.riskScore, 40)],
    ['Exposure', opt(m.exposureLevel, 40)],
    ['Device value', opt(m.deviceValue, 40)],
    ['Onboarding', opt(m.onboardingStatus, 40)],
    ['Last seen', when(m.lastSeen, ctx.now)],
    ['First seen', when(m.firstSeen, ctx.now)],
    ['OS', opt(m.osPlatform)],
    ['OS version', opt(m.osVersion)],
    ['OS build', m.osBuild === undefined || !Number.isFinite(m.osBuild) ? undefined : String(m.osBuild)],
    ['Processor', opt(joinDefined([m.osProcessor, m.osArchitecture], ', '))],
    ['Last IP', opt(m.lastIpAddress, 60)],
    ['External IP', opt(m.lastExternalIpAddress, 60)],
    ['Device group', group === undefined ? undefined : m.rbacGroupName && m.rbacGroupId ? `${group} (id ${md(m.rbacGroupId)})` : group],
    ['Sensor version', opt(m.agentVersion, 60)],
    ['Antivirus', opt(m.defenderAvStatus, 60)],
    ['Managed by', opt(m.managedBy, 60)],
    ['Entra joined', yesNo(m.isAadJoined)],
    ['Entra device id', opt(m.aadDeviceId, 80)],
    ['Possible duplicate', m.isPotentialDuplication === true ? 'Yes — another record may describe the same device' : undefined],
    ['Merged into', opt(m.mergedIntoMachineId, 80)],
  ]);
  const summary = `Details of ${name}${joinDefined([m.healthStatus && `: ${plain(m.healthStatus, 40)}`, m.riskScore && `, risk ${plain(m.riskScore, 40)}`], '') ?? ''}`;
  return {
    vm: {
      title: `**${md(name)}**`,
      hasFlags: flags !== '',
      flags,
      facts: rows,
      hasIps: shownIps.length > 0,
      ipTitle: ips.length > MAX_IPS ? `IP addresses (first ${MAX_IPS} of ${ips.length})` : 'IP addresses',
      ips: shownIps,
      hasTags: tags !== undefined,
      tags: tags ?? '',
      who: whoLoggedOnButton(m),
      portalUrl: portalUrl(m, ctx),
    },
    summary,
    fallbackText: [
      summary,
      ...rows.map((r) => `${r.title}: ${markdownToPlain(r.value)}`),
    ].join('\n'),
  };
}
