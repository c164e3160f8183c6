// One row of the "Find a device" result list: a thumbnail card's title and text. Teams renders some
// markup in these fields and no escape works in all of its clients, so a name that could act as
// markup is shown as the device's short id instead (machineDisplay); the rest is our own words.
import type { Machine } from '../../defender/model';
import { plain } from '../escape';
import { joinDefined, parseIsoDate, relativeTime } from '../format';
import { enumLabel } from '../labels';
import { machineDisplay, osText } from './machine-parts';

export interface DevicePreviewVm {
  title: string;
  /** "Windows 11 · risk High · seen 5 minutes ago" */
  text: string;
}

const MARKUP = /[[\]()<>*_`~#|\\&]/g;

export function devicePreview(m: Machine, now: Date): DevicePreviewVm {
  const os = osText(m);
  const risk = m.riskScore === undefined || plain(m.riskScore) === '' ? undefined : `risk ${enumLabel(m.riskScore)}`;
  const lastSeen = parseIsoDate(m.lastSeen);
  const seen = lastSeen === undefined ? undefined : relativeTime(lastSeen, now);
  const text = joinDefined([os, risk, seen === undefined ? undefined : `seen ${seen}`], ' · ') ?? 'no details yet';
  return { title: machineDisplay(m), text: text.replace(MARKUP, ' ') };
}
