// Runs the follow-ups of response actions so that none is lost when a replica stops. Each one waits in
// the state store (./follow-up-store.ts) between polls. The replica that sent the action polls it on
// its own timer; every replica also looks, at start and every `resumeScanMs`, for follow-ups past their
// poll time by more than that (their replica stopped or restarted) and carries them on. Each poll first
// claims the action's lease and reads the record again: of two live replicas one polls a given action
// per interval, and one that died mid-poll frees the lease when it expires. The record goes at a final
// status or the time limit; a shutdown stops the timers and leaves the records for the others.
import type { ActionAudit } from '../audit/action-audit';
import { auditPerson } from './people';
import type { FollowUpRecord } from './follow-up-record';
import type { FollowUpStore } from './follow-up-store';
import { pollOnce, type FollowUpDeps } from './follow-up';

/** A timer may fire a millisecond early: a poll due this soon counts as due. */
const TIMER_SLACK_MS = 50;

export interface FollowUpSchedulerDeps<Ref> {
  store: FollowUpStore<Ref>;
  poll: FollowUpDeps<Ref>;
  /** This replica's lease owner id (random per process). */
  owner: string;
  audit: ActionAudit;
  /** A poll that threw (a connector or store failure): logged; the record stays and is taken up again later. */
  onError(error: unknown, actionId: string): void;
  /** Registers work shutdown should wait for. */
  track<T>(work: () => Promise<T>): Promise<T>;
}

export class FollowUpScheduler<Ref> {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #scan: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(private readonly deps: FollowUpSchedulerDeps<Ref>) {}

  /** Looks for orphaned follow-ups now and every `resumeScanMs` from now on. */
  run(): void {
    void this.resumeOrphans();
    this.#scan = setInterval(() => void this.resumeOrphans(), this.deps.poll.settings.resumeScanMs);
    this.#scan.unref();
  }

  /** A follow-up this replica just began (the action was sent from here): parked, then polled on this replica's timer. */
  async begin(record: FollowUpRecord<Ref>): Promise<void> {
    await this.deps.store.save(record);
    this.#schedule(record);
  }

  /** Every follow-up past its poll time by more than one scan interval, not timed here: claimed and polled if nobody else is on it. */
  async resumeOrphans(): Promise<void> {
    if (this.#stopped) return;
    let records: Array<FollowUpRecord<Ref>>;
    try {
      records = await this.deps.store.all();
    } catch (e) {
      return this.deps.onError(e, '*');
    }
    const late = this.deps.poll.now() - this.deps.poll.settings.resumeScanMs;
    for (const record of records) {
      if (this.#timers.has(record.actionId) || record.nextPollAt > late) continue;
      void this.#step(record.actionId, true);
    }
  }

  stop(): void {
    this.#stopped = true;
    if (this.#scan !== undefined) clearInterval(this.#scan);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #schedule(record: FollowUpRecord<Ref>): void {
    if (this.#stopped) return;
    clearTimeout(this.#timers.get(record.actionId));
    const wait = Math.max(0, record.nextPollAt - this.deps.poll.now());
    this.#timers.set(
      record.actionId,
      setTimeout(() => void this.#step(record.actionId, false), wait),
    );
  }

  async #step(actionId: string, orphaned: boolean): Promise<void> {
    this.#timers.delete(actionId);
    if (this.#stopped) return;
    const { store, owner, poll } = this.deps;
    await this.deps.track(async () => {
      // Another replica is polling it right now: it keeps it.
      if (!(await store.claim(actionId, owner, poll.settings.leaseMs))) return;
      try {
        const record = await store.get(actionId);
        // Finished, or polled by another replica since this one looked: that one has it on its timer.
        if (record === undefined || record.nextPollAt > poll.now() + TIMER_SLACK_MS) return;
        if (orphaned) {
          this.deps.audit({
            step: 'followUpResumed',
            actionId,
            action: record.view.kind,
            machineId: record.view.action.machineId,
            actor: auditPerson(record.as),
            status: record.view.action.status,
          });
        }
        const next = await pollOnce(record, poll);
        if (next === undefined) {
          await store.remove(actionId);
          return;
        }
        await store.save(next);
        this.#schedule(next);
      } catch (e) {
        this.deps.onError(e, actionId);
      } finally {
        await store.release(actionId, owner);
      }
    });
  }
}
