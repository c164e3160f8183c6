// Signing analysts in, in Teams terms: find their token (our SSO store, else the token service),
// prompt when there is none, remember the command that was waiting, and once a token arrives
// (SSO exchange or the sign-in button) check it with a real on-behalf-of exchange and run the
// waiting command. The exchange itself stays in src/tokens (OboTokenProvider).
import type { Activity, ConversationReference, SignInUrlResponse, TurnContext } from 'botbuilder';
import type { ChannelSignIn } from '../../config';
import type { ErrorOutcome, Outcome } from '../../handlers/outcome';
import { errorOutcome, signInOutcome } from '../../handlers/error-outcome';
import type { Logger } from '../../logging/logger';
import type { MemorySsoTokenStore } from '../../tokens/sso-token-source';
import { readSsoClaims } from '../../tokens/sso-claims';
import { isTokenError } from '../../tokens/token-error';
import type { Requester, TokenProvider } from '../../tokens/types';
import { PendingCommands, type PendingCommand } from './pending-commands';
import type { StateStore } from '../../state/state-store';
import { oauthPrompt, personalChatUrl, ssoWorksIn } from './prompts';
import { within } from '../../shared/timeout';
import { TOKEN_SERVICE_TIMEOUT_MS, userTokenClientOf, userTokenOf } from './user-token';

export type Pending = PendingCommand<Partial<ConversationReference>>;

/** botbuilder types finalRedirect as required but leaves it out of the request when undefined. */
interface SignInResourceGetter {
  getSignInResource(connectionName: string, activity: Activity, finalRedirect: string | undefined): Promise<SignInUrlResponse>;
}

export interface SignInFlowOptions {
  botId: string;
  connectionName: string;
  /** api://botid-<BOT_ID>: what Teams gets an SSO token for. */
  resource: string;
  channelSignIn: ChannelSignIn;
  /** Filled by `signin/tokenExchange` and the token service; read by the on-behalf-of provider. */
  store: MemorySsoTokenStore;
  /** The on-behalf-of provider: its exchange proves a token works before the waiting command runs. */
  tokens: TokenProvider & { signOut(requester: Requester): Promise<void> };
  logger: Logger;
  /** An error or notice card for the conversation. */
  render(outcome: Outcome, requester: Requester): Partial<Activity>;
  /** Where commands wait for sign-in (shared between replicas with REDIS_URL); default in memory. */
  pendingStore?: StateStore;
}

/** What a token that just arrived is good for. */
export type SignInResult =
  | { kind: 'signedIn' }
  /** Signing in again can help (expired, MFA): Teams should show the sign-in button. */
  | { kind: 'signInAgain'; outcome: ErrorOutcome }
  /** Signing in again cannot help (consent, configuration, Entra down): tell the user who can. */
  | { kind: 'failed'; outcome: ErrorOutcome };

export class SignInFlow {
  readonly pending: PendingCommands<Partial<ConversationReference>>;
  readonly #o: SignInFlowOptions;

  constructor(options: SignInFlowOptions) {
    this.#o = options;
    this.pending = new PendingCommands(options.pendingStore === undefined ? {} : { store: options.pendingStore });
  }

  get connectionName(): string {
    return this.#o.connectionName;
  }

