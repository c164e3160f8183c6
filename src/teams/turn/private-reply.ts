// CHANNEL_RESULTS=private: an answer asked for in a channel or group chat goes to the asker alone, in
// their 1:1 chat with the bot (created, or found again, with the connector's POST /v3/conversations);
// the conversation where they asked gets one line without data. The answer reflects the asker's
// Defender access, which other members of the channel may not have.
import { AuthenticationConstants } from 'botframework-connector';
import type { Activity, BotAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import { isPersonal, needsDefender, type Turn } from './turn';
import { refusedStatus } from './in-place';

export type PrivateAdapter = Pick<BotAdapter, 'createConversationAsync'>;

/** The line the channel gets; it names the asker (the authenticated activity's `from.name`), never the data. */
export function sentPrivatelyText(name: string | undefined): string {
  return `${name === undefined ? 'Sent' : `${name}: sent`} to you privately, in your chat with me.`;
}

export const PRIVATE_CHAT_REFUSED =
  'I could not open a private chat with you, so the answer is not shown here. Open a chat with me (or add the app for yourself) and ask there.';

/** True when an answer goes private: configured so, asked outside a 1:1 chat, and about Defender data (help stays put). */
export function answersPrivately(channelResults: 'thread' | 'private', turn: Turn): boolean {
  return channelResults === 'private' && !isPersonal(turn) && needsDefender(turn.command);
}

/** Sends `activity` to the asker in a 1:1 chat, then one line in the conversation they asked in. */
export async function answerPrivately(
  context: TurnContext,
  adapter: PrivateAdapter,
  botAppId: string,
  turn: Turn,
  activity: Partial<Activity>,
  logger: Logger,
): Promise<'private' | 'refused'> {
  const ref = turn.reference;
  const tenantId = turn.requester.tenantId ?? ref.conversation?.tenantId;
  const parameters: Partial<ConversationParameters> = {
    isGroup: false,
    ...(ref.bot === undefined ? {} : { bot: ref.bot }),
    members: [{ id: turn.requester.teamsUserId, name: '' }],
    ...(tenantId === undefined ? {} : { tenantId, channelData: { tenant: { id: tenantId } } }),
  };
  try {
    await adapter.createConversationAsync(
      botAppId,
      ref.channelId ?? 'msteams',
      ref.serviceUrl ?? '',
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      parameters as ConversationParameters,
      async (chat) => {
        await chat.sendActivity(activity);
      },
    );
  } catch (e) {
    const status = refusedStatus(e);
    if (status === undefined) throw e;
    // No data in the channel, ever: say only that the private chat could not be opened.
    logger.warn({ event: 'privateChatRefused', status }, 'could not open a 1:1 chat with the asker');
    await context.sendActivity({ type: 'message', text: PRIVATE_CHAT_REFUSED });
    return 'refused';
  }
  await context.sendActivity({ type: 'message', text: sentPrivatelyText(turn.requester.displayName) });
  return 'private';
}
