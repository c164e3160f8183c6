// `node <outDir>/scripts/bench/profile-diff.js A B [--commands nA,nB] [--top N]`: where one set of
// `--cpu-prof` profiles spends time the other does not, function by function. A and B are a
// .cpuprofile file or a folder of them (all summed: the replicas bench writes one per replica, in
// DIR/memory-3 and DIR/redis). Loading modules at start is left out (one-off); with --commands, the
// figures are per command (the commands each side's processes answered over their whole life, which
// the replicas bench prints with --cpu-prof), else in ms. Made for BENCHMARKS.md's Redis section:
// what running on Redis adds to a replica's CPU.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CallFrame, type CpuProfile, frameKey, IDLE, moduleOf } from './cpu-profile';

interface Totals {
  files: number;
  busy: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  modules: Map<string, number>;
}

const START_UP = /^(Module\._load|wrapSafe|compileFunction)$/;

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const top = Number(flag('--top') ?? 25);
  const commands = (flag('--commands') ?? '').split(',').filter(Boolean).map(Number);
  const [a, b] = args;
  if (a === undefined || b === undefined) {
    process.stderr.write('usage: node <outDir>/scripts/bench/profile-diff.js A B [--commands nA,nB] [--top N]\n');
    process.exit(2);
  }
  const ta = totals(a);
  const tb = totals(b);
  const [na, nb] = commands.length === 2 ? (commands as [number, number]) : [1, 1];
  const unit = commands.length === 2 ? 'ms per command' : 'ms';
  const fmt = (ms: number): string => (commands.length === 2 ? ms.toFixed(3) : ms.toFixed(0)).padStart(8);
  const out = [
    `A: ${a} (${ta.files} profile(s)${commands.length === 2 ? `, ${na} commands` : ''}): ${fmt(ta.busy / na)} ${unit} busy, start-up left out`,
    `B: ${b} (${tb.files} profile(s)${commands.length === 2 ? `, ${nb} commands` : ''}): ${fmt(tb.busy / nb)} ${unit} busy, start-up left out`,
    `B − A: ${fmt(tb.busy / nb - ta.busy / na)} ${unit}`,
  ];
  const table = (title: string, ma: Map<string, number>, mb: Map<string, number>): void => {
    out.push('', `${title} (${unit}: A, B, B − A; largest differences first)`);
    const keys = new Set([...ma.keys(), ...mb.keys()]);
    const rows = [...keys].map((k) => {
      const x = (ma.get(k) ?? 0) / na;
      const y = (mb.get(k) ?? 0) / nb;
      return { k, x, y, d: y - x };
    });
    rows.sort((p, q) => Math.abs(q.d) - Math.abs(p.d));
    for (const r of rows.slice(0, top)) out.push(`  ${fmt(r.x)} ${fmt(r.y)} ${fmt(r.d)}  ${r.k}`);
  };
  table('Self time by package / folder', ta.modules, tb.modules);
  table('Self time by function', ta.self, tb.self);
  table('Inclusive time by function', ta.inclusive, tb.inclusive);
  process.stdout.write(`${out.join('\n')}\n`);
}

function totals(path: string): Totals {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(path, f))
    : [path];
  const t: Totals = { files: files.length, busy: 0, self: new Map(), inclusive: new Map(), modules: new Map() };
  for (const file of files) addProfile(t, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  return t;
}

function addProfile(t: Totals, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (node === undefined || IDLE.has(node.callFrame.functionName)) return;
    const stack: CallFrame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (frame !== undefined && frame.functionName !== '(root)') stack.push(frame);
    }
    if (stack.some((f) => START_UP.test(f.functionName))) return;
    t.busy += dt;
    add(t.self, frameKey(node.callFrame), dt);
    add(t.modules, moduleOf(node.callFrame), dt);
    // Once per distinct function on the stack, so recursion is not counted twice.
    for (const key of new Set(stack.map(frameKey))) add(t.inclusive, key, dt);
  });
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

main();
