// Turns what the user typed (device id, host name, IP) into one machine, a "which one?" list, or not found.
import type { MachineRef } from '../commands/types';
import type { DefenderClient } from '../defender/client-types';
import type { Machine } from '../defender/model';
import type { MachineLabel } from './outcome';

export type MachineResolution =
  /** `entity` is set when the lookup already returned the whole record (saves a details call). */
  | { kind: 'one'; label: MachineLabel; entity?: Machine }
  | { kind: 'several'; query: string; candidates: Machine[] }
  | { kind: 'none'; query: string };

export async function resolveMachine(ref: MachineRef, client: DefenderClient, now: Date): Promise<MachineResolution> {
  // A button's `label` is whatever the click payload says: anyone can post a forged one, so it names
  // nothing on a card. The id alone is the machine until Defender answers with its name.
  // Only a label the bot itself sealed onto the button (../shared/label-seal.ts) is shown.
  if (ref.kind === 'deviceId')
    return {
      kind: 'one',
      label: ref.labelSealed === true && ref.label !== undefined ? { id: ref.id, computerDnsName: ref.label } : { id: ref.id },
    };
  const query = ref.kind === 'hostName' ? ref.host : ref.ip;
  const found = ref.kind === 'hostName' ? await client.findMachinesByHostName(ref.host) : await client.findMachinesByIp(ref.ip, now);
  const [only] = found;
  if (found.length === 0 || only === undefined) return { kind: 'none', query };
  if (found.length === 1) return { kind: 'one', label: labelOf(only), entity: only };
  // Most recently seen first: the likeliest answer to "which one?".
  const candidates = [...found].sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  return { kind: 'several', query, candidates };
}

function labelOf(m: Machine): MachineLabel {
  return m.computerDnsName === undefined ? { id: m.id } : { id: m.id, computerDnsName: m.computerDnsName };
}
