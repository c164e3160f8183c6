// The compact text report printed on stdout.
import type { BenchResults } from './report';

export function renderTable(r: BenchResults): string {
  const lines: string[] = [];
  const s = r.settings;
  const lat = (p: { p50: number; p95: number; p99: number }): string => `${p.p50.toFixed(1)}/${p.p95.toFixed(1)}/${p.p99.toFixed(1)}`;
  lines.push(
    `mde-chatops benchmark${r.quick ? ' (--quick: short runs, figures are indicative only)' : ''} — ${r.machine.cpuModel}, ${r.machine.nproc} cores, ${r.machine.memoryGb} GB, Node ${r.machine.node}; load average ${r.machine.loadAverageAtStart.join(' ')} at start, ${r.machine.loadAverageAtEnd.join(' ')} at end`,
  );
  lines.push(
    `Simulated Defender latency ${s.defenderLatencyMs} ms/call; baseline waits ${s.baselineWaitMs} ms; ${s.rounds} rounds × ${s.durationS} s per contestant and concurrency; medians over rounds.`,
  );
  lines.push('');
  lines.push(
    row([
      'conc',
      'bot req/s',
      'base req/s',
      'ratio',
      'bot p50/p95/p99 ms',
      'base p50/p95/p99',
      'base0 p50/p95/p99',
      'p99 added',
      '(literal)',
    ]),
  );
  for (const c of Object.keys(r.throughputRatio)) {
    const rps = r.rps[c];
    const l = r.latencyMs[c];
    if (!rps || !l) continue;
    lines.push(
      row([
        c.slice(1),
        rps.bot.toFixed(1),
        rps.baseline.toFixed(1),
        (r.throughputRatio[c] ?? Number.NaN).toFixed(3),
        lat(l.bot),
        lat(l.baseline),
        lat(l.baseline0),
        `${(r.p99AddedMs[c] ?? Number.NaN).toFixed(1)} ms`,
        `${(r.p99AddedLiteralMs[c] ?? Number.NaN).toFixed(1)} ms`,
      ]),
    );
  }
  lines.push('  base = static-card teams-ai bot waiting the Defender latency; base0 = the same without the wait.');
  const spread = Object.entries(r.throughputRatioRange)
    .map(([c, [lo, hi]]) => `${c} ${lo}–${hi}`)
    .join(', ');
  lines.push(`  per-round ratio range (noise): ${spread}.`);
  lines.push('  p99 added = bot p99 − base p99; (literal) = bot p99 − base0 p99 − Defender latency × calls per command.');
  const cpu = Object.entries(r.cpuMsPerRequest)
    .map(
      ([c, v]) =>
        `${c} bot ${v.bot.toFixed(2)} / base ${v.baseline.toFixed(2)} (ratio ${(r.cpuPerRequestRatio[c] ?? Number.NaN).toFixed(2)}) / sim ${v.simulator.toFixed(2)}`,
    )
    .join('; ');
  lines.push(`  CPU ms per request (sim = the simulated tenant's, per bot request; not in the bot's): ${cpu}.`);
  lines.push('');
  const d = r.defenderCallsPerCommand;
  lines.push(
    `Defender calls per command: cold ${d.cold}, warm repeat ${d.warmRepeat}, drill-down ${d.drillDown}, host lookup ${d.hostLookup}.`,
  );
  const i = r.identityProviderCallsPerCommand;
  const detail = (k: keyof BenchResults['identityProviderRequestsPerCommand']): string => {
    const parts = Object.entries(r.identityProviderRequestsPerCommand[k].byEndpoint).map(([e, n]) => `${e} ${n}`);
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
  };
  lines.push(
    `Identity-provider calls per command (production mode, local IdP): cold ${i.cold}${detail('cold')}, warm repeat ${i.warmRepeat}, drill-down ${i.drillDown}, host lookup ${i.hostLookup}; sign-in prompt ${i.signInPrompt}; first analyst after start ${i.firstAnalystAfterStart}${detail('firstAnalystAfterStart')}.`,
  );
  lines.push(
    `Peak RSS: bot ${r.peakRssMb.bot} MB, baseline ${r.peakRssMb.baseline} MB${r.peakRssMb.burstBot === undefined ? '' : ` (burst bot ${r.peakRssMb.burstBot} MB)`}; idle before load: bot ${r.idleRssMb.bot} MB, baseline ${r.idleRssMb.baseline} MB. Card bytes: bot ${r.cardBytes.bot}, baseline ${r.cardBytes.baseline}.`,
  );
  const p = r.productionIdle;
  const loaded = `${p.filesLoaded} files loaded, ${p.demoOrDevFilesLoaded} of them demo or dev code`;
  lines.push(`Production start (BOT_ID set, idle ${p.settleS} s): RSS ${p.rssMb} MB, ${loaded}.`);
  const f = r.unsignedFlood;
  const statuses =
    Object.entries(f.statuses)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', ') || 'none';
  lines.push(
    `Unsigned-token flood (production bot): ${f.requests} POSTs → ${statuses}; RSS ${f.rssBeforeMb} → ${f.rssAfterMb} MB (retained growth ${f.retainedGrowthMb} MB); ${f.aliveAfter ? 'alive after' : 'NOT ALIVE after'}.`,
  );
  if (r.loadErrors.requestErrors || r.loadErrors.missingReplies)
    lines.push(`Load errors: ${r.loadErrors.requestErrors} non-200 answers, ${r.loadErrors.missingReplies} missing replies.`);
  if (r.loadErrors.throttledReplies) {
    lines.push(
      `WARNING: the bot answered ${r.loadErrors.throttledReplies} "Defender is busy" cards during the throughput runs: it throttles itself, so those figures measure its limiter. Raise its budget with --bot-env.`,
    );
  }
  const b = r.burst;
  if (b) {
    lines.push('');
    lines.push(`Burst: ${b.scenario}.`);
    const seen = Object.entries(b.maxCallsPerMinPerEndpoint)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(
      `  answered ${b.answered}/${b.commands}; max calls per sliding minute: ${seen || 'none'}; user-visible 429s ${b.userVisible429} (simulator answered ${b.simulator429} 429s); last answer after ${b.lastAnswerS} s; p50/p99 ${b.latencyMs.p50.toFixed(0)}/${b.latencyMs.p99.toFixed(0)} ms.`,
    );
  }
  lines.push('');
  lines.push('Targets (reported, never fail the run):');
  for (const t of r.targets) lines.push(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(32)} ${t.value.padStart(10)}   target ${t.target}`);
  if (r.missing.length) lines.push(`\nMISSING FIGURES: ${r.missing.join(', ')}`);
  return lines.join('\n');
}

const WIDTHS = [5, 10, 11, 7, 20, 20, 20, 10, 10];

function row(cells: string[]): string {
  return cells.map((c, i) => c.padStart(WIDTHS[i] ?? 10)).join(' ');
}
