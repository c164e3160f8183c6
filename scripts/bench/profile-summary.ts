// `node dist/scripts/bench/profile-summary.js FILE.cpuprofile [--top N]`: what a `--cpu-prof` profile of
// the bot spent its time on — self time by package/folder, then the top functions by self and by
// inclusive time; with --from/--to/--commands, one run's window of the profile in ms per command, and
// with --vs, two profiles side by side (the bot against the baseline). Made for BENCHMARKS.md: `run.js --cpu-prof DIR` writes the bot's profile to DIR.
// Our compiled files are recognised wherever they were built (dist/, or a private --outDir): any
// file outside node_modules under <outDir>/src/ or <outDir>/scripts/ shows as `ours:src/...`.
import { readFileSync } from 'node:fs';
import { type CallFrame, type CpuProfile, frameKey, IDLE, moduleOf, ours } from './cpu-profile';

/**
 * Where a sample's time goes, by the first category (in this order) any frame of its stack matches
 * ("function url"). Order matters: rendering happens inside the teams-ai turn, so specific first.
 * Socket writes finished in a later tick lose their caller; the node:http and undici frames place them.
 */
const CATEGORIES: ReadonlyArray<readonly [string, RegExp]> = [
  ['start-up: loading modules (one-off)', /^(Module\._load|wrapSafe|compileFunction) /],
  ['garbage collection', /^\(garbage collector\) /],
  ['rendering the card (src/cards, adaptivecards-templating)', /ours:src\/cards\/|adaptivecards-templating|adaptive-expressions/],
  ['typing indicator (src/teams/typing + its connector POST)', /ours:src\/teams\/typing/],
  // Before the outbound HTTP lines: the answer to /api/messages is an http write too (our adapter's `end`).
  [
    'inbound HTTP (express, body-parser, the response)',
    /node_modules\/(express|body-parser|router|raw-body)\/|node:_http_server|botbuilder\/lib\/cloudAdapter\.js|^end ours:src\/teams\/adapter\.js/,
  ],
  // The Defender call and the connector POST share one HTTP client (src/shared/http-client): what
  // still shows its caller is counted there; a socket write finished in a later tick is not.
  [
    'Defender call (src/defender, its HTTP exchange)',
    /ours:src\/defender\/|ours:src\/audit\/call-meter|ours:src\/resilience\/limited-fetch/,
  ],
  [
    'connector POSTs (botframework-connector, @azure/*, the transport)',
    /botframework-connector|node_modules\/@azure\/|@typespec\/ts-http-runtime|ours:src\/teams\/connector-transport/,
  ],
  ['Defender budget and cache (src/resilience)', /ours:src\/resilience\//],
  ['teams-ai / botbuilder turn', /@microsoft\/teams-ai|node_modules\/botbuilder|node_modules\/botframework-schema/],
  // Socket writes and response parsing in later ticks no longer show who asked: Defender calls and
  // connector POSTs alike (node:http since issue 17; undici's fetch before).
  [
    'outbound HTTP, caller unknown (Defender call or connector POST)',
    /undici|node:_http_client|node:_http_outgoing|node:_http_agent|ours:src\/shared\/http-client/,
  ],
  ['other code of ours (src/)', /ours:src\//],
];

interface Summary {
  label: string;
  total: number;
  busy: number;
  /** What the figures are divided by: commands served in the window (1 = absolute ms). */
  per: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  modules: Map<string, number>;
  categories: Map<string, number>;
}

/** One profile, or the part of it between `fromS` and `toS` seconds after its start. */
interface Slice {
  file: string;
  fromS: number;
  toS: number;
  commands: number;
  /** Only samples whose category's name starts with this. */
  only?: string;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args[0];
  if (file === undefined || file.startsWith('--')) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const top = Number(option('--top') ?? 20);
  const only = option('--only');
  const slice = (f: string, prefix: string): Slice => ({
    file: f,
    fromS: Number(option(`--${prefix}from`) ?? 0),
    toS: Number(option(`--${prefix}to`) ?? Number.POSITIVE_INFINITY),
    commands: Number(option(`--${prefix}commands`) ?? 1),
    ...(only === undefined ? {} : { only }),
  });
  const a = slice(file, '');
  const vsFile = option('--vs');
  const out: string[] = [];
  if (args.includes('--timeline')) out.push(timeline(a.file));
  const sa = summarise(a);
  if (vsFile === undefined) {
    describe(sa, out);
    print(out, sa, 'Busy time by what the stack was doing', sa.categories, top);
    print(out, sa, 'Self time by package / folder', sa.modules, top);
    print(out, sa, 'Top functions by self time', sa.self, top);
    print(out, sa, 'Top functions by inclusive time', sa.inclusive, top);
  } else {
    const sb = summarise(slice(vsFile, 'vs-'));
    describe(sa, out);
    describe(sb, out);
    compare(out, sa, sb, 'Busy time by what the stack was doing', 'categories', top);
    compare(out, sa, sb, 'Self time by package / folder', 'modules', top);
    compare(out, sa, sb, 'Functions by self time (largest difference first)', 'self', top);
    compare(out, sa, sb, 'Functions by inclusive time (largest difference first)', 'inclusive', top);
  }
  // One write: a reader that stops early (| head) then costs no EPIPE per line.
  process.stdout.write(`${out.join('\n')}\n`);
}

const USAGE = `usage: node <outDir>/scripts/bench/profile-summary.js FILE.cpuprofile [options]
  --top N                 rows per table (20)
  --timeline              busy % of each second of the profile (to find a run's window)
  --from S --to S         only samples between S and S seconds after the profile started
  --commands N            divide by N (commands served in that window): ms per command
  --only TEXT             only samples of the categories whose name starts with TEXT (e.g. 'connector POSTs')
  --vs FILE2              side by side with a second profile (bot against baseline), largest difference first;
                          --vs-from, --vs-to, --vs-commands select and scale it the same way
`;

function summarise(s: Slice): Summary {
  const profile = JSON.parse(readFileSync(s.file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const sum: Summary = {
    label: `${s.file}${Number.isFinite(s.toS) || s.fromS > 0 ? ` [${s.fromS}–${s.toS} s]` : ''}`,
    total: 0,
    busy: 0,
    per: s.commands,
    self: new Map(),
    inclusive: new Map(),
    modules: new Map(),
    categories: new Map(),
  };
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    at += dt;
    if (at < s.fromS * 1000 || at >= s.toS * 1000) return;
    sum.total += dt;
    const node = byId.get(id);
    if (node === undefined || IDLE.has(node.callFrame.functionName)) return;
    const frames: CallFrame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (frame !== undefined && frame.functionName !== '(root)') frames.push(frame);
    }
    const stack = frames.map((frame) => `${frame.functionName} ${ours(frame.url) ?? frame.url}`);
    const category = CATEGORIES.find(([, re]) => stack.some((f) => re.test(f)))?.[0] ?? 'other (node core, V8)';
    if (s.only !== undefined && !category.startsWith(s.only)) return;
    sum.busy += dt;
    add(sum.categories, category, dt);
    add(sum.self, frameKey(node.callFrame), dt);
    add(sum.modules, moduleOf(node.callFrame), dt);
    // Inclusive: once per distinct function on the stack, so recursion is not counted twice.
    const seen = new Set<string>();
    for (const frame of frames) {
      const key = frameKey(frame);
      if (!seen.has(key)) {
        seen.add(key);
        add(sum.inclusive, key, dt);
      }
    }
  });
  return sum;
}

/** Busy % per second of the profile: a bench process serves several runs (the baseline also serves baseline0). */
function timeline(file: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const idle = new Set(profile.nodes.filter((n) => IDLE.has(n.callFrame.functionName)).map((n) => n.id));
  const bins: Array<[number, number]> = [];
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    at += dt;
    const second = Math.floor(at / 1000);
    bins[second] ??= [0, 0];
    const bin = bins[second];
    bin[1] += dt;
    if (!idle.has(id)) bin[0] += dt;
  });
  return `${file}: busy % by second\n  ${Array.from(bins, (b, s) => `${s}:${b === undefined || b[1] === 0 ? 0 : Math.round((100 * b[0]) / b[1])}`).join(' ')}`;
}

