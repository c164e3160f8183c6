// After Defender accepted an action (201, or the one already in progress), follow it with
// GET /api/machineactions/{id} until it is Succeeded, Failed, TimeOut or Cancelled, backing off
// between polls (each poll spends the shared budget like any other call), and hand every change to
// `update` — the Teams layer edits the card in place. Gives up after maxDurationMs and says how to ask.
// It runs in the process that sent the action (the confirmation itself is shared between replicas,
// the follow-up is not): a restart stops it, the card keeps its last status, and "action status <id>"
// asks again — on any replica.
import { DefenderError } from '../defender/errors';
import { isFinalStatus, type MachineAction } from '../defender/machine-action';
import type { Requester, TokenProvider } from '../tokens/types';
import type { ActionAudit } from '../audit/action-audit';
import type { ActionClient } from './handle-action';
import type { ActionOutcome, ActionStatusView, FollowUpSettings } from './types';

export interface FollowUpDeps {
  settings: FollowUpSettings;
  tokens: TokenProvider;
  clientFor(getToken: () => Promise<string>, as: Requester): ActionClient;
  update(outcome: Extract<ActionOutcome, { kind: 'actionStatus' }>): Promise<void>;
  audit: ActionAudit;
  /** Resolves after `ms`, or early (false) when the bot is shutting down. */
  sleep(ms: number): Promise<boolean>;
  now(): number;
}

export async function followUp(start: ActionStatusView, actionId: string, as: Requester, deps: FollowUpDeps): Promise<void> {
  let view = start;
  let delay = deps.settings.firstDelayMs;
  const until = deps.now() + deps.settings.maxDurationMs;
  const show = (v: ActionStatusView): Promise<void> => deps.update({ kind: 'actionStatus', status: v });
  for (;;) {
    if (isFinalStatus(view.action.status)) {
      deps.audit({
        step: 'finalStatus',
        actionId,
        action: view.kind,
        machineId: view.action.machineId,
        status: view.action.status,
        reason: view.reason,
      });
      return;
    }
    if (deps.now() + delay > until) {
      await show({
        ...view,
        gaveUp: `Still ${view.action.status} after ${Math.round(deps.settings.maxDurationMs / 60_000)} min; ask again with "action status ${actionId}".`,
      });
      return;
    }
    if (!(await deps.sleep(delay))) return;
    delay = Math.min(delay * 2, deps.settings.maxDelayMs);
    let action: MachineAction;
    try {
      const token = await deps.tokens.getDefenderToken(as);
      if (token.kind !== 'token') {
        await show({ ...view, gaveUp: `Stopped following: sign in again and ask with "action status ${actionId}".` });
        return;
      }
      const accessToken = token.token;
      action = await deps.clientFor(async () => accessToken, as).getMachineAction(actionId);
    } catch (e) {
      // Throttled, slow or briefly down: try again later, within the time limit.
      if (e instanceof DefenderError && ['throttled', 'personalShareUsed', 'timeout', 'serverError', 'unreachable'].includes(e.code))
        continue;
      await show({
        ...view,
        gaveUp: `Could not read the action's status (${e instanceof DefenderError ? e.code : 'error'}); ask with "action status ${actionId}".`,
      });
      return;
    }
    if (action.status !== view.action.status || action.lastUpdateDateTimeUtc !== view.action.lastUpdateDateTimeUtc) {
      view = { ...view, action };
      await show(view);
    }
  }
}
