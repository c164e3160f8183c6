// The sign-in prompts. In a personal or group chat: an OAuthCard whose tokenExchangeResource lets
// Teams sign the analyst in silently (SSO: Teams answers with a `signin/tokenExchange` invoke), with
// the token service's sign-in link as the fallback button. In a channel, where Teams SSO does not
// work: the same card without the exchange resource (the button signs in, Teams answers with
// `signin/verifyState`), or a button that opens a 1:1 chat with the bot.
import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type TokenExchangeResource } from 'botbuilder';

export const SIGN_IN_TEXT = 'Sign in so that I can ask Defender as you: you see exactly what your own Defender access allows.';
export const SIGN_IN_SUMMARY = 'Please sign in to use the Defender bot';

/** Teams SSO for bots works in personal (1:1) and group chats, not in channels; there an OAuth card or a 1:1 chat has to do. */
export function ssoWorksIn(conversationType: string | undefined): boolean {
  return conversationType !== 'channel';
}

export interface OAuthPromptInput {
  connectionName: string;
  /** The token service's sign-in link (the button); undefined when the service could not be asked. */
  signInLink?: string;
  /** Set in chats (SSO); left out in channels. */
  exchange?: { resource: string };
}

export interface OAuthPrompt {
  activity: Partial<Activity>;
  /** The id Teams echoes in `signin/tokenExchange` (`value.id`); undefined without SSO. */
  exchangeId?: string;
}

export function oauthPrompt(input: OAuthPromptInput): OAuthPrompt {
  const exchangeId = input.exchange === undefined ? undefined : randomUUID();
  const resource: TokenExchangeResource | undefined =
    input.exchange === undefined || exchangeId === undefined ? undefined : { id: exchangeId, uri: input.exchange.resource };
  const card = CardFactory.oauthCard(input.connectionName, 'Sign in', SIGN_IN_TEXT, input.signInLink, resource);
  // Without a link (the token service did not answer) SSO can still work; a button without a target cannot.
  if (input.signInLink === undefined) card.content = { ...(card.content as Record<string, unknown>), buttons: [] };
  return {
    activity: { type: 'message', summary: SIGN_IN_SUMMARY, attachments: [card] },
    ...(exchangeId === undefined ? {} : { exchangeId }),
  };
}

/** A Teams deep link that opens (or starts) the 1:1 chat with the bot. `botId` is a validated GUID (config). */
export function personalChatUrl(botId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${botId}`;
}
