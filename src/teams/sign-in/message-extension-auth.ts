// Signing in from the message extension's search box, as Teams does it there (no OAuth card, no
// signin/* invokes): a composeExtension/query the bot cannot answer without a sign-in is answered with
// `silentAuth` and the token service's sign-in link. Teams then tries single sign-on and sends the
// query again with `authentication.token` (the user's SSO token); where that fails, it shows the link
// (`auth`), and the query comes back with `state`, the magic code of the finished sign-in. Either
// token goes through the same SignInFlow.accept as the bot's own sign-in: the asker's oid, then a real
// on-behalf-of exchange.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ErrorOutcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import type { Requester } from '../../tokens/types';
import type { SignInFlow } from './sign-in-flow';
import { userTokenClientOf, userTokenOf } from './user-token';

/** `ready`: search now (a token may or may not be there); `answered`: the invoke response is sent. */
export type SearchSignIn = { kind: 'ready' } | { kind: 'answered' } | { kind: 'refused'; outcome: ErrorOutcome };

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function signInForSearch(context: TurnContext, requester: Requester, flow: SignInFlow, logger: Logger): Promise<SearchSignIn> {
  const value: unknown = context.activity.value;
  const ssoToken = nonEmpty(field(field(value, 'authentication'), 'token'));
  if (ssoToken !== undefined) {
    const result = await flow.accept(requester, ssoToken);
    logger.info({ event: 'searchTokenExchange', result: result.kind }, 'Teams SSO token received from the search box');
    if (result.kind === 'signedIn') return { kind: 'ready' };
    // 412: Teams falls back to the sign-in link. A failure no sign-in can fix (consent) is said instead.
    if (result.kind === 'signInAgain') return answerWith(context, { status: 412 });
    return { kind: 'refused', outcome: result.outcome };
  }
  const code = nonEmpty(field(value, 'state'));
  const client = userTokenClientOf(context);
  if (code !== undefined && /^\d{1,12}$/.test(code) && client !== undefined) {
    try {
      const token = await userTokenOf(client, context, flow.connectionName, code);
      if (token !== undefined) {
        const result = await flow.accept(requester, token);
        logger.info({ event: 'searchVerifyState', result: result.kind }, 'sign-in from the search box completed');
        if (result.kind !== 'signedIn') return { kind: 'refused', outcome: result.outcome };
      }
    } catch (e) {
      logger.warn({ err: e, event: 'tokenService' }, 'the token service could not redeem the sign-in code');
    }
    return { kind: 'ready' };
  }
  await flow.prime(context, requester);
  return { kind: 'ready' };
}

/** The search needs a sign-in: `silentAuth` with the sign-in link (Teams tries SSO first, then shows the link). */
export async function askToSignIn(context: TurnContext, flow: SignInFlow): Promise<boolean> {
  const link = await flow.signInLink(context);
  if (link === undefined) return false;
  await answerWith(context, {
    status: 200,
    body: {
      composeExtension: {
        type: 'silentAuth',
        suggestedActions: { actions: [{ type: 'openUrl', value: link, title: 'Sign in to Microsoft Defender' }] },
      },
    },
  });
  return true;
}

async function answerWith(context: TurnContext, value: { status: number; body?: unknown }): Promise<SearchSignIn> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
  return { kind: 'answered' };
}
