// `npm test` and `npm run test:ui`: the same test files on every Node line we support. `node --test dist/test/`
// is a directory on Node 20 but a file name on Node 22+ ("Cannot find module"), and each line discovers files by
// its own rules (Node 20 also runs every .js under a folder named test, helpers included). So this runner lists
// the *.test.js files itself and hands exactly that list to node:test, with the TAP reporter whose closing
// `# tests N` / `# pass N` / `# fail N` lines CI reads.
//
//   node dist/scripts/run-tests.js          every test file under <outDir>/test
//   node dist/scripts/run-tests.js ui       only <outDir>/test/ui
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

/** Two files at a time: the machines this runs on have two cores, and many tests start servers and browsers. */
export const CONCURRENCY = 2;

/** Every `*.test.js` below `dir`, at any depth, sorted, so each Node version gets the same list in the same order. */
export function testFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** The test folders to run: <outDir>/test, or the sub-folders named on the command line. */
export function testRoots(testDir: string, args: readonly string[]): string[] {
  const roots = args.length === 0 ? [testDir] : args.map((a) => resolve(testDir, a));
  for (const root of roots) {
    const inside = relative(testDir, root);
    if (inside.startsWith('..') || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`${root} is not a folder of compiled tests under ${testDir}`);
    }
  }
  return roots;
}

function main(): void {
  // Compiled to <outDir>/scripts/run-tests.js; the tests to <outDir>/test.
  const outDir = resolve(__dirname, '..');
  const testDir = join(outDir, 'test');
  let roots: string[];
  try {
    roots = testRoots(testDir, process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
    return;
  }
  const files = [...new Set(roots.flatMap(testFiles))];
  // Printed first, so a suite that shrinks (a folder no longer compiled, a renamed file) shows in the log.
  const where = roots.map((r) => relative(process.cwd(), r) || '.').join(', ');
  console.log(`# test files ${files.length} (${where}, Node ${process.version})`);
  if (files.length === 0) {
    console.error('no *.test.js files found: did "tsc -p ." run?');
    process.exitCode = 1;
    return;
  }
  const stream = run({ files, concurrency: CONCURRENCY });
  stream.on('test:fail', (event: { todo?: string | boolean }) => {
    // A failing todo test is reported but does not fail the run, as with `node --test`.
    if (event.todo === undefined || event.todo === false) process.exitCode = 1;
  });
  stream.compose(tap).pipe(process.stdout);
}

if (require.main === module) main();
