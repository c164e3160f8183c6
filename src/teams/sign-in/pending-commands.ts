// Commands waiting for their asker to sign in, so nobody retypes them: one per user and
// conversation (a newer one replaces the older), bounded, forgotten after a while.
import type { Command } from '../../commands/types';
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

interface Entry<Ref> {
  pending: PendingCommand<Ref>;
  at: number;
}

export class PendingCommands<Ref> {
  readonly #entries = new Map<string, Entry<Ref>>();

  /** A sign-in older than `ttlMs` was abandoned: running its command then would surprise the user. */
  constructor(private readonly max = 1000, private readonly ttlMs = 10 * 60_000, private readonly now: () => number = Date.now) {}

  static key(teamsUserId: string, conversationId: string): string {
    return `${teamsUserId}\n${conversationId}`;
  }

  put(conversationId: string, pending: PendingCommand<Ref>): void {
    const key = PendingCommands.key(pending.requester.teamsUserId, conversationId);
    this.#entries.delete(key);
    this.#entries.set(key, { pending, at: this.now() });
    while (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** Removes and returns the user's pending command in the conversation, if it has not expired. */
  take(teamsUserId: string, conversationId: string): PendingCommand<Ref> | undefined {
    const key = PendingCommands.key(teamsUserId, conversationId);
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    if (entry === undefined || this.now() - entry.at > this.ttlMs) return undefined;
    return entry.pending;
  }

  /** Forgets every pending command of the user (sign-out). */
  forgetUser(teamsUserId: string): number {
    let n = 0;
    for (const [key, entry] of [...this.#entries]) {
      if (entry.pending.requester.teamsUserId === teamsUserId) {
        this.#entries.delete(key);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.#entries.size;
  }
}
