// The shared gate in front of Defender: per budget key (an endpoint), never more than `limit` calls
// in any sliding window of `windowMs`, for every window given (60 s and 3600 s). FIFO per key, so
// the order in which callers reach the gate is the order they get through it.
//
// Why our own timestamps and not Bottleneck's reservoir: a reservoir refreshed every 60 s is a fixed
// window, which lets 2× the limit through across a refresh edge (100 at 0:59, 100 more at 1:00),
// and Defender (like the simulator) counts a sliding window. So the gate keeps one record per call:
//
// - a call holds its slot from the moment it is let through (recorded as "in flight": it counts in
//   every window), and when its answer arrives the slot's time becomes that moment. The service
//   counted the call at some point between send and answer, so "answer time" is never earlier than
//   the service's own timestamp: we forget a call no sooner than Defender does. That is what makes
//   "never exceed the sliding window" hold without guessing latencies (the property test checks
//   it against every possible acceptance time in that interval).
// - the next slot frees when enough recorded calls leave their window; one timer per key wakes the
//   queue then. In-flight calls never expire; their answer wakes the queue.
//
// Fairness between people is not this file's job: budget-limiter.ts puts a per-person queue in
// front of it, so each person has at most a few calls waiting here.
//
// With several replicas on Redis the decision is made there (shared-budget.ts), and each replica
// still records its own calls here (record()): its local share while Redis is away counts them, and
// recent() hands them back to Redis once it returns.
import { DefenderError } from '../defender';
import type { Clock } from './clock';

export interface WindowLimit {
  windowMs: number;
  /** At most this many calls within any `windowMs`. */
  limit: number;
}

export interface Permit {
  /** The call was answered (or failed): its slot now counts from this moment. Idempotent. */
  release(): void;
}

export interface AcquireOptions {
  /** Clock time after which the caller would rather be told "throttled" than wait; Infinity = no limit. */
  deadline: number;
  /** Leaves the queue when aborted, rejecting with the signal's reason. */
  signal?: AbortSignal;
  /** Jump the queue: a call that already waited its turn and was sent back (429). */
  front?: boolean;
  /** `GET /api/...`, for the error a caller may see. */
  label?: string;
}

export interface LaneUsage {
  /** Calls counted in each window (in window order), in-flight ones included. */
  inWindow: number[];
  inFlight: number;
  queued: number;
  /** Clock time before which nothing is let through (a 429's Retry-After); 0 = not paused. */
  pausedUntil: number;
}

interface Slot {
  /** When the answer arrived; Infinity while the call is in flight. */
  at: number;
  /** The shared budget's id of the call, when it has one (record()). */
  id?: string;
}

interface Waiter {
  grant(permit: Permit): void;
  fail(error: unknown): void;
}

/** How often prune() also scans the whole lane (clock time). */
const COMPACT_EVERY_MS = 60_000;

class Lane {
  readonly slots: Slot[] = [];
  /** Clock time of the last full pass of prune(). */
  compactedAt = 0;
  readonly waiters: Waiter[] = [];
  pausedUntil = 0;
  wake: { at: number; cancel: () => void } | undefined;
}

