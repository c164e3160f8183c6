// Asking for a response action: the device is looked up as the asker, the request is bound
// server-side to one pending entry (the card carries only its opaque id), and the answer is a
// confirmation card. Nothing is sent to Defender here.
import { randomUUID } from 'node:crypto';
import type { Command } from '../commands/types';
import type { LogonUser, Machine } from '../defender/model';
import { errorOutcome } from '../handlers/error-outcome';
import { knownLogonUsers } from '../handlers/known-answers';
import type { Outcome } from '../handlers/outcome';
import { resolveMachine } from '../handlers/resolve-machine';
import type { Requester } from '../tokens/types';
import { clientAs } from './client-as';
import type { ActionDeps } from './deps';
import { isolationOf } from './isolation';
import { analystOf, auditPerson } from './people';
import { refuse } from './refuse';
import type { PendingAction } from './types';

export async function requestAction(
  command: Extract<Command, { kind: 'responseAction' }>,
  requester: Requester,
  deps: ActionDeps,
): Promise<Outcome> {
  if (!deps.settings.enabled.has(command.action))
    return refuse(deps, requester, command.action, { kind: 'disabled', action: command.action });
  const as = await clientAs(requester, deps);
  if (!as.ok) return as.outcome;
  const query =
    command.machine.kind === 'deviceId'
      ? command.machine.id
      : command.machine.kind === 'hostName'
        ? command.machine.host
        : command.machine.ip;
  let machine: Machine;
  let isolatedSince: string | undefined;
  let loggedOn: LogonUser[] | undefined;
  try {
    const resolved = await resolveMachine(command.machine, as.client, deps.now());
    if (resolved.kind === 'none') return { kind: 'error', error: { kind: 'machineNotFound', query } };
    // Several records: the analyst picks one by its id (details), then asks again with it.
    if (resolved.kind === 'several') return { kind: 'chooseMachine', query, purpose: 'machineDetails', candidates: resolved.candidates };
    machine = resolved.entity ?? (await as.client.getMachine(resolved.label.id));
    isolatedSince = await isolationOf(as.client, machine.id);
    loggedOn = await knownLogonUsers(as.client, machine.id);
  } catch (e) {
    const error = errorOutcome(e, { kind: 'machineNotFound', query });
    if (error === undefined) throw e;
    return { kind: 'error', error };
  }
  const now = deps.now();
  const pending: PendingAction = {
    id: randomUUID(),
    action: command.action,
    ...(command.option === undefined ? {} : { option: command.option }),
    machineId: machine.id,
    ...(machine.computerDnsName === undefined ? {} : { machineName: machine.computerDnsName }),
    ...(command.reason === undefined ? {} : { reason: command.reason }),
    requester: analystOf(requester),
    conversationId: deps.conversationId,
    approval: deps.settings.approval,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.settings.confirmMinutes * 60_000).toISOString(),
  };
  // Kept twice as long as it is valid, so a late click is told "expired" rather than "unknown".
  await deps.store.put(pending.id, pending, 2 * deps.settings.confirmMinutes * 60_000);
  deps.audit({
    step: 'requested',
    pendingId: pending.id,
    action: pending.action,
    machineId: pending.machineId,
    requester: auditPerson(requester),
    reason: pending.reason,
    conversationId: deps.conversationId,
  });
  return {
    kind: 'actionConfirm',
    request: pending,
    machine,
    ...(isolatedSince === undefined ? {} : { isolatedSince }),
    ...(loggedOn === undefined ? {} : { loggedOn }),
  };
}
