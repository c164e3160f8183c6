// Process: the simulated Defender tenant. Faults (the fixed latency) and the call log are driven over
// its own HTTP control endpoints (/_sim/*), as for any out-of-process user of the simulator.
import { startSimulator } from '../../src/simulator';
import { childOptions, serve } from './rpc';
import type { SimChildOptions, SimInfo } from './sim-api';

const options = childOptions<SimChildOptions>();

serve<Record<string, never>, SimInfo>(async () => {
  // A faster clock shrinks the budget's 60 s window for the --quick burst (6 real s = 1 simulated minute).
  const t0 = Date.now();
  const now = options.clockScale === 1 ? Date.now : () => t0 + (Date.now() - t0) * options.clockScale;
  const sim = await startSimulator({ limits: { perMinute: options.perMinute, perHour: options.perHour }, now });

  // Names the burst's analysts ask about: people with logons, and hosts with exactly one record.
  const users = [...new Set(sim.data.logons.map((l) => l.accountName))].sort();
  const hostCounts = new Map<string, number>();
  for (const m of sim.data.machines) if (m.computerDnsName) hostCounts.set(m.computerDnsName, (hostCounts.get(m.computerDnsName) ?? 0) + 1);
  const machines = sim.data.machines
    .filter((m) => m.computerDnsName && hostCounts.get(m.computerDnsName) === 1 && /^[0-9a-f]{40}$/.test(m.id))
    .map((m) => ({ id: m.id, host: m.computerDnsName as string }));

  return { info: { url: sim.url, users, machines }, handlers: {}, close: () => sim.close() };
});
