// Answering into a card the bot already sent: `updateActivity`, i.e. PUT
// /v3/conversations/{id}/activities/{activityId}. A click (messageBack) arrives with `replyToId` = the
// message whose button was clicked, so Next, Previous, Refresh and Retry replace that card instead of
// stacking new ones. Any step that later revises a card it sent (a status follow-up) can use this too.
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger';

/**
 * Replaces message `activityId` of this conversation with `activity`. Where the connector refuses the
 * edit (a 4xx: not a message of this bot, deleted, too old, not editable there), posts `activity` as a
 * new message instead, so the answer is never lost. Other failures propagate: a 5xx or a timeout may
 * have applied the edit (connector-transport.ts does not resend those either). Returns the id of the
 * message that now holds the answer, for steps that revise it later (a response action's status).
 */
export async function updateOrPost(
  context: TurnContext,
  activityId: string,
  activity: Partial<Activity>,
  logger: Logger,
): Promise<string | undefined> {
  try {
    await context.updateActivity({ ...activity, id: activityId });
    return activityId;
  } catch (e) {
    const status = refusedStatus(e);
    if (status === undefined) throw e;
    logger.warn({ event: 'editRefused', status, activityId }, 'Teams refused to edit the card; sending the answer as a new message');
    return (await context.sendActivity(activity))?.id;
  }
}

/** The HTTP status of an edit the connector refused (400–499 but 429, which the transport retries), else undefined. */
export function refusedStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const status: unknown = (e as { statusCode?: unknown }).statusCode ?? (e as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429 ? status : undefined;
}