export class SlidingWindowGate {
  private readonly lanes = new Map<string, Lane>();
  private readonly longestWindowMs: number;
  private closed = false;

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly clock: Clock,
  ) {
    if (limits.length === 0) throw new RangeError('SlidingWindowGate needs at least one window');
    for (const { windowMs, limit } of limits) {
      if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new RangeError('windowMs must be a positive number');
      if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    }
    this.longestWindowMs = Math.max(...limits.map((l) => l.windowMs));
  }

  /** Resolves when a call to `key` may be sent; the caller must release the permit when it is answered. */
  acquire(key: string, options: AcquireOptions): Promise<Permit> {
    const label = options.label ?? key;
    if (this.closed) return Promise.reject(closedError(label));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const lane = this.lane(key);
    const t = this.clock.now();
    this.prune(lane, t);
    const wait = this.waitMs(lane, t);
    if (wait === 0 && (lane.waiters.length === 0 || options.front === true)) return Promise.resolve(this.grant(lane));
    // Even at the head of the queue it could not go before the deadline: say so now, not later.
    if (Number.isFinite(wait) && t + wait > options.deadline) return Promise.reject(budgetError(key, wait, label));

    return new Promise<Permit>((resolve, reject) => {
      let cancelDeadline: (() => void) | undefined;
      const onAbort = (): void => {
        leave();
        reject(signal?.reason);
      };
      const leave = (): void => {
        const i = lane.waiters.indexOf(waiter);
        if (i >= 0) lane.waiters.splice(i, 1);
        cleanup();
      };
      const cleanup = (): void => {
        cancelDeadline?.();
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        grant: (permit) => {
          cleanup();
          resolve(permit);
        },
        fail: (error) => {
          cleanup();
          reject(error);
        },
      };
      if (options.front === true) lane.waiters.unshift(waiter);
      else lane.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (Number.isFinite(options.deadline)) {
        cancelDeadline = this.clock.setTimer(() => {
          leave();
          const now = this.clock.now();
          reject(budgetError(key, this.waitMs(lane, now), label));
          // A waiter leaving can unblock no one, but keep the wake-up consistent.
          this.drain(lane);
        }, options.deadline - t);
      }
      this.drain(lane);
    });
  }

  /**
   * A permit now, synchronously, when a call to `key` could go at once without jumping anyone: the
   * windows have room, the endpoint is not paused and nobody is queued. Otherwise undefined (and
   * nothing changes): the caller then queues with acquire(). Same rules as acquire(), minus the wait.
   */
  tryAcquire(key: string): Permit | undefined {
    if (this.closed) return undefined;
    const lane = this.lane(key);
    if (lane.waiters.length > 0) return undefined;
    const t = this.clock.now();
    this.prune(lane, t);
    return this.waitMs(lane, t) === 0 ? this.grant(lane) : undefined;
  }

  /**
   * Counts a call another gate let through (the shared budget on Redis), whatever the windows hold:
   * this gate then knows what this process spent. Release it when answered, like any permit.
   */
  record(key: string, id?: string): Permit {
    return this.grant(this.lane(key), id);
  }

  /** The calls still counted for `key` (in flight: Infinity), with their ids, for the shared budget after an outage. */
  recent(key: string): Array<{ id: string | undefined; at: number }> {
    const lane = this.lane(key);
    const t = this.clock.now();
    this.prune(lane, t);
    return lane.slots.filter((s) => s.at > t - this.longestWindowMs).map((s) => ({ id: s.id, at: s.at }));
  }

  /** Every key with a lane. */
  keys(): string[] {
    return [...this.lanes.keys()];
  }

  /** Lets nothing through for `key` before `until` (clock time), for everyone: Defender said 429. */
  pause(key: string, until: number): void {
    const lane = this.lane(key);
    if (until <= lane.pausedUntil) return;
    lane.pausedUntil = until;
    this.drain(lane);
  }

  usage(key: string): LaneUsage {
    const lane = this.lane(key);
    const t = this.clock.now();
    this.prune(lane, t);
    return {
      inWindow: this.limits.map(({ windowMs }) => lane.slots.filter((s) => s.at > t - windowMs).length),
      inFlight: lane.slots.filter((s) => s.at === Infinity).length,
      queued: lane.waiters.length,
      pausedUntil: lane.pausedUntil > t ? lane.pausedUntil : 0,
    };
  }

  /** Cancels the timers and fails every queued call; later acquires fail at once. */
  close(): void {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      lane.wake?.cancel();
      lane.wake = undefined;
      for (const waiter of lane.waiters.splice(0)) waiter.fail(closedError('queued Defender call'));
    }
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = new Lane();
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private grant(lane: Lane, id?: string): Permit {
    const slot: Slot = id === undefined ? { at: Infinity } : { at: Infinity, id };
    lane.slots.push(slot);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        slot.at = this.clock.now();
        this.drain(lane);
      },
    };
  }

  /** Lets queued calls through while the windows allow, then arms one timer for the next free slot. */
  private drain(lane: Lane): void {
    if (this.closed) return;
    const t = this.clock.now();
    this.prune(lane, t);
    while (lane.waiters.length > 0) {
      const wait = this.waitMs(lane, t);
      if (wait > 0) {
        this.wakeAt(lane, t + wait);
        return;
      }
      const waiter = lane.waiters.shift();
      waiter?.grant(this.grant(lane));
    }
  }

  private wakeAt(lane: Lane, at: number): void {
    // Infinity: only in-flight calls block, and their answers drain the queue.
    if (!Number.isFinite(at)) return;
    if (lane.wake !== undefined && lane.wake.at <= at) return;
    lane.wake?.cancel();
    const cancel = this.clock.setTimer(() => {
      lane.wake = undefined;
      this.drain(lane);
    }, at - this.clock.now());
    lane.wake = { at, cancel };
  }

  /** Milliseconds until one more call may start at time t: 0 = now, Infinity = when an in-flight call is answered. */
  private waitMs(lane: Lane, t: number): number {
    let wait = Math.max(0, lane.pausedUntil - t);
    for (const { windowMs, limit } of this.limits) {
      // Fewer records than the limit: room, whatever their times (the common case, and O(1)).
      if (lane.slots.length < limit) continue;
      let counted = 0;
      const answered: number[] = [];
      for (const slot of lane.slots) {
        if (slot.at > t - windowMs) {
          counted += 1;
          if (slot.at !== Infinity) answered.push(slot.at);
        }
      }
      if (counted < limit) continue;
      // This many must leave the window before one more fits; only answered calls ever leave.
      const mustLeave = counted - limit + 1;
      if (answered.length < mustLeave) return Infinity;
      answered.sort((a, b) => a - b);
      const leaving = answered[mustLeave - 1] ?? t;
      // A call answered at `leaving` counts while leaving > t - windowMs, i.e. until t = leaving + windowMs.
      wait = Math.max(wait, leaving + windowMs - t);
    }
    return wait;
  }

  /**
   * Forgets calls that left the longest window, from the front: slots are in grant order, so the
   * expired ones are (nearly always) a prefix, and this costs what it removes rather than a scan of
   * the whole hour on every call. An expired slot behind one still in flight stays until that one is
   * answered; it no longer counts anyway (waitMs and usage look at each slot's time).
   */
  private prune(lane: Lane, t: number): void {
    const horizon = t - this.longestWindowMs;
    if (t - lane.compactedAt >= COMPACT_EVERY_MS) {
      // Now and then a full pass, so slots stuck behind a long call never pile up.
      lane.compactedAt = t;
      let kept = 0;
      for (const slot of lane.slots) if (slot.at > horizon) lane.slots[kept++] = slot;
      lane.slots.length = kept;
      return;
    }
    let expired = 0;
    while (expired < lane.slots.length && (lane.slots[expired]?.at ?? Infinity) <= horizon) expired++;
    if (expired > 0) lane.slots.splice(0, expired);
  }
}

function budgetError(key: string, waitMs: number, label: string): DefenderError {
  const seconds = Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : 1;
  return new DefenderError('throttled', `the shared Defender API budget for ${key} is used up for now; retry in ${seconds} s (${label})`, {
    retryAfterSeconds: seconds,
    request: label,
  });
}

function closedError(label: string): DefenderError {
  return new DefenderError('unreachable', `the bot is shutting down; the Defender call was not sent (${label})`, { request: label });
}
