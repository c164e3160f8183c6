// ONE per bot process: every Defender call from every analyst goes through it. Two stages:
//
//   per person and endpoint: a Bottleneck limiter (from a Bottleneck.Group) with maxConcurrent =
//     perUserConcurrency. It queues that person's calls and lets only a few of them at a time on
//     to the next stage; retries after a 429 go first (Bottleneck priority).
//   shared, per endpoint: the SlidingWindowGate, FIFO, which lets a call go only when the sliding
//     60 s and 3600 s windows have room (see sliding-window.ts for why not Bottleneck's reservoir).
//
// Fairness comes from the combination: an analyst paging through 50 pages has at most
// perUserConcurrency calls waiting at the shared gate, so a colleague who asks once is at most that
// many places behind — round-robin between people, whatever each one has queued.
//
// Share per person: on top of that, no person may use more than `perUserShare` of either window
// (default 25 %): a second SlidingWindowGate keyed by endpoint and person. Concurrency alone let one
// analyst paging quickly spend the whole hour's budget and leave colleagues waiting 45 minutes. A
// person over their share waits for it up to the call's deadline, then is told so
// (DefenderError `personalShareUsed`, which says when to retry); nobody else is slowed.
//
// Fast path: a call from a person with nothing else queued or running on that endpoint, when the
// gate would let it through at once (room in the windows, no pause, nobody waiting), skips
// Bottleneck and takes its permit synchronously. Bottleneck's datastore yields with setTimeout
// several times per job (≈ 5 ms per call, measured in BENCHMARKS.md), which is most of what an
// uncontended call would otherwise wait. Nothing else changes: the fast call is first in that
// person's order anyway, it never waits at the gate, and it counts towards perUserConcurrency (calls
// that arrive behind it go through Bottleneck and wait for a slot if it still runs). Retries after a
// 429 always take the queue, where they go first.
import Bottleneck from 'bottleneck';
import { DefenderError, isDefenderError } from '../defender';
import { systemClock, type Clock } from './clock';
import { SlidingWindowGate, type LaneUsage, type Permit } from './sliding-window';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface BudgetLimiterOptions {
  /** Defender's limit per endpoint per sliding minute, whole tenant (default 100). */
  perMinute?: number;
  /** Defender's limit per endpoint per sliding hour, whole tenant (default 1500). */
  perHour?: number;
  /**
   * Fraction of each limit left unused (default 0.05: 95/min, 1,425/h): room for calls the bot does
   * not see (a second script using the same app registration) and clock drift.
   */
  safetyMargin?: number;
  /** Calls one person may have at the shared gate per endpoint at a time (default 2). */
  perUserConcurrency?: number;
  /** Largest fraction of each window (minute, hour) one person may use, per endpoint (default 0.25; 1 = no cap). */
  perUserShare?: number;
  /** Forget an idle person's queue after this long (default 5 min, real time: Bottleneck's own timer). */
  idleQueueMs?: number;
  clock?: Clock;
}

export interface LimitedCall {
  /** The budget key: an EndpointKey (see endpoint-key.ts). */
  endpoint: string;
  /** Who is asking; never derived from a token. */
  userKey: string;
  /** Clock time after which the call fails with `throttled` rather than wait longer. */
  deadline: number;
  signal?: AbortSignal;
  /** A call Defender sent back with 429: it goes before this person's other calls and first through the gate. */
  retry?: boolean;
  /** `GET /api/...`, for errors. */
  label?: string;
}

