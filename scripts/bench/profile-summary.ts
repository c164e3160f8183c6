// `node dist/scripts/bench/profile-summary.js FILE.cpuprofile [--top N]`: what a `--cpu-prof` profile of
// the bot spent its time on — self time by package/folder, then the top functions by self and by
// inclusive time. Made for BENCHMARKS.md: `run.js --cpu-prof DIR` writes the bot's profile to DIR.
// Our compiled files are recognised wherever they were built (dist/, or a private --outDir): any
// file outside node_modules under <outDir>/src/ or <outDir>/scripts/ shows as `ours:src/...`.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)']);

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

function main(): void {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node <outDir>/scripts/bench/profile-summary.js FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const topIndex = process.argv.indexOf('--top');
  const top = topIndex > 0 ? Number(process.argv[topIndex + 1] ?? 20) : 20;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const modules = new Map<string, number>();
  const categories = new Map<string, number>();
  let busy = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id);
    if (node === undefined || IDLE.has(node.callFrame.functionName)) return;
    busy += dt;
    add(self, frameKey(node.callFrame), dt);
    add(modules, moduleOf(node.callFrame), dt);
    // Inclusive: once per distinct function on the stack, so recursion is not counted twice.
    const seen = new Set<string>();
    const stack: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (frame === undefined || frame.functionName === '(root)') continue;
      stack.push(`${frame.functionName} ${ours(frame.url) ?? frame.url}`);
      const key = frameKey(frame);
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key, dt);
      }
    }
    add(categories, CATEGORIES.find(([, re]) => stack.some((f) => re.test(f)))?.[0] ?? 'other (node core, V8)', dt);
  });

  const out: string[] = [];
  const pct = (ms: number): string => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  const print = (title: string, map: Map<string, number>): void => {
    out.push('', title);
    for (const [key, ms] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
      out.push(`  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  };
  out.push(`${file}: ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (not idle); percentages are of busy time.`);
  print('Busy time by what the stack was doing', categories);
  print('Self time by package / folder', modules);
  print('Top functions by self time', self);
  print('Top functions by inclusive time', inclusive);
  // One write: a reader that stops early (| head) then costs no EPIPE per line.
  process.stdout.write(`${out.join('\n')}\n`);
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function frameKey(f: CallFrame): string {
  return `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
}

/**
 * `ours:src/cards/index.js` for a compiled file of this repository, whatever the outDir; undefined
 * for node_modules, node: and V8 frames. The later of the last `/src/` and `/scripts/` is the outDir's.
 */
function ours(url: string): string | undefined {
  if (url === '' || url.includes('node_modules/') || url.startsWith('node:')) return undefined;
  const at = Math.max(url.lastIndexOf('/src/'), url.lastIndexOf('/scripts/'));
  return at >= 0 ? `ours:${url.slice(at + 1)}` : undefined;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  return ours(url)?.slice('ours:'.length) ?? url;
}

/** node_modules package (scoped included), our src/<folder> (or scripts/<folder>), node internals, or the VM's pseudo-frames. */
function moduleOf(f: CallFrame): string {
  const url = f.url;
  if (url === '') return f.functionName.startsWith('(') ? f.functionName : '(native / V8 builtins)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return (parts[0] ?? '').startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node: (core)';
  const src = /^ours:(src|scripts)\/([^/]+)/.exec(ours(url) ?? '');
  if (src) return `${src[1]}/${src[2]}`;
  return url;
}

main();
