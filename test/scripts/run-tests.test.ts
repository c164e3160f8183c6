// `npm test` runs scripts/run-tests.ts on every supported Node line; these tests run on each of them too.
// They hold the runner to its job: every test source compiled and listed, nothing else, and a red run
// when a test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { testFiles, testRoots } from '../../scripts/run-tests';
import { repoRoot } from '../../scripts/rig/repo-root';

// This file compiles to <outDir>/test/scripts/.
const outDir = resolve(__dirname, '..', '..');
const runner = join(outDir, 'scripts', 'run-tests.js');

/** A folder of files, each `path → content`, removed after the test. */
function tree(t: { after(fn: () => void): void }, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mde-chatops-runner-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

test('the runner lists *.test.js at any depth, sorted, and leaves helpers, maps and sources alone', (t) => {
  const root = tree(t, {
    'b.test.js': '',
    'a/z.test.js': '',
    'a/deep/er/y.test.js': '',
    'helpers/h.js': '',
    'b.test.js.map': '',
    'c.test.ts': '',
    'test.js': '',
    'a/test-x.js': '',
  });
  assert.deepEqual(
    testFiles(root).map((f) => relative(root, f).split(sep).join('/')),
    ['a/deep/er/y.test.js', 'a/z.test.js', 'b.test.js'],
  );
});

test('the runner takes sub-folders of the test folder only', (t) => {
  const root = tree(t, { 'test/ui/a.test.js': '' });
  const testDir = join(root, 'test');
  assert.deepEqual(testRoots(testDir, []), [testDir]);
  assert.deepEqual(testRoots(testDir, ['ui']), [join(testDir, 'ui')]);
  assert.throws(() => testRoots(testDir, ['..']), /is not a folder of compiled tests/);
  assert.throws(() => testRoots(testDir, ['nope']), /is not a folder of compiled tests/);
});

test('every test source under test/ is compiled and listed, and nothing else is', () => {
  const sources: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.test.ts')) sources.push(relative(join(repoRoot, 'test'), join(dir, e.name)).replace(/\.ts$/, ''));
    }
  };
  walk(join(repoRoot, 'test'));
  const listed = testFiles(join(outDir, 'test')).map((f) => relative(join(outDir, 'test'), f).replace(/\.js$/, ''));
  assert.ok(sources.length > 50, `found ${sources.length} test sources`);
  assert.deepEqual(listed, sources.sort());
});

test('npm test and npm run test:ui run the runner, not node --test on a folder (a file name on Node 22+)', () => {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(scripts['test'] ?? '', /&& node dist\/scripts\/run-tests\.js$/);
  assert.match(scripts['test:ui'] ?? '', /&& node dist\/scripts\/run-tests\.js ui$/);
  for (const script of Object.values(scripts)) assert.doesNotMatch(script, /node --test\b/);
});

test('a run prints the file count and the TAP summary, and exits 1 when a test fails and 0 when none does', (t) => {
  const pass = "require('node:test').test('passes', () => {});\n";
  const fail = "require('node:test').test('fails', () => { throw new Error('red'); });\n";
  const todo = "require('node:test').test('not yet', { todo: true }, () => { throw new Error('later'); });\n";
  const root = tree(t, { 'test/a/one.test.js': pass, 'test/two.test.js': fail, 'test/helpers/not-a-test.js': fail });
  mkdirSync(join(root, 'scripts'));
  copyFileSync(runner, join(root, 'scripts', 'run-tests.js'));
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined, NODE_OPTIONS: undefined };
  const red = spawnSync(process.execPath, [join(root, 'scripts', 'run-tests.js')], { cwd: root, encoding: 'utf8', env });
  assert.equal(red.status, 1, red.stdout + red.stderr);
  assert.match(red.stdout, /^# test files 2 \(test, Node v\d+/);
  assert.match(red.stdout, /^# tests 2$/m);
  assert.match(red.stdout, /^# pass 1$/m);
  assert.match(red.stdout, /^# fail 1$/m);

  writeFileSync(join(root, 'test', 'two.test.js'), todo);
  const green = spawnSync(process.execPath, [join(root, 'scripts', 'run-tests.js')], { cwd: root, encoding: 'utf8', env });
  assert.equal(green.status, 0, green.stdout + green.stderr);
  assert.match(green.stdout, /^# fail 0$/m);
  assert.match(green.stdout, /^# todo 1$/m);

  const wrong = spawnSync(process.execPath, [join(root, 'scripts', 'run-tests.js'), 'nope'], { cwd: root, encoding: 'utf8', env });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /nope is not a folder of compiled tests/);
  assert.doesNotMatch(wrong.stderr, /\n\s+at /, 'a clear message, not a stack trace');
});
