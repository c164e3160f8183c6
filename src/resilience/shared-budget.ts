// The Defender budget shared by every replica on one Redis: the same sliding windows as
// sliding-window.ts (60 s and 3600 s, tenant-wide per endpoint, and each person's share), decided
// atomically by one Lua script per call, so two replicas can never both take the last slot (no
// read-modify-write race). Time is Redis's (TIME), one clock for all replicas.
//
// One sorted set per lane (the endpoint; the endpoint and person), member = call id, score = when
// the call leaves the count: while in flight that is "now + hold" (the longest the exchange may
// take, so a replica that dies mid-call leaks nothing), and once Defender answered, the answer time
// (release: carried by this replica's next take on the endpoint, or flushed within a second, with
// how long ago the answer came, so it costs no round trip of its own under load). A call counts in a window while its score is inside it — the rule sliding-window.ts
// keeps locally. A 429 pauses the endpoint for every replica (a key with the pause end, PX).
// Every key carries a TTL; the keys of one endpoint share a hash tag ({…}), so the script touches
// one hash slot, as Azure Managed Redis's clustering requires.
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisHealth } from '../state/redis-health';
import { LuaScript } from '../state/lua-script';
import type { EffectiveLimits } from './budget-limiter';

// Redis's own clock in ms, so every replica's windows agree whatever their hosts' clocks say.
const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Settles answered calls, ARGV from `first` in threes (member, ms since its answer, index of its
 * person lane in KEYS, 0: none): each counts from when its answer came, in the tenant lane (KEYS[1])
 * and its person lane. Both TAKE (the releases it carries) and RELEASE (the ones flushed alone) run it.
 */
const settleReleases = (first: number): string => `local function settle(key, member, at)
  local s = redis.call('ZSCORE', key, member)
  if s and tonumber(s) > at then redis.call('ZADD', key, 'XX', at, member) end
end
for i = ${first}, #ARGV, 3 do
  local at = now - tonumber(ARGV[i + 1])
  settle(KEYS[1], ARGV[i], at)
  local k = tonumber(ARGV[i + 2])
  if k > 0 then settle(KEYS[k], ARGV[i], at) end
end`;

// KEYS: tenant lane, person lane, pause, then the person lanes of the releases carried (see release()).
// ARGV: limits (4), member, hold, then per carried release: member, ms since its answer, index of its person lane in KEYS (0: none).
const TAKE = new LuaScript(`
${NOW_MS}
${settleReleases(7)}
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return {0, paused - now, 'pause'} end
local function wait(key, perMinute, perHour)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 3600000)
  local w = 0
  local inMinute = redis.call('ZCOUNT', key, '(' .. (now - 60000), '+inf')
  if inMinute >= perMinute then
    local e = redis.call('ZRANGEBYSCORE', key, '(' .. (now - 60000), '+inf', 'WITHSCORES', 'LIMIT', inMinute - perMinute, 1)
    w = math.max(w, tonumber(e[2]) + 60000 - now)
  end
  local inHour = redis.call('ZCARD', key)
  if inHour >= perHour then
    local e = redis.call('ZRANGE', key, inHour - perHour, inHour - perHour, 'WITHSCORES')
    w = math.max(w, tonumber(e[2]) + 3600000 - now)
  end
  return w
end
local w = wait(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
if w > 0 then return {0, w, 'tenant'} end
if ARGV[3] ~= '0' then
  w = wait(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
  if w > 0 then return {0, w, 'person'} end
end
local leaves = now + tonumber(ARGV[6])
local ttl = 3600000 + tonumber(ARGV[6])
redis.call('ZADD', KEYS[1], leaves, ARGV[5])
redis.call('PEXPIRE', KEYS[1], ttl)
if ARGV[3] ~= '0' then
  redis.call('ZADD', KEYS[2], leaves, ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return {1, 0, 'granted'}
`);

// Answered calls not carried by a take within RELEASE_FLUSH_MS: ARGV per call: member, ms since its
// answer, index of its person lane in KEYS (0: none); KEYS[1] is the tenant lane.
const RELEASE = new LuaScript(`
${NOW_MS}
${settleReleases(1)}
return 1
`);

const PAUSE = new LuaScript(`
${NOW_MS}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return 1
`);

// Calls this replica made while Redis was away (or before a Redis restart lost them) count again.
const RECORD = new LuaScript(`
local ttl = 3600000 + tonumber(ARGV[1])
for i = 2, #ARGV, 2 do redis.call('ZADD', KEYS[1], 'GT', tonumber(ARGV[i + 1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
`);

/**
 * How long an answered call's release may wait for a take on the same endpoint to carry it before
 * it is sent on its own. Waiting changes no count: the release says how long ago the answer came, and
 * the call counts in the windows (as in flight, then as answered) all the while either way.
 */
const RELEASE_FLUSH_MS = 1000;

interface PendingRelease {
  member: string;
  /** The person lane, when there is a per-person share. */
  personKey: string | undefined;
  /** performance.now() when Defender answered. */
  answeredAt: number;
}

export type SharedTake = { granted: true; member: string } | { granted: false; waitMs: number; blockedBy: 'tenant' | 'person' | 'pause' };

export interface SharedBudgetLimits {
  tenant: EffectiveLimits;
  /** Absent: no per-person share. */
  person?: EffectiveLimits | undefined;
}

