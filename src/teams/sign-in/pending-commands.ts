// Commands waiting for their asker to sign in, so nobody retypes them: one per user and
// conversation (a newer one replaces the older), bounded, forgotten after a while.
import type { Command } from '../../commands/types';
import { BoundedMap } from '../../shared/bounded-map';
import type { Requester } from '../../tokens/types';

export interface PendingCommand<Ref> {
  command: Command;
  requester: Requester;
  /** Where to answer: the conversation (and message) the command came from. */
  reference: Ref;
  via: 'typed' | 'click';
  /** The activity id of the command, for the reply. */
  activityId?: string;
}

export class PendingCommands<Ref> {
  readonly #entries: BoundedMap<string, PendingCommand<Ref>>;

  /** A sign-in older than `ttlMs` was abandoned: running its command then would surprise the user. */
  constructor(max = 1000, ttlMs = 10 * 60_000, now: () => number = Date.now) {
    this.#entries = new BoundedMap({ max, ttlMs, now });
  }

  static key(teamsUserId: string, conversationId: string): string {
    return `${teamsUserId}\n${conversationId}`;
  }

  put(conversationId: string, pending: PendingCommand<Ref>): void {
    const key = PendingCommands.key(pending.requester.teamsUserId, conversationId);
    this.#entries.set(key, pending);
  }

  /** Removes and returns the user's pending command in the conversation, if it has not expired. */
  take(teamsUserId: string, conversationId: string): PendingCommand<Ref> | undefined {
    const key = PendingCommands.key(teamsUserId, conversationId);
    const pending = this.#entries.get(key);
    this.#entries.delete(key);
    return pending;
  }

  /** Forgets every pending command of the user (sign-out). */
  forgetUser(teamsUserId: string): number {
    return this.#entries.deleteWhere((pending) => pending.requester.teamsUserId === teamsUserId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
