// Commands waiting for their asker to sign in, so nobody retypes them: one per user and
// conversation (a newer one replaces the older), forgotten after a while. Kept in the state store:
// with several replicas (REDIS_URL) a sign-in completed on replica B resumes the command parked on
// replica A, and a restart loses nothing. Keys hold hashes of the user and conversation ids; the
// value is the command, who asked and where to answer (no token), for at most ttlMs.
import { createHash } from 'node:crypto';
import type { Command } from '../../commands/types';
import { MemoryStateStore } from '../../state/memory-store';
import type { StateStore } from '../../state/state-store';
import type { Requester } from '../../tokens/types';

export interface PendingCommand<Ref> {
  command: Command;
  requester: Requester;
  /** Where to answer: the conversation (and message) the command came from. */
  reference: Ref;
  via: 'typed' | 'click';
  /** The activity id of the command, for the reply. */
  activityId?: string;
  /** A click that answers into the clicked card (paging, Confirm): that card's id, so the answer after sign-in still lands there. */
  editActivityId?: string;
}

export interface PendingCommandsOptions {
  store?: StateStore;
  /** A sign-in older than this was abandoned: running its command then would surprise the user (default 10 min). */
  ttlMs?: number;
}

export class PendingCommands<Ref> {
  readonly #store: StateStore;
  readonly #ttlMs: number;

  constructor(options: PendingCommandsOptions = {}) {
    this.#store = options.store ?? new MemoryStateStore({ maxEntries: 2000 });
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
  }

  async put(conversationId: string, pending: PendingCommand<Ref>): Promise<void> {
    const user = pending.requester.teamsUserId;
    await this.#store.set(commandKey(user, conversationId), JSON.stringify(pending), this.#ttlMs);
    // The user's conversations with a waiting command, for sign-out.
    const index = new Set(parseList(await this.#store.get(userKey(user))));
    index.add(conversationId);
    await this.#store.set(userKey(user), JSON.stringify([...index]), this.#ttlMs);
  }

  /** Removes and returns the user's pending command in the conversation, if it has not expired (once, across replicas). */
  async take(teamsUserId: string, conversationId: string): Promise<PendingCommand<Ref> | undefined> {
    const raw = await this.#store.take(commandKey(teamsUserId, conversationId));
    return raw === undefined ? undefined : parsePending<Ref>(raw, teamsUserId);
  }

  /** Forgets every pending command of the user (sign-out); how many there were. */
  async forgetUser(teamsUserId: string): Promise<number> {
    const conversations = parseList(await this.#store.take(userKey(teamsUserId)));
    let forgotten = 0;
    for (const conversationId of conversations) if (await this.#store.delete(commandKey(teamsUserId, conversationId))) forgotten += 1;
    return forgotten;
  }
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

function commandKey(teamsUserId: string, conversationId: string): string {
  return `pending:${hash(teamsUserId)}:${hash(conversationId)}`;
}

function userKey(teamsUserId: string): string {
  return `pending-user:${hash(teamsUserId)}`;
}

function parseList(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Our own record, written by put(); checked for its shape and owner rather than trusted blindly. */
function parsePending<Ref>(raw: string, teamsUserId: string): PendingCommand<Ref> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const command: unknown = Reflect.get(value, 'command');
    const requester: unknown = Reflect.get(value, 'requester');
    const via: unknown = Reflect.get(value, 'via');
    if (typeof command !== 'object' || command === null || typeof Reflect.get(command, 'kind') !== 'string') return undefined;
    if (typeof requester !== 'object' || requester === null || Reflect.get(requester, 'teamsUserId') !== teamsUserId) return undefined;
    if (via !== 'typed' && via !== 'click') return undefined;
    return value as PendingCommand<Ref>;
  } catch {
    return undefined;
  }
}
