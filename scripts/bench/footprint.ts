// `npm run bench:footprint` → node dist/scripts/bench/footprint.js [--settle-s N] [--json PATH] [--main PATH]
// The production process at rest: idle RSS and modules loaded, measured on the compiled bot next to
// this file or the one --main names (run it on a pruned install to measure what ships: BENCHMARKS.md,
// "Production start"). Fails when /healthz does not answer, a demo, rig, bench, build-time or
// devDependency module is loaded, or RSS is above the target: idle memory is steady enough to be a
// check (three runs agree within a few MB, 30 MB under the target), unlike the throughput figures.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compiledBotMain } from '../rig/compiled-bot';
import { devOnlyInLockfile, forbiddenModules, measureProductionFootprint, packageOf } from '../rig/production-footprint';
import { repoRoot } from '../rig/repo-root';

const RSS_TARGET_MB = 130;
const MB = 1024 * 1024;
const OURS = '(our code)';

async function main(argv: readonly string[]): Promise<number> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const settleMs = Number(flag('--settle-s') ?? '10') * 1000;
  if (!Number.isFinite(settleMs) || settleMs < 0) throw new Error('--settle-s needs a number of seconds ≥ 0');
  const main = resolve(flag('--main') ?? compiledBotMain);
  const fp = await measureProductionFootprint({ settleMs, main });
  // The lockfile that installed `main`: <root>/dist/src/main.js, or this tree's.
  const root = existsSync(join(main, '..', '..', '..', 'package-lock.json')) ? join(main, '..', '..', '..') : repoRoot;
  const forbidden = forbiddenModules(fp.files, main, devOnlyInLockfile(root));

  const byPackage = new Map<string, number>();
  for (const f of fp.files) byPackage.set(packageOf(f) ?? OURS, (byPackage.get(packageOf(f) ?? OURS) ?? 0) + 1);
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12);
  const rssMb = fp.rss / MB;
  const lines = [
    `Production start (${main}), idle ${settleMs / 1000} s after /healthz answered ${fp.healthz.status}:`,
    `  RSS                 ${rssMb.toFixed(1)} MB (target ≤ ${RSS_TARGET_MB} MB${rssMb <= RSS_TARGET_MB ? '' : ', MISSED'})`,
    `  V8 heap used        ${(fp.heapUsed / MB).toFixed(1)} MB`,
    `  modules loaded      ${fp.files.length} files (require.cache) + ${fp.builtins} Node built-ins/bindings`,
    `  packages loaded     ${byPackage.size - (byPackage.has(OURS) ? 1 : 0)}; most files: ${top.map(([p, n]) => `${p} ${n}`).join(', ')}`,
    `  demo/rig/dev loaded ${forbidden.length === 0 ? 'none' : forbidden.join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const jsonPath = flag('--json');
  if (jsonPath !== undefined) {
    const figures = { rssMb, heapUsedMb: fp.heapUsed / MB, files: fp.files.length, builtins: fp.builtins, forbidden };
    writeFileSync(jsonPath, `${JSON.stringify({ ...figures, packages: Object.fromEntries(byPackage) }, null, 2)}\n`);
  }
  return fp.healthz.status === 200 && forbidden.length === 0 && rssMb <= RSS_TARGET_MB ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`footprint: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
