// The three sign-in invokes Teams sends:
// - `signin/tokenExchange` {id, connectionName, token}: the analyst's SSO token, once per signed-in
//   Teams client (desktop, web, mobile) — handled once per `id`. 200 when it works; 412 makes Teams
//   show the sign-in button instead (expired, MFA needed).
// - `signin/verifyState` {state}: the sign-in button finished; `state` is the magic code that
//   fetches the token from the token service.
// - `signin/failure` {code, message}: Teams could not sign the user in; say what to do.
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Outcome } from '../../handlers/outcome';
import type { Logger } from '../../logging/logger';
import { redactAndClip } from '../../logging/redact';
import { requesterOf } from '../activity-input';
import type { StateStore } from '../../state/state-store';
import { RecentActivities } from '../redelivery';
import type { Pending, SignInFlow, SignInResult } from './sign-in-flow';
import { userTokenClientOf, userTokenOf } from './user-token';

export const SIGN_IN_INVOKES = ['signin/tokenExchange', 'signin/verifyState', 'signin/failure'] as const;

export interface InvokeDeps {
  flow: SignInFlow;
  logger: Logger;
  /** Runs a waiting command (or answers it with why the sign-in failed) in its own conversation, after this turn: ./resume.ts. */
  resume(pending: Pending, failed?: Outcome): void;
  /** Sends an outcome's card into this turn's conversation. */
  reply(context: TurnContext, outcome: Outcome): Promise<void>;
  /** Where exchange ids are remembered (shared between replicas with REDIS_URL). */
  store?: StateStore;
}

export function isSignInInvoke(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Invoke && (SIGN_IN_INVOKES as readonly string[]).includes(activity.name ?? '');
}

export function signInInvokeHandler(deps: InvokeDeps): (context: TurnContext) => Promise<void> {
  // Teams' exchange ids are per card; remembering them for an hour covers every client's copy.
  const exchanges = new RecentActivities({
    ttlMs: 60 * 60_000,
    kind: 'exchange',
    ...(deps.store === undefined ? {} : { store: deps.store }),
  });
  return async (context) => {
    switch (context.activity.name) {
      case 'signin/tokenExchange':
        return tokenExchange(context, deps, exchanges);
      case 'signin/verifyState':
        return verifyState(context, deps);
      case 'signin/failure':
        return failure(context, deps);
    }
  };
}

async function invokeResponse(context: TurnContext, status: number, body?: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, ...(body === undefined ? {} : { body }) } });
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v: unknown = Reflect.get(value, key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

async function tokenExchange(context: TurnContext, deps: InvokeDeps, exchanges: RecentActivities): Promise<void> {
  const { activity } = context;
  const id = stringField(activity.value, 'id');
  const connectionName = stringField(activity.value, 'connectionName');
  const token = stringField(activity.value, 'token');
  const failed = (detail: string) =>
    invokeResponse(context, 412, { id: id ?? '', connectionName: connectionName ?? '', failureDetail: detail });
  if (id === undefined || token === undefined) return failed('The token exchange request has no id or no token.');
  if (connectionName !== deps.flow.connectionName) return failed(`Unknown OAuth connection "${connectionName ?? ''}".`);
  if (!(await exchanges.firstDelivery(`${activity.from.id}\n${id}`))) {
    // Another Teams client of the same user sent the same exchange: the first one is handled.
    deps.logger.info({ event: 'tokenExchangeDuplicate' }, 'duplicate token exchange ignored');
    return invokeResponse(context, 200);
  }
  const result = await deps.flow.accept(requesterOf(activity), token);
  deps.logger.info({ event: 'tokenExchange', result: result.kind }, 'Teams SSO token received');
  if (result.kind === 'signInAgain') return failed('The single sign-on token cannot be used: sign in with the button.');
  await invokeResponse(context, 200);
  await afterSignIn(context, deps, result);
}

async function verifyState(context: TurnContext, deps: InvokeDeps): Promise<void> {
  const { activity } = context;
  const code = stringField(activity.value, 'state');
  const client = userTokenClientOf(context);
  if (code === undefined || client === undefined) return invokeResponse(context, 400);
  let token: string | undefined;
  try {
    token = await userTokenOf(client, context, deps.flow.connectionName, code);
  } catch (e) {
    deps.logger.warn({ err: e, event: 'tokenService' }, 'the token service could not redeem the sign-in code');
    await invokeResponse(context, 500);
    return deps.reply(context, { kind: 'error', error: { kind: 'identityUnavailable' } });
  }
  // botbuilder's OAuthPrompt answers an unknown code with 404; Teams then lets the user retry.
  if (token === undefined) return invokeResponse(context, 404);
  await invokeResponse(context, 200);
  const result = await deps.flow.accept(requesterOf(activity), token);
  deps.logger.info({ event: 'verifyState', result: result.kind }, 'sign-in with the button completed');
  // A token from a sign-in that just happened and still cannot be used: no point in another prompt.
  await afterSignIn(context, deps, result.kind === 'signInAgain' ? { kind: 'failed', outcome: result.outcome } : result);
}

/** Signed in: run the waiting command. Failed: answer the waiting command (or the user) with why. */
async function afterSignIn(context: TurnContext, deps: InvokeDeps, result: Exclude<SignInResult, { kind: 'signInAgain' }>): Promise<void> {
  const { activity } = context;
  const pending = await deps.flow.pending.take(activity.from.id, activity.conversation?.id ?? '');
  if (result.kind === 'signedIn') {
    if (pending !== undefined) deps.resume(pending);
    return;
  }
  const outcome: Outcome = { kind: 'error', error: result.outcome };
  if (pending !== undefined) deps.resume(pending, outcome);
  else await deps.reply(context, outcome);
}

async function failure(context: TurnContext, deps: InvokeDeps): Promise<void> {
  const code = stringField(context.activity.value, 'code') ?? '';
  // Teams' message is free text; the code is what admins search for. Both are sender-controlled:
  // redacted first, then cut (a token cut first would slip past the redaction).
  const message = stringField(context.activity.value, 'message');
  deps.logger.warn(
    { event: 'signInFailure', code: redactAndClip(code, 80), ...(message === undefined ? {} : { message: redactAndClip(message, 300) }) },
    'Teams reported a sign-in failure',
  );
  await invokeResponse(context, 200);
  await deps.reply(context, { kind: 'error', error: { kind: 'signInFailed', code: code.slice(0, 80) } });
}
