// What a card can say for free: answers this analyst already got (their answer cache, still fresh),
// read without asking Defender again. A machine row's "⚠ 2" (two open alerts) after `alerts on pc1`, the
// users logged on to a device on a response action's confirmation after `who logged onto pc1`. Only
// the asker's own answers (the cache is per person), never a call: what is not known is left unsaid.
import { isOpenAlert, type Alert } from '../defender/alert-model';
import type { DefenderClient, KnowableMethod, KnownAnswer, KnownAnswersClient } from '../defender/client-types';
import type { LogonUser } from '../defender/model';

/** How many alerts a known list held, and how many of them are open (New, In progress). */
export interface AlertCount {
  open: number;
  total: number;
}

/** What is known about the machines (by id) and the user of one card. */
export interface KnownAlertCounts {
  machines: ReadonlyMap<string, AlertCount>;
  user?: AlertCount;
}

function canTell(client: DefenderClient): client is DefenderClient & KnownAnswersClient {
  return typeof (client as Partial<KnownAnswersClient>).known === 'function';
}

function countOf(alerts: readonly Alert[]): AlertCount {
  return { open: alerts.filter(isOpenAlert).length, total: alerts.length };
}

/**
 * The alert counts already known for these machines and, given, this user: one look at the cache
 * (one round trip with Redis) for the whole card. A client without a cache knows nothing.
 */
export async function knownAlertCounts(
  client: DefenderClient,
  machineIds: readonly string[],
  userName?: string,
): Promise<KnownAlertCounts> {
  const machines = new Map<string, AlertCount>();
  if (!canTell(client)) return { machines };
  const queries: Array<{ method: KnowableMethod; arg: string }> = machineIds.map((arg) => ({ method: 'getMachineAlerts', arg }));
  if (userName !== undefined) queries.push({ method: 'getUserAlerts', arg: userName });
  const answers = await client.known(queries);
  let user: AlertCount | undefined;
  answers.forEach((answer, i) => {
    if (answer === undefined || answer.method === 'getLogonUsers') return;
    const count = countOf(answer.value);
    if (answer.method === 'getUserAlerts') user = count;
    else machines.set(queries[i]?.arg ?? '', count);
  });
  return { machines, ...(user === undefined ? {} : { user }) };
}

/** The users the asker was last told are logged on to this machine, when that answer is still held. */
export async function knownLogonUsers(client: DefenderClient, machineId: string): Promise<LogonUser[] | undefined> {
  if (!canTell(client)) return undefined;
  const [answer]: Array<KnownAnswer | undefined> = await client.known([{ method: 'getLogonUsers', arg: machineId }]);
  return answer?.method === 'getLogonUsers' ? answer.value : undefined;
}
