// Where followed response actions wait between polls: one map in the state store (in this process
// without REDIS_URL, on Redis for every replica with it), a field per action id, so one call lists them
// all. A poll is claimed with a lease (`action-follow-lease:<id>`, create-only with a TTL, released only
// by its owner): of any number of replicas, one polls a given action at a time, and the lease of a
// replica that died expires on its own.
import type { StateStore } from '../state/state-store';
import { parseFollowUpRecord, type FollowUpRecord } from './follow-up-record';
import { parseStoredJson } from '../shared/stored-json';

const MAP = 'action-follow-ups';
const LEASE = 'action-follow-lease:';
/** A record outlives its time limit a little, so the replica that finds it late can still say the follow-up ended. */
const KEEP_AFTER_DEADLINE_MS = 10 * 60_000;

export interface FollowUpStoreOptions<Ref> {
  parseRef(raw: unknown): Ref | undefined;
  /** Told (with the action id, never the value) when a stored record did not parse; it is then dropped. */
  onUnreadable(actionId: string): void;
  now(): number;
}

export class FollowUpStore<Ref> {
  constructor(
    private readonly store: StateStore,
    private readonly options: FollowUpStoreOptions<Ref>,
  ) {}

  async save(record: FollowUpRecord<Ref>): Promise<void> {
    const ttl = Math.max(1, Math.round(record.deadline - this.options.now() + KEEP_AFTER_DEADLINE_MS));
    await this.store.setField(MAP, record.actionId, JSON.stringify(record), ttl);
  }

  async get(actionId: string): Promise<FollowUpRecord<Ref> | undefined> {
    return this.decode(actionId, await this.store.getField(MAP, actionId));
  }

  async all(): Promise<Array<FollowUpRecord<Ref>>> {
    const out: Array<FollowUpRecord<Ref>> = [];
    for (const [actionId, raw] of await this.store.fields(MAP)) {
      const record = await this.decode(actionId, raw);
      if (record !== undefined) out.push(record);
    }
    return out;
  }

  async remove(actionId: string): Promise<void> {
    await this.store.deleteField(MAP, actionId);
  }

  /** True for the one caller that now holds the action's lease, for `ms` at most. */
  claim(actionId: string, owner: string, ms: number): Promise<boolean> {
    return this.store.setIfAbsent(`${LEASE}${actionId}`, owner, ms);
  }

  /** Gives the lease back, only if it is still `owner`'s (never a successor's after it expired). */
  async release(actionId: string, owner: string): Promise<void> {
    await this.store.deleteIfEquals(`${LEASE}${actionId}`, owner);
  }

  private async decode(actionId: string, raw: string | undefined): Promise<FollowUpRecord<Ref> | undefined> {
    if (raw === undefined) return undefined;
    const value = parseStoredJson(raw);
    const record = parseFollowUpRecord(value, this.options.parseRef);
    if (record === undefined || record.actionId !== actionId) {
      this.options.onUnreadable(actionId);
      await this.store.deleteField(MAP, actionId);
      return undefined;
    }
    return record;
  }
}