export class SharedBudget {
  readonly #replica = randomUUID().slice(0, 8);
  #next = 0;
  readonly #pending = new Map<string, PendingRelease[]>();
  #flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Redis,
    private readonly health: RedisHealth,
    private readonly limits: SharedBudgetLimits,
    /** How long an unanswered call counts as in flight at most: the exchange timeout plus slack. */
    private readonly holdMs: number,
  ) {}

  /** False while Redis is away: the limiter then uses its local share. */
  get available(): boolean {
    return !this.health.degraded;
  }

  onRecovered(listener: () => void): void {
    this.health.onRecovered(listener);
  }

  /** Takes one slot for a call now, or says how long to wait; undefined when Redis failed (use the local share). */
  async take(endpoint: string, userKey: string): Promise<SharedTake | undefined> {
    const member = `${this.#replica}:${(this.#next++).toString(36)}`;
    const { tenant, person } = this.limits;
    const keys = [this.#laneKey(endpoint), this.#personKey(endpoint, userKey), this.#pauseKey(endpoint)];
    // The releases waiting for this endpoint ride along: no round trip of their own.
    const carried = this.#carry(endpoint, keys);
    const r = await this.health.attempt(
      () =>
        TAKE.run(this.client, keys, [
          tenant.perMinute,
          tenant.perHour,
          person?.perMinute ?? 0,
          person?.perHour ?? 0,
          member,
          this.holdMs,
          ...carried,
        ]) as Promise<[number, number, string]>,
    );
    if (!r.ok) return undefined;
    const [granted, waitMs, why] = r.value;
    if (granted === 1) return { granted: true, member };
    return { granted: false, waitMs: Number(waitMs), blockedBy: why === 'person' ? 'person' : why === 'pause' ? 'pause' : 'tenant' };
  }

  /**
   * Defender answered the call `member`: it counts from its answer on, not until its hold ran out.
   * Not sent at once: the next take on the endpoint from this replica carries it, or a flush within
   * RELEASE_FLUSH_MS (one script for all the endpoint's releases waiting).
   */
  release(endpoint: string, userKey: string, member: string): void {
    const personKey = this.limits.person === undefined ? undefined : this.#personKey(endpoint, userKey);
    let list = this.#pending.get(endpoint);
    if (list === undefined) {
      list = [];
      this.#pending.set(endpoint, list);
    }
    list.push({ member, personKey, answeredAt: performance.now() });
    if (this.#flushTimer === undefined) {
      this.#flushTimer = setTimeout(() => this.flush(), RELEASE_FLUSH_MS);
      this.#flushTimer.unref();
    }
  }

  /** Sends every release still waiting, one script per endpoint (at shutdown, or when no take carried them). */
  flush(): Promise<void> {
    if (this.#flushTimer !== undefined) clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const sent: Array<Promise<unknown>> = [];
    for (const endpoint of [...this.#pending.keys()]) {
      const keys = [this.#laneKey(endpoint)];
      const args = this.#carry(endpoint, keys);
      if (args.length > 0) sent.push(this.health.attempt(() => RELEASE.run(this.client, keys, args)));
    }
    return Promise.all(sent).then(() => undefined);
  }

  /** Takes the endpoint's waiting releases as script arguments, adding their person lanes to `keys`. */
  #carry(endpoint: string, keys: string[]): Array<string | number> {
    const list = this.#pending.get(endpoint);
    if (list === undefined) return [];
    this.#pending.delete(endpoint);
    // Nothing left to flush: the next release arms the timer again, for itself.
    if (this.#pending.size === 0 && this.#flushTimer !== undefined) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
    const now = performance.now();
    const args: Array<string | number> = [];
    for (const p of list) {
      let index = 0;
      if (p.personKey !== undefined) {
        index = keys.indexOf(p.personKey) + 1;
        if (index === 0) index = keys.push(p.personKey);
      }
      args.push(p.member, Math.max(0, Math.round(now - p.answeredAt)), index);
    }
    return args;
  }

  /** Defender said 429 for `endpoint`: no replica calls it for `ms`. */
  async pause(endpoint: string, ms: number): Promise<void> {
    if (!(ms > 0)) return;
    await this.health.attempt(() => PAUSE.run(this.client, [this.#pauseKey(endpoint)], [Math.ceil(ms)]));
  }

  /** Adds calls (id, time they leave the count) to a lane: after an outage, so Redis knows what this replica spent. */
  async record(endpoint: string, userKey: string | undefined, calls: ReadonlyArray<{ id: string; leavesAt: number }>): Promise<void> {
    if (calls.length === 0) return;
    const key = userKey === undefined ? this.#laneKey(endpoint) : this.#personKey(endpoint, userKey);
    const args = calls.flatMap((c) => [c.id, String(Math.round(c.leavesAt))]);
    await this.health.attempt(() => RECORD.run(this.client, [key], [this.holdMs, ...args]));
  }

  /** A fresh call id, for calls recorded locally while Redis is away. */
  newId(): string {
    return `${this.#replica}:${(this.#next++).toString(36)}`;
  }

  #laneKey(endpoint: string): string {
    return `budget:{${endpoint}}:tenant`;
  }

  #pauseKey(endpoint: string): string {
    return `budget:{${endpoint}}:pause`;
  }

  /** The person's key holds a hash of their userKey: no Teams or Entra ids in Redis key names. */
  #personKey(endpoint: string, userKey: string): string {
    return `budget:{${endpoint}}:person:${createHash('sha256').update(userKey).digest('base64url').slice(0, 22)}`;
  }
}
