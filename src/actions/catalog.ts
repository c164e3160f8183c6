// What each response action is called, does, and needs: one table for the confirmation card, the
// 403 answer and the docs. Permissions and roles as Defender documents them.
import type { ActionOption } from '../commands/types';
import type { ResponseActionKind } from '../defender/machine-action';

export interface ActionInfo {
  /** "Isolate", as a button and a title. */
  label: string;
  /** "isolate", in a sentence. */
  verb: string;
  /** What happens to the device, said before anyone confirms. */
  consequences: string;
  /** The delegated permission of Defender's API (resource https://api.securitycenter.microsoft.com). */
  permission: string;
  /** The Defender role permission the analyst needs. */
  role: string;
}

export const ACTIONS: Readonly<Record<ResponseActionKind, ActionInfo>> = {
  isolate: {
    label: 'Isolate',
    verb: 'isolate',
    consequences: 'The device will lose network access except to Defender until someone releases it. Users on it are cut off.',
    permission: 'Machine.Isolate',
    role: 'Active remediation actions',
  },
  release: {
    label: 'Release from isolation',
    verb: 'release',
    consequences: 'The device gets its network access back.',
    permission: 'Machine.Isolate',
    role: 'Active remediation actions',
  },
  scan: {
    label: 'Antivirus scan',
    verb: 'scan',
    consequences: 'Microsoft Defender Antivirus scans the device; a full scan can slow it for a while.',
    permission: 'Machine.Scan',
    role: 'Active remediation actions',
  },
  collect: {
    label: 'Collect investigation package',
    verb: 'collect an investigation package from',
    consequences:
      'Defender collects forensic data (processes, connections, logs) from the device into a package you download from the portal.',
    permission: 'Machine.CollectForensics',
    role: 'Alerts investigation',
  },
  restrict: {
    label: 'Restrict app execution',
    verb: 'restrict app execution on',
    consequences: 'Only Microsoft-signed applications may run on the device until the restriction is removed.',
    permission: 'Machine.RestrictExecution',
    role: 'Active remediation actions',
  },
  unrestrict: {
    label: 'Remove app restriction',
    verb: 'remove the app restriction from',
    consequences: 'Any application may run on the device again.',
    permission: 'Machine.RestrictExecution',
    role: 'Active remediation actions',
  },
};

export function optionText(action: ResponseActionKind, option: ActionOption | undefined): string | undefined {
  if (action === 'isolate') {
    return option === 'selective' ? 'Selective (Outlook, Teams and Skype keep working)' : 'Full';
  }
  if (action === 'scan') return option === 'full' ? 'Full scan' : 'Quick scan';
  return undefined;
}

/** The request body's extra field for the option. */
export function optionBody(
  action: ResponseActionKind,
  option: ActionOption | undefined,
): { IsolationType?: 'Full' | 'Selective'; ScanType?: 'Quick' | 'Full' } {
  if (action === 'isolate') return { IsolationType: option === 'selective' ? 'Selective' : 'Full' };
  if (action === 'scan') return { ScanType: option === 'full' ? 'Full' : 'Quick' };
  return {};
}
