// Demo mode: every Teams user acts as one simulated analyst. The simulated tenant applies that
// analyst's device groups, so the demo still shows RBAC at work.
import type { Requester, TokenProvider, TokenResult } from './types';

export class DemoTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}

  async getDefenderToken(_requester: Requester): Promise<TokenResult> {
    return { kind: 'token', token: this.token };
  }
}
