// Where the on-behalf-of provider gets the analyst's Teams SSO token (the OBO assertion). The Teams
// wiring supplies it: either from its own store filled by `signin/tokenExchange` invokes
// (MemorySsoTokenStore below), or from the Bot Framework token service (getUserToken with the
// OAuth connection name). Kept out of Requester so a Requester still never carries a token.
import { BoundedMap } from '../shared/bounded-map';
import type { Requester } from './types';

export interface SsoTokenSource {
  /** The requester's current SSO token (aud api://botid-<appId>), or undefined when they have not signed in. */
  getSsoToken(requester: Requester): Promise<string | undefined>;
  /** Drops the requester's token: called when Entra says it expired, and on sign-out. */
  forget?(requester: Requester): Promise<void> | void;
}

/** SSO tokens per Teams user, as `signin/tokenExchange` delivered them; bounded, newest wins. */
export class MemorySsoTokenStore implements SsoTokenSource {
  readonly #tokens: BoundedMap<string, string>;

  constructor(maxUsers = 1000) {
    this.#tokens = new BoundedMap({ max: maxUsers });
  }

  put(requester: Requester, ssoToken: string): void {
    this.#tokens.set(requester.teamsUserId, ssoToken);
  }

  async getSsoToken(requester: Requester): Promise<string | undefined> {
    return this.#tokens.get(requester.teamsUserId);
  }

  forget(requester: Requester): void {
    this.#tokens.delete(requester.teamsUserId);
  }

  get size(): number {
    return this.#tokens.size;
  }
}
