// "action status <id>": Defender's MachineAction as the asker sees it, on any replica.
import { DefenderError } from '../defender/errors';
import { errorOutcome } from '../handlers/error-outcome';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import { clientAs } from './client-as';
import type { ActionDeps } from './deps';
import { auditPerson } from './people';
import { refuse } from './refuse';

export async function actionStatus(actionId: string, requester: Requester, deps: ActionDeps): Promise<Outcome> {
  const as = await clientAs(requester, deps);
  if (!as.ok) return as.outcome;
  try {
    const action = await as.client.getMachineAction(actionId);
    deps.audit({
      step: 'status',
      actionId,
      actor: auditPerson(requester),
      status: action.status,
      machineId: action.machineId,
      conversationId: deps.conversationId,
    });
    return {
      kind: 'actionStatus',
      status: { action, existing: false, ...(action.computerDnsName === undefined ? {} : { machineName: action.computerDnsName }) },
    };
  } catch (e) {
    if (e instanceof DefenderError && e.code === 'notFound')
      return refuse(deps, requester, undefined, { kind: 'statusNotFound', actionId });
    const error = errorOutcome(e);
    if (error === undefined) throw e;
    return { kind: 'error', error };
  }
}
