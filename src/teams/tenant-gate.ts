// Only the configured Entra tenants get answers. Runs before any handler, so an activity from
// elsewhere costs no token request and no Defender call: messages get a one-line refusal, invokes
// a 403, everything else silence; each refusal is a warn log line for the bot's admins.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';
import { requesterOf, tenantFromChannelData } from './activity-input';

export const TENANT_REFUSAL =
  'Sorry, this bot isn’t available to your organization. If you think it should be, ask your IT admin to contact the bot’s admins.';

/** A beforeTurn handler: true lets the turn continue. */
export function tenantGate(allowedTenantIds: readonly string[], logger: Logger): (context: TurnContext) => Promise<boolean> {
  const allowed = new Set(allowedTenantIds.map((t) => t.toLowerCase()));
  return async (context) => {
    const { activity } = context;
    const tenantId = requesterOf(activity).tenantId?.toLowerCase();
    // Teams sends the tenant twice; both, when present, must be allowed and agree.
    const channelTenant = tenantFromChannelData(activity.channelData)?.toLowerCase();
    const consistent = channelTenant === undefined || channelTenant === tenantId;
    if (tenantId !== undefined && allowed.has(tenantId) && consistent) return true;
    logger.warn(
      {
        event: 'tenantRefused',
        tenantId: tenantId ?? null,
        ...(consistent ? {} : { channelDataTenantId: channelTenant }),
        activityType: activity.type,
        activityName: activity.name,
      },
      consistent ? 'activity from a tenant that is not allowed; refused' : 'activity whose two tenant fields disagree; refused',
    );
    if (activity.type === ActivityTypes.Message) await context.sendActivity({ type: 'message', text: TENANT_REFUSAL });
    else if (activity.type === ActivityTypes.Invoke)
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
    return false;
  };
}
