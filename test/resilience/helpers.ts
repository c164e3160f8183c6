// Clocks for the resilience tests, and a way to build a person's resilient client against the
// simulated tenant exactly as production does (real createDefenderClient over real HTTP).
import type { FetchLike } from '../../src/defender';
import {
  createResilience,
  type Clock,
  type Resilience,
  type ResilienceOptions,
  type ResilientDefenderClient,
  type ResultMeta,
} from '../../src/resilience';
import {
  demoToken,
  startSimulator,
  type CallEntry,
  type EndpointKey,
  type PersonaId,
  type SimulatorHandle,
  type SimulatorOptions,
} from '../../src/simulator';

/** Lets every promise callback and I/O callback queued so far run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/** Virtual time: nothing happens until advance(), which fires timers in time order, settling after each. */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly setTimer = (callback: () => void, ms: number): (() => void) => {
    const timer: PendingTimer = { at: this.t + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  };

  get pendingTimers(): number {
    return this.timers.length;
  }

  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      let next: PendingTimer | undefined;
      for (const timer of this.timers)
        if (timer.at <= end && (next === undefined || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))) next = timer;
      if (next === undefined) break;
      const fire = next;
      this.timers = this.timers.filter((x) => x !== fire);
      this.t = Math.max(this.t, fire.at);
      fire.callback();
    }
    this.t = end;
    await settle();
  }
}

/**
 * Real time, run `factor` times faster: `now()` advances factor ms per real ms, timers fire after
 * ms/factor real ms. Shared by the simulator and the resilience layer, so both see the same
 * (compressed) minutes with their real 60 s / 3600 s windows.
 */
export function acceleratedClock(factor: number, start = Date.now()): Clock {
  const origin = performance.now();
  return {
    now: () => start + (performance.now() - origin) * factor,
    setTimer: (callback, ms) => {
      const timer = setTimeout(callback, Math.max(0, ms) / factor);
      return () => clearTimeout(timer);
    },
  };
}

export const realFetch: FetchLike = (url, init) => fetch(url, init);

export function startSim(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator(options);
}

/** The resilient client one analyst (userKey) gets, calling as `persona`. */
export function analystClient(
  resilience: Resilience,
  sim: SimulatorHandle,
  persona: PersonaId,
  userKey: string,
  onResult?: (meta: ResultMeta) => void,
): ResilientDefenderClient {
  return resilience.clientFor({
    baseUrl: sim.url,
    fetch: realFetch,
    getToken: async () => demoToken(persona),
    userKey,
    ...(onResult === undefined ? {} : { onResult }),
  });
}

/** A resilience stack for one test, closed by the caller. */
export function resilienceFor(options: ResilienceOptions = {}): Resilience {
  return createResilience(options);
}

/** Most requests the simulator received for one endpoint (whatever it answered) within any sliding window of `windowMs`. */
export function maxInSlidingWindow(entries: readonly CallEntry[], endpoint: EndpointKey, windowMs: number): number {
  const times = entries
    .filter((e) => e.endpoint === endpoint)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  // A call at `t` counts in the window ending at t' while t > t' - windowMs; windows ending at a call are the worst.
  for (let end = 0; end < times.length; end++) {
    const tEnd = times[end] ?? 0;
    while ((times[start] ?? Infinity) <= tEnd - windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
