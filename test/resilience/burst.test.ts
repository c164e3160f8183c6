// The burst: 30 analysts, 300 mixed calls at the same moment, against the simulated tenant with
// Defender's real budget (100 calls per endpoint per sliding minute, 1,500 per hour, whole tenant).
//
// Time is compressed, not the limits: the simulator and the resilience layer share one clock that
// runs 20x faster than real time, so their windows are the real 60 s and 3600 s of that clock (a
// simulated minute lasts 3 real seconds) and the ratio of calls to budget is exactly production's.
// Everything is production's defaults except the per-request timeout: 300 concurrent requests to a
// simulator in the same process take up to a second of real time each, which is 20 s on this
// clock, so the 10 s default would time out on the test harness, not on Defender's behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DefenderClient } from '../../src/defender';
import { DefenderError } from '../../src/defender';
import { endpointKeyOfUrl, type EndpointKey } from '../../src/resilience';
import { machineVisibility, PERSONAS, ENDPOINT_KEYS, type PersonaId, type WireMachine } from '../../src/simulator';
import { acceleratedClock, analystClient, maxInSlidingWindow, resilienceFor, startSim } from './helpers';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const ANALYSTS = 30;
const CALLS_EACH = 10;

interface Done {
  analyst: number;
  endpoint: EndpointKey;
  asked: number;
  answered: number;
  error?: unknown;
}