function describe(s: Summary, out: string[]): void {
  const per = s.per === 1 ? '' : `; figures are ms per command (${s.per} commands)`;
  out.push(`${s.label}: ${s.total.toFixed(0)} ms sampled, ${s.busy.toFixed(0)} ms busy (not idle)${per}; percentages are of busy time.`);
}

function print(out: string[], s: Summary, title: string, map: Map<string, number>, top: number): void {
  const pct = (ms: number): string => `${((100 * ms) / s.busy).toFixed(1).padStart(5)}%`;
  const digits = s.per === 1 ? 0 : 3;
  out.push('', title);
  for (const [key, ms] of [...map.entries()].sort((x, y) => y[1] - x[1]).slice(0, top))
    out.push(`  ${pct(ms)} ${(ms / s.per).toFixed(digits).padStart(8)} ms  ${key}`);
}

function compare(
  out: string[],
  a: Summary,
  b: Summary,
  title: string,
  field: 'categories' | 'modules' | 'self' | 'inclusive',
  top: number,
): void {
  const keys = new Set([...a[field].keys(), ...b[field].keys()]);
  const rows = [...keys].map((key) => {
    const x = (a[field].get(key) ?? 0) / a.per;
    const y = (b[field].get(key) ?? 0) / b.per;
    return { key, x, y };
  });
  rows.sort((r, s) => Math.abs(s.x - s.y) - Math.abs(r.x - r.y));
  out.push('', `${title}: first − second = difference (ms${a.per === 1 ? '' : ' per command'})`);
  if (field === 'categories' || field === 'modules') rows.sort((r, s) => s.x + s.y - (r.x + r.y));
  for (const { key, x, y } of rows.slice(0, top))
    out.push(
      `  ${x.toFixed(3).padStart(8)} ${y.toFixed(3).padStart(8)} ${(x - y >= 0 ? '+' : '') + (x - y).toFixed(3).padStart(7)}  ${key}`,
    );
  if (field === 'categories' || field === 'modules') {
    const tx = a.busy / a.per;
    const ty = b.busy / b.per;
    out.push(
      `  ${tx.toFixed(3).padStart(8)} ${ty.toFixed(3).padStart(8)} ${(tx - ty >= 0 ? '+' : '') + (tx - ty).toFixed(3).padStart(7)}  busy in all`,
    );
  }
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

main();
