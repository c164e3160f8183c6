// What the response-action steps need from outside: the settings, the store where confirmations wait,
// tokens, a Defender client as a given person, the turn's conversation, a clock and the audit line.
import type { DefenderClient, ResponseActionsClient } from '../defender/client-types';
import type { TokenProvider } from '../tokens/types';
import type { ActionAudit } from '../audit/action-audit';
import type { PendingStore } from './pending-store';
import type { PendingAction, ResponseActionSettings } from './types';

export type ActionClient = DefenderClient & ResponseActionsClient;

export interface ActionDeps {
  settings: ResponseActionSettings;
  store: PendingStore<PendingAction>;
  tokens: TokenProvider;
  /** A client calling with the given token (the asker's, or the clicker's). */
  clientFor(getToken: () => Promise<string>): ActionClient;
  /** The conversation this turn is in: a confirmation is only valid where its card was posted. */
  conversationId: string;
  now(): Date;
  audit: ActionAudit;
}
