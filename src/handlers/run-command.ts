// The one code path for typed commands and button clicks: a parsed Command in, an Outcome out.
// Everything it touches (tokens, Defender, the Teams roster, the clock) is injected, so it runs
// unchanged under tests, the demo and production.
import { randomUUID } from 'node:crypto';
import { runActionCommand, type ActionDeps } from '../actions/handle-action';
import { isolationOf } from '../actions/isolation';
import type { ResponseActionsClient } from '../defender/client-types';
import type { Command, MachineRef, UserRef } from '../commands/types';
import type { DefenderClient } from '../defender/client-types';
import type { Requester, TokenProvider } from '../tokens/types';
import { alertById, alertsOf } from './alerts';
import { defenderAccess } from './defender-access';
import { answerOrError, failed } from './error-outcome';
import { knownAlertCounts } from './known-answers';
import { sortLogonUsers, sortMachines } from './list-order';
import type { AboutInfo, ErrorOutcome, ListRef, Outcome } from './outcome';
import { pageCount, pageOf } from './paging';
import { resolveMachine } from './resolve-machine';
import { resolveUserName } from './resolve-user';

export interface HandlerDeps {
  tokens: TokenProvider;
  /** A Defender client that calls with the given token. */
  defenderFor(getToken: () => Promise<string>): DefenderClient;
  /** The bare Defender user name of a mentioned Teams user, from the conversation roster; undefined when unknown. */
  resolveMention(teamsUserId: string): Promise<string | undefined>;
  now(): Date;
  /** Where unexpected errors go, with the reference id the user is shown. */
  reportInternalError(referenceId: string, error: unknown): void;
  /** Forgets the asker's sign-in; absent where there is none (the demo). */
  signOut?(requester: Requester): Promise<void>;
  /** What `about` answers. */
  about: AboutInfo;
  /** Writes a `feedback` line to the audit log (text already one line, capped, without control characters). */
  recordFeedback(requester: Requester, text: string): void;
  /** Counts a Defender command against the asker's own rate; a refusal says when to retry and the limit. */
  admitCommand?(requester: Requester): Promise<{ retryAfterSeconds: number; perMinute: number } | undefined>;
  /** Response actions (../actions); absent: every action command says they are not enabled. */
  actions?: ActionDeps;
}

/**
 * The commands whose handling starts with `admitCommand` (the asker's command rate), before anything
 * else: a caller that counted the command already (with its redelivery check) answers that first call.
 * Kept beside runCommand, which it describes; test/handlers/counts-as-command.test.ts holds them together.
 */
export function countsAsCommand(command: Command): boolean {
  switch (command.kind) {
    case 'machinesForUser':
    case 'logonUsers':
    case 'machineDetails':
    case 'alerts':
    case 'alert':
    case 'responseAction':
      return true;
    default:
      return false;
  }
}

export async function runCommand(command: Command, requester: Requester, deps: HandlerDeps): Promise<Outcome> {
  try {
    return await dispatch(command, requester, deps);
  } catch (e) {
    const referenceId = randomUUID();
    deps.reportInternalError(referenceId, e);
    return failed({ kind: 'internal', referenceId });
  }
}

async function dispatch(command: Command, requester: Requester, deps: HandlerDeps): Promise<Outcome> {
  switch (command.kind) {
    case 'help':
      return { kind: 'help' };
    case 'signOut':
      if (deps.signOut === undefined) return { kind: 'signedOut', hadSignIn: false };
      await deps.signOut(requester);
      return { kind: 'signedOut', hadSignIn: true };
    case 'about':
      return { kind: 'about', about: deps.about };
    case 'feedback':
      deps.recordFeedback(requester, command.text);
      return { kind: 'feedbackNoted' };
    case 'unknown':
      return { kind: 'unknown', text: command.text, suggestions: command.suggestions };
    case 'invalid':
      return failed({ kind: 'badInput', command: command.command, part: command.part, input: command.input, reason: command.reason });
    case 'machinesForUser':
      return withClient(requester, deps, (client) => machinesForUser(command.user, command.page, client, deps));
    case 'logonUsers':
      return withClient(requester, deps, (client) => logonUsers(command.machine, command.page, client, deps));
    case 'machineDetails':
      return withClient(requester, deps, (client) => machineDetails(command.machine, client, deps));
    case 'alerts':
      return withClient(requester, deps, (client) => alertsOf(command.about, command.page, client, deps));
    case 'alert':
      return withClient(requester, deps, (client) => alertById(command.alertId, client));
    case 'responseAction':
    case 'actionStatus':
    case 'confirmAction':
    case 'cancelAction': {
      const refused = command.kind === 'responseAction' ? await deps.admitCommand?.(requester) : undefined;
      if (refused !== undefined) return failed({ kind: 'personalLimit', limit: 'commands', ...refused });
      return runActionCommand(command, requester, deps.actions);
    }
  }
}

