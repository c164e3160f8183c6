// Pieces of a machine that several cards show: its name, its warning flags, its buttons, its tags.
import type { ActionValue } from '../../commands/types';
import type { Machine } from '../../defender/model';
import { inert, MAX_TAG, md, plain } from '../escape';
import { joinDefined, shortId } from '../format';
import { enumLabel, healthSeverity, levelSeverity, osLabel, worst, type Severity } from '../labels';
import { machinePortalUrl } from '../links';
import type { RenderContext } from '../types';
import { submit, type SubmitVm } from './common';

/** How people recognise a machine: its host name, else its (short) id. Plain text. */
export function machineName(m: { id: string; computerDnsName?: string | undefined }): string {
  if (m.computerDnsName !== undefined && plain(m.computerDnsName) !== '') return plain(m.computerDnsName);
  return plain(shortId(m.id)) || '(unnamed device)';
}

/** The machine's name for a messageBack displayText: the short id when the name could act as markup. */
export function machineDisplay(m: { id: string; computerDnsName?: string | undefined }): string {
  return inert(m.computerDnsName ?? '', plain(shortId(m.id)) || '(unnamed device)');
}

/** A user name for a messageBack displayText. */
export function userDisplay(userName: string): string {
  return inert(userName, 'this user');
}

/** The host name as a button's `label` (display only; the id does the work), as long as we would show it. */
export function machineLabel(m: { computerDnsName?: string | undefined }): { label?: string } {
  const name = m.computerDnsName === undefined ? '' : plain(m.computerDnsName);
  return name !== '' ? { label: name } : {};
}

/** A machine's risk, health and record state as one coloured line: "● High risk · Impaired communication". */
export interface MarkerVm {
  /** Markdown. */
  text: string;
  color: Severity;
}

/** The marker in its two parts: the risk ("● High risk") and what else is wrong ("Impaired communication"), if anything. */
export interface MarkerPartsVm {
  /** Markdown: "● High risk". */
  risk: string;
  /** Markdown: health when not Active, then the record state; empty when both are fine. */
  flags: string;
  color: Severity;
}

/**
 * The list row's marker: what deserves a look at 3 a.m., in words (never colour alone), coloured by the
 * worst of it. Risk always (or "Risk unknown"); health when not Active; the record when it is a
 * possible duplicate or merged into another.
 */
export function statusParts(m: Machine): MarkerPartsVm {
  const riskText = plain(m.riskScore ?? '');
  const risk = riskText === '' ? 'Risk unknown' : /^none$/i.test(riskText) ? 'No known risk' : `${enumLabel(riskText)} risk`;
  const healthText = plain(m.healthStatus ?? '');
  const healthColor = healthText === '' ? 'good' : healthSeverity(healthText);
  const health = healthColor !== 'good' ? enumLabel(healthText) : undefined;
  const merged = plain(m.mergedIntoMachineId ?? '') !== '';
  const record = merged ? 'Merged record' : m.isPotentialDuplication === true ? 'Possible duplicate' : undefined;
  const color = worst(levelSeverity(m.riskScore), healthColor, record === undefined ? 'good' : 'warning');
  const flags = [health, record].filter((w): w is string => w !== undefined).map((w) => md(w, 40));
  return { risk: `● ${md(risk, 40)}`, flags: flags.join(' · '), color };
}

/** The marker on one line: "● High risk · Impaired communication". */
export function statusMarker(m: Machine): MarkerVm {
  const parts = statusParts(m);
  return { text: parts.flags === '' ? parts.risk : `${parts.risk} · ${parts.flags}`, color: parts.color };
}

export function logonUsersValue(m: Machine): ActionValue {
  return { action: 'logonUsers', machineId: m.id, ...machineLabel(m) };
}

export function detailsValue(m: { id: string; computerDnsName?: string | undefined }): ActionValue {
  return { action: 'machineDetails', machineId: m.id, ...machineLabel(m) };
}

export function whoLoggedOnButton(m: Machine): SubmitVm {
  return submit('Who logged on', logonUsersValue(m), `Who logged on to ${machineDisplay(m)}`);
}

export function detailsButton(m: { id: string; computerDnsName?: string | undefined }): SubmitVm {
  return submit('Details', detailsValue(m), `Details of ${machineDisplay(m)}`);
}

export function portalUrl(m: Machine, ctx: RenderContext): string {
  return machinePortalUrl(m.id, ctx);
}

/** "Windows 11 22H2", plain text. */
export function osText(m: Machine): string | undefined {
  const platform = m.osPlatform === undefined ? undefined : osLabel(m.osPlatform);
  return joinDefined([platform, m.osVersion === undefined ? undefined : plain(m.osVersion, 40)], ' ');
}

/** Device group: its name, else its id. Plain text. */
export function groupText(m: Machine): string | undefined {
  if (m.rbacGroupName !== undefined && plain(m.rbacGroupName) !== '') return plain(m.rbacGroupName);
  return m.rbacGroupId !== undefined && plain(m.rbacGroupId) !== '' ? `id ${plain(m.rbacGroupId)}` : undefined;
}

/**
 * Tags, escaped and comma-joined, showing at most `maxShown` and at most `maxChars` of text;
 * the rest is counted ("+12 more"), never dropped silently.
 */
export function tagsText(tags: readonly string[], maxShown: number, maxChars: number, moreHint = ''): string | undefined {
  const shown: string[] = [];
  let used = 0;
  for (const tag of tags) {
    const text = plain(tag, MAX_TAG);
    if (text === '') continue;
    if (shown.length >= maxShown || (shown.length > 0 && used + text.length > maxChars)) break;
    shown.push(text);
    used += text.length + 2;
  }
  const nonBlank = tags.filter((t) => plain(t, MAX_TAG) !== '').length;
  if (nonBlank === 0) return undefined;
  const rest = nonBlank - shown.length;
  const list = shown.map((t) => md(t, MAX_TAG)).join(', ');
  return rest > 0 ? `${list} (+${rest} more${moreHint})` : list;
}