test('the burst: 30 analysts, 300 mixed calls in one minute — all answered, never over 100 per endpoint per sliding minute, no 429, fair', async (t) => {
  const clock = acceleratedClock(20);
  const sim = await startSim({ now: clock.now, limits: { perMinute: 100, perHour: 1500 } });
  const resilience = resilienceFor({ clock, requestTimeoutMs: 5 * MINUTE });
  const realStart = performance.now();
  try {
    const personas: PersonaId[] = ['soc-lead', 'analyst-emea', 'analyst-us'];
    const userNames = sim.data.users.map((u) => u.accountName);
    const visibleTo = (persona: PersonaId): WireMachine[] =>
      sim.data.machines.filter(machineVisibility(PERSONAS[persona], sim.data.groups));

    // Each analyst: 4 user-machine lists, 3 logon-user lists, 1 machine by id, 1 host lookup, 1 IP
    // lookup, all fired at the same moment, in rounds (every analyst's first call, then every
    // analyst's second, ...) as when 30 people type at once. users/{name}/machines gets 120 calls in
    // the minute: more than the budget, so at least 25 must wait for the window to slide.
    type Plan = { analyst: number; endpoint: EndpointKey; userName?: string; run: (c: DefenderClient) => Promise<unknown> };
    const perAnalyst: Plan[][] = [];
    for (let a = 0; a < ANALYSTS; a++) {
      const persona = personas[a % personas.length] ?? 'soc-lead';
      const machines = visibleTo(persona);
      const pick = (n: number): WireMachine => machines[(a * 7 + n * 13) % machines.length] as WireMachine;
      const users = (j: number): Plan => {
        const name = userNames[(a * 4 + j) % userNames.length] ?? 'user1';
        return { analyst: a, endpoint: 'users/{name}/machines', userName: name, run: (c) => c.getUserMachines(name) };
      };
      const logons = (j: number): Plan => {
        const id = pick(j).id;
        return { analyst: a, endpoint: 'machines/{id}/logonusers', run: (c) => c.getLogonUsers(id) };
      };
      const byId = pick(3).id;
      const host = pick(4).computerDnsName ?? 'mymachine1.contoso.com';
      const ip = pick(5).lastIpAddress ?? '10.0.0.1';
      perAnalyst.push([
        users(0),
        logons(0),
        users(1),
        { analyst: a, endpoint: 'machines/{id}', run: (c) => c.getMachine(byId) },
        users(2),
        { analyst: a, endpoint: 'machines', run: (c) => c.findMachinesByHostName(host) },
        users(3),
        logons(1),
        { analyst: a, endpoint: 'machines/findbyip', run: (c) => c.findMachinesByIp(ip, new Date(clock.now())) },
        logons(2),
      ]);
    }
    const plans: Plan[] = [];
    for (let round = 0; round < CALLS_EACH; round++) for (const calls of perAnalyst) plans.push(calls[round] as Plan);
    assert.equal(plans.length, ANALYSTS * CALLS_EACH);

    const clients = Array.from({ length: ANALYSTS }, (_, a) =>
      analystClient(resilience, sim, personas[a % personas.length] ?? 'soc-lead', `analyst-${a}`),
    );
    const t0 = clock.now();
    const done: Done[] = await Promise.all(
      plans.map(async (p): Promise<Done> => {
        const asked = clock.now();
        const client = clients[p.analyst] as DefenderClient;
        try {
          await p.run(client);
          return { analyst: p.analyst, endpoint: p.endpoint, asked, answered: clock.now() };
        } catch (error) {
          return { analyst: p.analyst, endpoint: p.endpoint, asked, answered: clock.now(), error };
        }
      }),
    );
    const realSeconds = (performance.now() - realStart) / 1000;

    // Every call answered.
    const failed = done.filter((d) => d.error !== undefined);
    assert.deepEqual(
      failed.map((d) => (d.error instanceof DefenderError ? `${d.endpoint}: ${d.error.code} ${d.error.message}` : String(d.error))),
      [],
    );
    assert.ok(
      done.every((d) => d.asked - t0 < MINUTE),
      'all asked within one minute',
    );

    // What the simulated tenant saw.
    const entries = sim.calls.entries();
    assert.equal(entries.filter((e) => e.status === 429).length, 0, 'Defender never answered 429');
    assert.ok(
      entries.every((e) => e.status === 200),
      'every request answered 200',
    );
    const perMinute: Record<string, number> = {};
    const perHour: Record<string, number> = {};
    for (const endpoint of ENDPOINT_KEYS) {
      perMinute[endpoint] = maxInSlidingWindow(entries, endpoint, MINUTE);
      perHour[endpoint] = maxInSlidingWindow(entries, endpoint, HOUR);
      assert.ok((perMinute[endpoint] ?? 0) <= 100, `${endpoint}: ${perMinute[endpoint]} in one sliding minute`);
      assert.ok((perHour[endpoint] ?? 0) <= 1500);
    }
    for (const e of entries) assert.equal(endpointKeyOfUrl(`${sim.url}${e.path}`), e.endpoint);
    const userEndpointCalls = entries.filter((e) => e.endpoint === 'users/{name}/machines').length;
    assert.ok(userEndpointCalls > 100, 'the burst really was over budget for one endpoint');

    // Fair. Only users/{name}/machines is over budget; its calls beyond the minute's 95 (5% margin)
    // had to wait for the window to slide, and they are spread over the analysts: at most 2 of any
    // one analyst's 4. (One analyst hogging the queue is budget-limiter.test.ts's fairness tests.)
    // (Each user name is asked by three analysts with three different personas, so the simulator's
    // name + persona says whose call it was.)
    const analystOf = new Map<string, number>();
    plans.forEach((p) => {
      if (p.endpoint === 'users/{name}/machines')
        analystOf.set(`${p.userName ?? ''}|${personas[p.analyst % personas.length] ?? ''}`, p.analyst);
    });
    const userCalls = entries.filter((e) => e.endpoint === 'users/{name}/machines').sort((x, y) => x.at - y.at);
    const overflow = userCalls.slice(resilience.limiter.limits.perMinute);
    const overflowPerAnalyst = Array.from({ length: ANALYSTS }, () => 0);
    for (const e of overflow) {
      const name = decodeURIComponent(e.path.split('/')[3] ?? '');
      const analyst = analystOf.get(`${name}|${e.analyst ?? ''}`);
      assert.ok(analyst !== undefined, `whose call was ${e.path}?`);
      overflowPerAnalyst[analyst] = (overflowPerAnalyst[analyst] ?? 0) + 1;
    }
    assert.ok((overflow[0]?.at ?? Infinity) - (userCalls[0]?.at ?? 0) >= MINUTE, 'the overflow waited for the window to slide');
    assert.ok(
      Math.max(...overflowPerAnalyst) <= 2,
      `at most 2 of one analyst's user lookups waited for the next minute (${overflowPerAnalyst.join(',')})`,
    );
    // Nobody waits for all the others: every analyst had user lookups answered in the first minute.
    const firstMinute = Array.from({ length: ANALYSTS }, (_, a) => 4 - (overflowPerAnalyst[a] ?? 0));
    assert.ok(Math.min(...firstMinute) >= 2, `user lookups answered in the first minute, per analyst: ${firstMinute.join(',')}`);

    const latencies = done.map((d) => d.answered - d.asked).sort((x, y) => x - y);
    const p = (q: number): number => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) / 1000);
    t.diagnostic(
      `real time ${realSeconds.toFixed(1)} s; simulator requests ${entries.length} (${userEndpointCalls} to users/{name}/machines), 429s 0`,
    );
    t.diagnostic(`most requests in one sliding minute per endpoint: ${JSON.stringify(perMinute)}`);
    t.diagnostic(`${overflow.length} user lookups waited for the next minute, per analyst ${overflowPerAnalyst.join(',')}`);
    t.diagnostic(`latency (simulated s) p50 ${p(0.5)}, p90 ${p(0.9)}, max ${p(1)}`);
  } finally {
    await resilience.close();
    await sim.close();
  }
});