export interface EffectiveLimits {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_BUDGET = { perMinute: 100, perHour: 1500, safetyMargin: 0.05, perUserConcurrency: 2, perUserShare: 0.25 } as const;

/** The limits actually enforced: Defender's minus the margin, never below 1. */
export function effectiveLimits(perMinute: number, perHour: number, safetyMargin: number): EffectiveLimits {
  const keep = 1 - safetyMargin;
  return { perMinute: Math.max(1, Math.floor(perMinute * keep)), perHour: Math.max(1, Math.floor(perHour * keep)) };
}

export class BudgetLimiter {
  readonly limits: EffectiveLimits;
  /** What one person may use of `limits` per endpoint. */
  readonly personalLimits: EffectiveLimits;
  private readonly gate: SlidingWindowGate;
  /** Per endpoint and person: their share of each window. Absent when the share is 100 %. */
  private readonly personal: SlidingWindowGate | undefined;
  private readonly people: Bottleneck.Group;
  /** Per person and endpoint with calls not yet settled; deleted when the last one settles. */
  private readonly persons = new Map<string, PersonState>();
  private readonly concurrency: number;
  private readonly clock: Clock;

  constructor(options: BudgetLimiterOptions = {}) {
    const perMinute = positiveInteger(options.perMinute, DEFAULT_BUDGET.perMinute, 'perMinute');
    const perHour = positiveInteger(options.perHour, DEFAULT_BUDGET.perHour, 'perHour');
    const margin = options.safetyMargin ?? DEFAULT_BUDGET.safetyMargin;
    if (!(margin >= 0 && margin < 1)) throw new RangeError('BudgetLimiter: safetyMargin must be at least 0 and below 1');
    const concurrency = positiveInteger(options.perUserConcurrency, DEFAULT_BUDGET.perUserConcurrency, 'perUserConcurrency');
    this.concurrency = concurrency;
    this.clock = options.clock ?? systemClock;
    this.limits = effectiveLimits(perMinute, perHour, margin);
    this.gate = new SlidingWindowGate(
      [
        { windowMs: MINUTE_MS, limit: this.limits.perMinute },
        { windowMs: HOUR_MS, limit: this.limits.perHour },
      ],
      this.clock,
    );
    const share = options.perUserShare ?? DEFAULT_BUDGET.perUserShare;
    if (!(share > 0 && share <= 1)) throw new RangeError('BudgetLimiter: perUserShare must be above 0 and at most 1');
    this.personalLimits = {
      perMinute: Math.max(1, Math.floor(this.limits.perMinute * share)),
      perHour: Math.max(1, Math.floor(this.limits.perHour * share)),
    };
    this.personal =
      share === 1
        ? undefined
        : new SlidingWindowGate(
            [
              { windowMs: MINUTE_MS, limit: this.personalLimits.perMinute },
              { windowMs: HOUR_MS, limit: this.personalLimits.perHour },
            ],
            this.clock,
          );
    this.people = new Bottleneck.Group({ maxConcurrent: concurrency, timeout: options.idleQueueMs ?? 5 * MINUTE_MS });
  }

  /**
   * Runs `send` when the endpoint's budget allows and it is this person's turn; `send` resolves when
   * Defender has answered (headers in), which is when the call's slot starts its 60 s / 1 h.
   */
  run<T>(call: LimitedCall, send: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([call.endpoint, call.userKey]);
    let person = this.persons.get(key);
    if (person === undefined) {
      person = { pending: 0, active: 0, freed: undefined };
      this.persons.set(key, person);
    }
    const state = person;
    const settled = (): void => {
      state.pending -= 1;
      if (state.pending === 0 && this.persons.get(key) === state) this.persons.delete(key);
    };
    state.pending += 1;

    // Fast path (see the top of this file): idle person, and the gate says "now".
    if (state.pending === 1 && call.retry !== true && call.signal?.aborted !== true && this.hasPersonalRoom(key)) {
      const permit = this.gate.tryAcquire(call.endpoint);
      const mine = permit === undefined || this.personal === undefined ? undefined : this.personal.tryAcquire(key);
      // Cannot happen (hasPersonalRoom saw room in the same tick), but a shared permit must never leak.
      if (permit !== undefined && mine === undefined && this.personal !== undefined) permit.release();
      else if (permit !== undefined) {
        state.active += 1;
        const sent = this.sendHolding(state, mine === undefined ? [permit] : [mine, permit], send);
        void sent.then(settled, settled);
        return sent;
      }
    }

    const queue = this.people.key(key);
    const queued = queue.schedule({ priority: call.retry === true ? 0 : 5 }, async () => {
      // Bottleneck does not count a fast-path call still in flight: wait for a slot rather than exceed perUserConcurrency.
      while (state.active >= this.concurrency) await (state.freed ??= deferred()).promise;
      state.active += 1;
      let permit: Permit;
      let mine: Permit | undefined;
      try {
        if (call.signal?.aborted) throw call.signal.reason;
        mine = await this.acquirePersonal(key, call);
        permit = await this.gate.acquire(call.endpoint, {
          deadline: call.deadline,
          front: call.retry === true,
          ...(call.signal === undefined ? {} : { signal: call.signal }),
          ...(call.label === undefined ? {} : { label: call.label }),
        });
      } catch (e) {
        // Not sent, but the personal slot was taken: it counts, which errs on the side of the others.
        mine?.release();
        this.leave(state);
        throw e;
      }
      return this.sendHolding(state, mine === undefined ? [permit] : [mine, permit], send);
    });
    void queued.then(settled, settled);
    return queued;
  }