async function withClient(requester: Requester, deps: HandlerDeps, run: (client: DefenderClient) => Promise<Outcome>): Promise<Outcome> {
  const access = await defenderAccess(requester, deps);
  return access.ok ? run(access.client) : failed(access.error);
}

async function machinesForUser(user: UserRef, page: number, client: DefenderClient, deps: HandlerDeps): Promise<Outcome> {
  const who = await resolveUserName(user, (id) => deps.resolveMention(id));
  if (!who.ok) return failed(who.error);
  const { userName } = who;
  const notFound: ErrorOutcome = { kind: 'userNotFound', userName };
  return answerOrError(notFound, async () => {
    const machines = await client.getUserMachines(userName);
    if (machines.length === 0) return failed(notFound);
    const sorted = sortMachines(machines);
    const shown = pageOf(sorted, page);
    if (shown === undefined) return outOfRange(page, sorted.length, { kind: 'machines', userName });
    const alertCounts = await knownAlertCounts(
      client,
      shown.items.map((m) => m.id),
      userName,
    );
    return { kind: 'machines', userName, page: shown, alertCounts };
  });
}

async function logonUsers(ref: MachineRef, page: number, client: DefenderClient, deps: HandlerDeps): Promise<Outcome> {
  const notFound: ErrorOutcome = { kind: 'machineNotFound', query: queryOf(ref) };
  return answerOrError(notFound, async () => {
    const resolved = await resolveMachine(ref, client, deps.now());
    if (resolved.kind === 'none') return failed(notFound);
    if (resolved.kind === 'several')
      return { kind: 'chooseMachine', query: resolved.query, purpose: 'logonUsers', candidates: resolved.candidates };
    const users = sortLogonUsers(await client.getLogonUsers(resolved.label.id));
    const shown = pageOf(users, page);
    if (shown === undefined) return outOfRange(page, users.length, { kind: 'logonUsers', machine: resolved.label });
    return { kind: 'logonUsers', machine: resolved.label, page: shown };
  });
}

async function machineDetails(ref: MachineRef, client: DefenderClient, deps: HandlerDeps): Promise<Outcome> {
  const notFound: ErrorOutcome = { kind: 'machineNotFound', query: queryOf(ref) };
  return answerOrError(notFound, async () => {
    const resolved = await resolveMachine(ref, client, deps.now());
    if (resolved.kind === 'none') return failed(notFound);
    if (resolved.kind === 'several')
      return { kind: 'chooseMachine', query: resolved.query, purpose: 'machineDetails', candidates: resolved.candidates };
    const machine = resolved.entity ?? (await client.getMachine(resolved.label.id));
    // Where response actions are on, the card says whether the device is isolated (one more call).
    const isolatedSince =
      (deps.actions?.settings.enabled.size ?? 0) > 0 && canAct(client) ? await isolationOf(client, machine.id) : undefined;
    const alertCount = (await knownAlertCounts(client, [machine.id])).machines.get(machine.id);
    return {
      kind: 'machineDetails',
      machine,
      ...(isolatedSince === undefined ? {} : { isolatedSince }),
      ...(alertCount === undefined ? {} : { alertCount }),
    };
  });
}

function canAct(client: DefenderClient): client is DefenderClient & ResponseActionsClient {
  return typeof (client as Partial<ResponseActionsClient>).listMachineActions === 'function';
}

function queryOf(ref: MachineRef): string {
  switch (ref.kind) {
    case 'deviceId':
      return ref.id;
    case 'hostName':
      return ref.host;
    case 'ip':
      return ref.ip;
  }
}

function outOfRange(page: number, total: number, list: ListRef): Outcome {
  return failed({ kind: 'pageOutOfRange', page, pages: pageCount(total), list });
}
