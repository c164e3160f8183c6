// "alerts on <machine>", "alerts for <user>", "alert <id>": the Defender calls and the outcome. The list
// is ordered here, before paging (open alerts first, then the most recent activity), so that every page
// request cuts the same list the same way; the card counts open and resolved over the whole list.
import type { AlertSubject, MachineRef, UserRef } from '../commands/types';
import { isOpenAlert, type Alert } from '../defender/alert-model';
import { orderAlerts } from '../defender/alert-order';
import type { DefenderClient } from '../defender/client-types';
import { answerOrError, failed } from './error-outcome';
import type { AlertListSubject, ErrorOutcome, MachineLabel, Outcome } from './outcome';
import { pageCount, pageOf } from './paging';
import { resolveMachine } from './resolve-machine';
import { resolveUserName } from './resolve-user';

export interface AlertDeps {
  /** The bare Defender user name of a mentioned Teams user; undefined when unknown. */
  resolveMention(teamsUserId: string): Promise<string | undefined>;
  now(): Date;
}

export async function alertsOf(about: AlertSubject, page: number, client: DefenderClient, deps: AlertDeps): Promise<Outcome> {
  return about.kind === 'machine' ? machineAlerts(about.machine, page, client, deps) : userAlerts(about.user, page, client, deps);
}

export async function alertById(alertId: string, client: DefenderClient): Promise<Outcome> {
  return answerOrError({ kind: 'alertNotFound', alertId }, async () => ({ kind: 'alertDetails', alert: await client.getAlert(alertId) }));
}

async function machineAlerts(ref: MachineRef, page: number, client: DefenderClient, deps: AlertDeps): Promise<Outcome> {
  const notFound: ErrorOutcome = {
    kind: 'machineNotFound',
    query: ref.kind === 'deviceId' ? ref.id : ref.kind === 'hostName' ? ref.host : ref.ip,
  };
  return answerOrError(notFound, async () => {
    const resolved = await resolveMachine(ref, client, deps.now());
    if (resolved.kind === 'none') return failed(notFound);
    if (resolved.kind === 'several')
      return { kind: 'chooseMachine', query: resolved.query, purpose: 'alerts', candidates: resolved.candidates };
    const alerts = await client.getMachineAlerts(resolved.label.id);
    return listOutcome({ kind: 'machineAlerts', machine: named(resolved.label, alerts) }, alerts, page);
  });
}

async function userAlerts(user: UserRef, page: number, client: DefenderClient, deps: AlertDeps): Promise<Outcome> {
  const who = await resolveUserName(user, (id) => deps.resolveMention(id));
  if (!who.ok) return failed(who.error);
  const { userName } = who;
  // An unknown user is an empty list (the API answers 200 with no alerts); a 404 is not expected here.
  return answerOrError({ kind: 'userNotFound', userName }, async () =>
    listOutcome({ kind: 'userAlerts', userName }, await client.getUserAlerts(userName), page),
  );
}

function listOutcome(subject: AlertListSubject, alerts: readonly Alert[], page: number): Outcome {
  const ordered = orderAlerts(alerts);
  const shown = pageOf(ordered, page);
  if (shown === undefined) return failed({ kind: 'pageOutOfRange', page, pages: pageCount(ordered.length), list: subject });
  const open = ordered.filter(isOpenAlert).length;
  return { kind: 'alerts', subject, page: shown, open, resolved: ordered.length - open };
}

/** A machine known only by id (a button) gets its name from Defender's own answer: the alerts name their machine. */
function named(label: MachineLabel, alerts: readonly Alert[]): MachineLabel {
  if (label.computerDnsName !== undefined) return label;
  const name = alerts.find((a) => a.machineId === label.id && a.computerDnsName !== undefined)?.computerDnsName;
  return name === undefined ? label : { id: label.id, computerDnsName: name };
}
