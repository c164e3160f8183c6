// ONE per bot process: every Defender call from every analyst goes through it. Two stages:
//
//   per person and endpoint: a small queue (PersonState) that lets at most perUserConcurrency of
//     that person's calls on to the next stage; retries after a 429 go first.
//   the budget, per endpoint: on one process the SlidingWindowGate, FIFO, which lets a call go only
//     when the sliding 60 s and 3600 s windows have room (see sliding-window.ts for why not a
//     fixed-window reservoir); with several replicas on Redis, SharedBudget (shared-budget.ts), one
//     atomic Lua decision per call for the whole tenant.
//
// Fairness comes from the combination: an analyst paging through 50 pages has at most
// perUserConcurrency calls waiting at the budget, so a colleague who asks once is at most that
// many places behind — round-robin between people, whatever each one has queued.
//
// Share per person: on top of that, no person may use more than `perUserShare` of either window
// (default 25 %): a second SlidingWindowGate keyed by endpoint and person (on Redis, a second sorted
// set in the same script). Concurrency alone let one analyst paging quickly spend the whole hour's
// budget and leave colleagues waiting 45 minutes. A person over their share waits for it up to the
// call's deadline, then is told so (DefenderError `personalShareUsed`, which says when to retry);
// nobody else is slowed.
//
// The person's queue is ours, not Bottleneck's (last release 2019; its Redis clustering fails on
// Redis 7): it starts a call synchronously when the person has a free slot, so an idle person's call
// on an endpoint with room is sent before run() returns, with no timer hop.
//
// Redis away (shared budget unavailable): the local gates take over with limits ÷ expectedReplicas,
// the conservative share; they also hold every call this process made while on Redis (record()),
// and hand them back to Redis when it returns (resync()).
import { DefenderError, isDefenderError } from '../defender';
import { sleep, systemClock, type Clock } from './clock';
import type { SharedBudget } from './shared-budget';
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
  clock?: Clock;
  /**
   * Several replicas: the budget decided on Redis. The local gates then enforce limits ÷
   * expectedReplicas, used only while Redis is away.
   */
  shared?: { budget: SharedBudget; expectedReplicas: number };
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
  /** The local gates' limits: `limits`, or with a shared budget the share of one replica while Redis is away. */
  readonly localLimits: EffectiveLimits;
  private readonly localPersonalLimits: EffectiveLimits;
  private readonly gate: SlidingWindowGate;
  /** Per endpoint and person: their share of each window. Absent when the share is 100 %. */
  private readonly personal: SlidingWindowGate | undefined;
  /** Per person and endpoint with calls not yet settled; deleted when the last one settles. */
  private readonly persons = new Map<string, PersonState>();
  private readonly concurrency: number;
  private readonly clock: Clock;
  private readonly shared: SharedBudget | undefined;
  private closed = false;

  constructor(options: BudgetLimiterOptions = {}) {
    const perMinute = positiveInteger(options.perMinute, DEFAULT_BUDGET.perMinute, 'perMinute');
    const perHour = positiveInteger(options.perHour, DEFAULT_BUDGET.perHour, 'perHour');
    const margin = options.safetyMargin ?? DEFAULT_BUDGET.safetyMargin;
    if (!(margin >= 0 && margin < 1)) throw new RangeError('BudgetLimiter: safetyMargin must be at least 0 and below 1');
    const concurrency = positiveInteger(options.perUserConcurrency, DEFAULT_BUDGET.perUserConcurrency, 'perUserConcurrency');
    this.concurrency = concurrency;
    this.clock = options.clock ?? systemClock;
    this.limits = effectiveLimits(perMinute, perHour, margin);
    const share = options.perUserShare ?? DEFAULT_BUDGET.perUserShare;
    if (!(share > 0 && share <= 1)) throw new RangeError('BudgetLimiter: perUserShare must be above 0 and at most 1');
    this.personalLimits = {
      perMinute: Math.max(1, Math.floor(this.limits.perMinute * share)),
      perHour: Math.max(1, Math.floor(this.limits.perHour * share)),
    };
    const replicas = options.shared?.expectedReplicas ?? 1;
    this.localLimits = divided(this.limits, replicas);
    const localPersonal = divided(this.personalLimits, replicas);
    this.localPersonalLimits = localPersonal;
    this.gate = new SlidingWindowGate(
      [
        { windowMs: MINUTE_MS, limit: this.localLimits.perMinute },
        { windowMs: HOUR_MS, limit: this.localLimits.perHour },
      ],
      this.clock,
    );
    this.personal =
      share === 1
        ? undefined
        : new SlidingWindowGate(
            [
              { windowMs: MINUTE_MS, limit: localPersonal.perMinute },
              { windowMs: HOUR_MS, limit: localPersonal.perHour },
            ],
            this.clock,
          );
    this.shared = options.shared?.budget;
    this.shared?.onRecovered(() => void this.resync());
  }

  /**
   * Runs `send` when the endpoint's budget allows and it is this person's turn; `send` resolves when
   * Defender has answered (headers in), which is when the call's slot starts its 60 s / 1 h.
   */
  run<T>(call: LimitedCall, send: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([call.endpoint, call.userKey]);
    let person = this.persons.get(key);
    if (person === undefined) {
      person = { active: 0, queue: [] };
      this.persons.set(key, person);
    }
    const state = person;
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        retry: call.retry === true,
        start: () => {
          this.admitted(state, key, call, send).then(resolve, reject);
        },
      };
      // Retries after a 429 go before this person's other calls (behind earlier retries).
      if (job.retry) {
        const firstNew = state.queue.findIndex((j) => !j.retry);
        state.queue.splice(firstNew < 0 ? state.queue.length : firstNew, 0, job);
      } else state.queue.push(job);
      this.pump(key, state);
    });
  }

  /** Starts this person's queued calls while they have fewer than perUserConcurrency past the queue. */
  private pump(key: string, state: PersonState): void {
    while (state.active < this.concurrency) {
      const job = state.queue.shift();
      if (job === undefined) break;
      state.active += 1;
      job.start();
    }
    if (state.active === 0 && state.queue.length === 0 && this.persons.get(key) === state) this.persons.delete(key);
  }

  /** The call has its person's slot: wait for the budget, send, give everything back. Synchronous up to the first wait. */
  private async admitted<T>(state: PersonState, key: string, call: LimitedCall, send: () => Promise<T>): Promise<T> {
    const permits: Permit[] = [];
    try {
      if (call.signal?.aborted) throw call.signal.reason;
      if (this.closed) throw closedError(call.label ?? call.endpoint);
      if (this.shared?.available === true) {
        const taken = await this.takeShared(key, call);
        if (taken !== undefined) permits.push(...taken);
      }
      if (permits.length === 0) {
        // One process, or Redis away: the local gates. Fast when there is room and nobody waits (no await).
        const fast = call.retry === true || !this.hasPersonalRoom(key) ? undefined : this.gate.tryAcquire(call.endpoint);
        // hasPersonalRoom saw room in this same tick, so the personal permit is there whenever the shared one is.
        const mine = fast === undefined ? undefined : this.personal?.tryAcquire(key);
        if (fast !== undefined && (mine !== undefined || this.personal === undefined))
          permits.push(...(mine === undefined ? [fast] : [mine, fast]));
        else {
          fast?.release();
          const personal = await this.acquirePersonal(key, call);
          if (personal !== undefined) permits.push(personal);
          permits.push(
            await this.gate.acquire(call.endpoint, {
              deadline: call.deadline,
              front: call.retry === true,
              ...(call.signal === undefined ? {} : { signal: call.signal }),
              ...(call.label === undefined ? {} : { label: call.label }),
            }),
          );
        }
      }
    } catch (e) {
      // Not sent, but a personal slot taken stays counted, which errs on the side of the others.
      for (const permit of permits) permit.release();
      this.leave(key, state);
      throw e;
    }
    try {
      return await send();
    } finally {
      for (const permit of permits) permit.release();
      this.leave(key, state);
    }
  }

  /**
   * A slot from the shared budget on Redis, waited for up to the call's deadline; recorded in the
   * local gates too. Undefined when Redis failed meanwhile: the caller falls back to the local share.
   */
  private async takeShared(key: string, call: LimitedCall): Promise<Permit[] | undefined> {
    const shared = this.shared;
    if (shared === undefined) return undefined;
    for (;;) {
      if (call.signal?.aborted) throw call.signal.reason;
      const taken = await shared.take(call.endpoint, call.userKey);
      if (taken === undefined) return undefined;
      if (taken.granted) {
        const local = [
          this.gate.record(call.endpoint, taken.member),
          ...(this.personal === undefined ? [] : [this.personal.record(key, taken.member)]),
        ];
        return [...local, { release: () => shared.release(call.endpoint, call.userKey, taken.member) }];
      }
      const label = call.label ?? call.endpoint;
      if (this.clock.now() + taken.waitMs > call.deadline) {
        const seconds = Math.max(1, Math.ceil(taken.waitMs / 1000));
        if (taken.blockedBy === 'person') throw this.personalShareError(call, seconds);
        throw new DefenderError(
          'throttled',
          `the shared Defender API budget for ${call.endpoint} is used up for now; retry in ${seconds} s (${label})`,
          {
            retryAfterSeconds: seconds,
            request: label,
          },
        );
      }
      // Other replicas wait for the same slot: a little jitter keeps them from asking in lockstep.
      await sleep(this.clock, taken.waitMs + Math.floor(Math.random() * 25));
    }
  }

  /** Redis is back: what this process spent meanwhile (and before, if Redis lost it) counts there again. */
  private async resync(): Promise<void> {
    const shared = this.shared;
    if (shared === undefined) return;
    const now = this.clock.now();
    const leaves = (at: number): number => (at === Infinity ? now + 60_000 : at);
    for (const endpoint of this.gate.keys()) {
      const calls = this.gate.recent(endpoint).map((c) => ({ id: c.id ?? shared.newId(), leavesAt: leaves(c.at) }));
      await shared.record(endpoint, undefined, calls);
    }
    for (const key of this.personal?.keys() ?? []) {
      const parsed: unknown = JSON.parse(key);
      if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') continue;
      const calls = (this.personal?.recent(key) ?? []).map((c) => ({ id: c.id ?? shared.newId(), leavesAt: leaves(c.at) }));
      await shared.record(parsed[0], parsed[1], calls);
    }
  }

  private hasPersonalRoom(key: string): boolean {
    if (this.personal === undefined) return true;
    const used = this.personal.usage(key);
    const local = this.localPersonalLimits;
    return used.queued === 0 && (used.inWindow[0] ?? 0) < local.perMinute && (used.inWindow[1] ?? 0) < local.perHour;
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
      return Promise.reject(this.personalShareError(call, e.retryAfterSeconds));
    }
  }

  private personalShareError(call: LimitedCall, retryAfterSeconds: number | undefined): DefenderError {
    const { perMinute, perHour } = this.personalLimits;
    return new DefenderError(
      'personalShareUsed',
      `this person used their share of the Defender budget (${perMinute} a minute, ${perHour} an hour)`,
      {
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        ...(call.label === undefined ? {} : { request: call.label }),
      },
    );
  }

  private leave(key: string, state: PersonState): void {
    state.active -= 1;
    this.pump(key, state);
  }

  /** Defender answered 429: nobody calls `endpoint` before `until` (clock time) — on every replica when shared. */
  pause(endpoint: string, until: number): void {
    this.gate.pause(endpoint, until);
    if (this.shared?.available === true) void this.shared.pause(endpoint, until - this.clock.now());
  }

  /** This process's calls in the last minute and hour (in-flight included), queued at the gate, paused until. */
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

  /** Fails queued calls; later calls fail at once. */
  async close(): Promise<void> {
    this.closed = true;
    this.gate.close();
    this.personal?.close();
    // Each queued call starts, finds the limiter closed and fails with `unreachable`.
    for (const state of this.persons.values()) {
      for (const job of state.queue.splice(0)) {
        state.active += 1;
        job.start();
      }
    }
    return Promise.resolve();
  }
}

interface Job {
  retry: boolean;
  start(): void;
}

interface PersonState {
  /** Of this person's calls on this endpoint, the ones past the queue (at the budget or sending): at most perUserConcurrency. */
  active: number;
  /** Waiting for one of those slots; retries first. */
  queue: Job[];
}

function divided(limits: EffectiveLimits, by: number): EffectiveLimits {
  return { perMinute: Math.max(1, Math.floor(limits.perMinute / by)), perHour: Math.max(1, Math.floor(limits.perHour / by)) };
}

function closedError(label: string): DefenderError {
  return new DefenderError('unreachable', `the bot is shutting down; the Defender call was not sent (${label})`, { request: label });
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`BudgetLimiter: ${name} must be a positive integer`);
  return value;
}