  /**
   * Before a Defender command: when we hold no token for the asker, ask the token service, which
   * keeps the token of a sign-in through the button or a channel OAuth card. Failures only log:
   * without a token the command asks the user to sign in anyway.
   */
  async prime(context: TurnContext, requester: Requester): Promise<void> {
    if ((await this.#o.store.getSsoToken(requester)) !== undefined) return;
    const client = userTokenClientOf(context);
    if (client === undefined) return;
    try {
      const token = await userTokenOf(client, context, this.#o.connectionName);
      if (token !== undefined) this.#o.store.put(requester, token);
    } catch (e) {
      this.#o.logger.warn({ err: e, event: 'tokenService' }, 'could not ask the token service for the user’s token');
    }
  }

  /**
   * Asks the user to sign in and remembers the command until they have. `context` is the turn to
   * answer in (the command's own, or a later proactive one); its activity names the conversation.
   */
  async prompt(context: TurnContext, command: Pending): Promise<void> {
    const { activity } = context;
    const conversationType = activity.conversation?.conversationType;
    const conversationId = activity.conversation?.id ?? '';
    if (!ssoWorksIn(conversationType) && this.#o.channelSignIn === 'personal-chat') {
      // The command cannot resume here: the sign-in happens in another conversation.
      await context.sendActivity(
        this.#o.render(
          { kind: 'error', error: { kind: 'signInInPersonalChat', chatUrl: personalChatUrl(this.#o.botId) } },
          command.requester,
        ),
      );
      return;
    }
    const signInLink = await this.#signInLink(context);
    if (signInLink === undefined && !ssoWorksIn(conversationType)) {
      // No button and no SSO: the card could not work. Say so instead.
      await context.sendActivity(this.#o.render({ kind: 'error', error: { kind: 'identityUnavailable' } }, command.requester));
      return;
    }
    const prompt = oauthPrompt({
      connectionName: this.#o.connectionName,
      ...(signInLink === undefined ? {} : { signInLink }),
      ...(ssoWorksIn(conversationType) ? { exchange: { resource: this.#o.resource } } : {}),
    });
    await this.pending.put(conversationId, command);
    await context.sendActivity(prompt.activity);
    this.#o.logger.info({ event: 'signInPrompt', sso: prompt.exchangeId !== undefined, conversationType }, 'asked the user to sign in');
  }

  /**
   * A token just arrived for the requester (SSO exchange or the sign-in button). Keep it and try the
   * on-behalf-of exchange now, so a bad token is caught while Teams can still show the button.
   */
  async accept(requester: Requester, ssoToken: string): Promise<SignInResult> {
    // The provider refuses a token whose oid is not the asker's; without an object id it could not check.
    if (requester.aadObjectId === undefined || requester.aadObjectId === '') {
      this.#o.logger.warn(
        { event: 'signInRefused', teamsUserId: requester.teamsUserId },
        'a token arrived for an activity without an Entra object id; not used',
      );
      return {
        kind: 'failed',
        outcome: {
          kind: 'signInMisconfigured',
          reason: 'Teams did not say which Entra account you are, so I cannot check that the sign-in belongs to you.',
        },
      };
    }
    // Checked before the token is kept, so a token for someone else never replaces the asker's own.
    if (readSsoClaims(ssoToken)?.oid !== requester.aadObjectId.toLowerCase()) {
      this.#o.logger.warn(
        { event: 'signInRefused', user: requester.aadObjectId },
        'the sign-in token is not the asker’s own (or not a token); not used',
      );
      return { kind: 'failed', outcome: { kind: 'signInMisconfigured', reason: 'the sign-in Teams sent me is not for your account.' } };
    }
    this.#o.store.put(requester, ssoToken);
    try {
      const result = await this.#o.tokens.getDefenderToken(requester);
      if (result.kind === 'token') return { kind: 'signedIn' };
      const outcome = signInOutcome(result);
      return outcome.kind === 'signInRequired' ? { kind: 'signInAgain', outcome } : { kind: 'failed', outcome };
    } catch (e) {
      const outcome = errorOutcome(e);
      if (outcome === undefined) throw e;
      // A token Entra refuses as an assertion (not for this app, not this user) is no use to anyone.
      if (isTokenError(e) && e.code === 'invalidAssertion') this.#o.store.forget(requester);
      return { kind: 'failed', outcome };
    }
  }

  /** Forgets everything that signs the requester in: our token, the on-behalf-of credentials, the token service's token. */
  async signOut(context: TurnContext, requester: Requester): Promise<void> {
    await this.#o.tokens.signOut(requester);
    await this.pending.forgetUser(requester.teamsUserId);
    const client = userTokenClientOf(context);
    if (client === undefined) return;
    try {
      await within(
        TOKEN_SERVICE_TIMEOUT_MS,
        client.signOutUser(context.activity.from.id, this.#o.connectionName, context.activity.channelId),
        'the Bot Framework token service',
      );
    } catch (e) {
      this.#o.logger.warn({ err: e, event: 'tokenService' }, 'the token service could not sign the user out');
    }
  }

  /** The token service's sign-in page for this user, or undefined when it cannot give one (logged). */
  signInLink(context: TurnContext): Promise<string | undefined> {
    return this.#signInLink(context);
  }

  async #signInLink(context: TurnContext): Promise<string | undefined> {
    const client = userTokenClientOf(context);
    if (client === undefined) return undefined;
    try {
      const getter: SignInResourceGetter = client;
      const resource = await within(
        TOKEN_SERVICE_TIMEOUT_MS,
        getter.getSignInResource(this.#o.connectionName, context.activity, undefined),
        'the Bot Framework token service',
      );
      return typeof resource.signInLink === 'string' && resource.signInLink !== '' ? resource.signInLink : undefined;
    } catch (e) {
      this.#o.logger.warn({ err: e, event: 'tokenService' }, 'could not get a sign-in link from the token service');
      return undefined;
    }
  }
}
