// Whether a device is isolated now, and since when: the machine entity has no isolation field, so
// the device's own actions say it. For the confirmation card and the machine details card.
import type { ResponseActionsClient } from '../defender/client-types';
import { DefenderError } from '../defender/errors';
import type { MachineAction } from '../defender/machine-action';

/**
 * When the device was isolated, if it still is: the newest finished Isolate/Unisolate decides. Best
 * effort: a failure leaves it unsaid rather than failing the card.
 */
export async function isolationOf(client: ResponseActionsClient, machineId: string): Promise<string | undefined> {
  let actions: MachineAction[];
  try {
    actions = await client.listMachineActions(machineId);
  } catch (e) {
    if (e instanceof DefenderError) return undefined;
    throw e;
  }
  const last = actions
    .filter((a) => a.status === 'Succeeded' && (a.type === 'Isolate' || a.type === 'Unisolate'))
    .sort((a, b) =>
      (b.lastUpdateDateTimeUtc ?? b.creationDateTimeUtc ?? '').localeCompare(a.lastUpdateDateTimeUtc ?? a.creationDateTimeUtc ?? ''),
    )[0];
  return last?.type === 'Isolate' ? (last.lastUpdateDateTimeUtc ?? last.creationDateTimeUtc) : undefined;
}
