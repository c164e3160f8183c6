// Micro-benchmark of the card layer: CPU per rendered card, per card type, in one process (no HTTP,
// no Defender). Splits a card's cost into the view model + template + finishCard (`renderOutcome`)
// and the size check's serialisation, so a change to src/cards can be judged without the full bench.
//
//   node dist/scripts/bench/render.js [--ms 1500]
//
// Figures are µs per card, best of 5 timed batches (the machine is shared: the minimum is the least disturbed).
import { renderOutcome } from '../../src/cards';
import type { RenderContext } from '../../src/cards/types';
import type { LogonUser, Machine } from '../../src/defender/model';
import type { Outcome } from '../../src/handlers/outcome';
import { createLabelSeal } from '../../src/shared/label-seal';

const NOW = new Date('2026-11-23T12:00:00Z');
/** As the bot renders: demo footer, sealed machine labels on buttons. */
export function renderContext(): RenderContext {
  return {
    now: NOW,
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    portalBaseUrl: 'https://security.microsoft.com',
    demo: true,
    sealLabel: createLabelSeal().seal,
  };
}

const id = (n: number): string => n.toString(16).padStart(8, '0').repeat(5);
const RISKS = ['High', 'Medium', 'Low', 'None'] as const;
const HEALTH = ['Active', 'Inactive', 'ImpairedCommunication'] as const;

function machine(n: number): Machine {
  return {
    id: id(n),
    computerDnsName: `pc${n}.contoso.com`,
    firstSeen: '2025-01-10T08:00:00Z',
    lastSeen: new Date(NOW.getTime() - n * 5_400_000).toISOString(),
    osPlatform: 'Windows11',
    osVersion: '22H2',
    osBuild: 22621,
    lastIpAddress: `10.0.0.${n}`,
    lastExternalIpAddress: '203.0.113.7',
    healthStatus: HEALTH[n % HEALTH.length] ?? 'Active',
    riskScore: RISKS[n % RISKS.length] ?? 'Low',
    exposureLevel: 'Medium',
    rbacGroupName: 'Finance workstations',
    machineTags: ['finance', 'vip'],
    ipAddresses: [{ ipAddress: `10.0.0.${n}`, macAddress: '00-15-5D-01-02-03', type: 'Ethernet', operationalStatus: 'Up' }],
    isAadJoined: true,
  } as Machine;
}

function logonUser(n: number): LogonUser {
  return {
    id: `contoso\\user${n}`,
    accountName: `user${n}`,
    accountDomain: 'contoso',
    firstSeen: '2026-10-01T08:00:00Z',
    lastSeen: new Date(NOW.getTime() - n * 3_600_000).toISOString(),
    logonTypes: ['Interactive', 'Network'],
    isDomainAdmin: n === 2,
    isOnlyNetworkUser: false,
  };
}

const page = <T>(items: T[]) => ({ items, number: 1, pages: 1, total: items.length, from: 1 });

export const RENDER_CASES: Array<{ name: string; outcome: Outcome }> = [
  {
    name: 'machines (10 rows)',
    outcome: { kind: 'machines', userName: 'user1', page: page(Array.from({ length: 10 }, (_, i) => machine(i + 1))) },
  },
  { name: 'machines (3 rows)', outcome: { kind: 'machines', userName: 'user1', page: page([machine(1), machine(2), machine(3)]) } },
  {
    name: 'logonUsers (10 rows)',
    outcome: {
      kind: 'logonUsers',
      machine: { id: id(1), computerDnsName: 'pc1.contoso.com' },
      page: page(Array.from({ length: 10 }, (_, i) => logonUser(i + 1))),
    },
  },
  { name: 'machineDetails', outcome: { kind: 'machineDetails', machine: machine(1) } },
  { name: 'help', outcome: { kind: 'help' } },
  { name: 'error (throttled)', outcome: { kind: 'error', error: { kind: 'throttled', retryAfterSeconds: 30 } } },
];

function timePerCall(fn: () => void, ms: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < 5; batch++) {
    let n = 0;
    const start = process.cpuUsage();
    const until = performance.now() + ms / 5;
    while (performance.now() < until) {
      fn();
      n++;
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / n);
  }
  return best;
}

function main(): void {
  const msArg = process.argv.indexOf('--ms');
  const ms = msArg > 0 ? Number(process.argv[msArg + 1]) : 1500;
  console.log('| card | render µs | JSON.stringify µs | bytes |');
  console.log('|---|---|---|---|');
  const ctx = renderContext();
  for (const { name, outcome } of RENDER_CASES) {
    const { card } = renderOutcome(outcome, ctx); // loads the engine and warms every path
    for (let i = 0; i < 200; i++) renderOutcome(outcome, ctx);
    const render = timePerCall(() => renderOutcome(outcome, ctx), ms);
    const stringify = timePerCall(() => JSON.stringify(card), ms / 3);
    console.log(`| ${name} | ${render.toFixed(1)} | ${stringify.toFixed(1)} | ${Buffer.byteLength(JSON.stringify(card))} |`);
  }
}

if (require.main === module) main();