  /** Sends with the permits, then gives the gate slots and the person's slot back, whatever happened. */
  private async sendHolding<T>(state: PersonState, permits: readonly Permit[], send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } finally {
      for (const permit of permits) permit.release();
      this.leave(state);
    }
  }

  private hasPersonalRoom(key: string): boolean {
    if (this.personal === undefined) return true;
    const used = this.personal.usage(key);
    return (
      used.queued === 0 && (used.inWindow[0] ?? 0) < this.personalLimits.perMinute && (used.inWindow[1] ?? 0) < this.personalLimits.perHour
    );
  }

  /** The person's share of the windows, waited for up to the call's deadline; past it, `personalShareUsed`. */
  private async acquirePersonal(key: string, call: LimitedCall): Promise<Permit | undefined> {
    if (this.personal === undefined) return undefined;
    try {
      return await this.personal.acquire(key, {
        deadline: call.deadline,
        ...(call.signal === undefined ? {} : { signal: call.signal }),
        ...(call.label === undefined ? {} : { label: call.label }),
      });
    } catch (e) {
      if (!isDefenderError(e) || e.code !== 'throttled') throw e;
      const { perMinute, perHour } = this.personalLimits;
      return Promise.reject(
        new DefenderError(
          'personalShareUsed',
          `this person used their share of the Defender budget (${perMinute} a minute, ${perHour} an hour)`,
          {
            ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
            ...(call.label === undefined ? {} : { request: call.label }),
          },
        ),
      );
    }
  }

  private leave(state: PersonState): void {
    state.active -= 1;
    const freed = state.freed;
    state.freed = undefined;
    freed?.resolve();
  }

  /** Defender answered 429: nobody calls `endpoint` before `until` (clock time). */
  pause(endpoint: string, until: number): void {
    this.gate.pause(endpoint, until);
  }

  /** Calls in the last minute and hour (in-flight included), queued at the gate, paused until. */
  usage(endpoint: string): { lastMinute: number; lastHour: number; inFlight: number; queued: number; pausedUntil: number } {
    const u: LaneUsage = this.gate.usage(endpoint);
    return {
      lastMinute: u.inWindow[0] ?? 0,
      lastHour: u.inWindow[1] ?? 0,
      inFlight: u.inFlight,
      queued: u.queued,
      pausedUntil: u.pausedUntil,
    };
  }

  /** Fails queued calls and stops Bottleneck's cleanup timer. */
  async close(): Promise<void> {
    this.gate.close();
    this.personal?.close();
    await this.people.disconnect(false);
  }
}

interface PersonState {
  /** Calls of this person on this endpoint not yet settled: queued, waiting at the gate, or sending. */
  pending: number;
  /** Of those, the ones past the person's queue (at the gate or sending): at most perUserConcurrency. */
  active: number;
  /** Resolved when `active` goes down; created by whoever waits for it. */
  freed: { promise: Promise<void>; resolve: () => void } | undefined;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`BudgetLimiter: ${name} must be a positive integer`);
  return value;
}
