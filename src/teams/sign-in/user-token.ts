// The Bot Framework token service as the turn gives it: botbuilder's CloudAdapter puts a
// UserTokenClient (signed with the bot's app token, pointed at OAuthUrl) in every turn's state.
import { CloudAdapterBase, type TokenResponse, type TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import { within } from '../../shared/timeout';

export function userTokenClientOf(context: TurnContext): UserTokenClient | undefined {
  const adapter = context.adapter;
  if (!(adapter instanceof CloudAdapterBase)) return undefined;
  return context.turnState.get<UserTokenClient | undefined>(adapter.UserTokenClientKey);
}

/** botbuilder types the magic code as required, but leaves it out of the request when undefined (no code = "the token you already have"). */
interface TokenGetter {
  getUserToken(
    userId: string,
    connectionName: string,
    channelId: string,
    magicCode: string | undefined,
  ): Promise<TokenResponse | undefined>;
}

/** Teams resends a message it has not seen answered in ~15 s: the token service gets a few of them. */
export const TOKEN_SERVICE_TIMEOUT_MS = 4000;

/** The user's token for the connection, or undefined when the service has none (it answers 404). */
export async function userTokenOf(
  client: UserTokenClient,
  context: TurnContext,
  connectionName: string,
  magicCode?: string,
): Promise<string | undefined> {
  const getter: TokenGetter = client;
  const response = await within(
    TOKEN_SERVICE_TIMEOUT_MS,
    getter.getUserToken(context.activity.from.id, connectionName, context.activity.channelId, magicCode),
    'the Bot Framework token service',
  );
  const token: unknown = response?.token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}
