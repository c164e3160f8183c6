// Locates the repository at test time, so tests can read fixtures from the source tree whether the
// compiled tests run from dist/ inside the repo or from an outDir elsewhere (e.g. /tmp/...).
import * as fs from 'node:fs';
import * as path from 'node:path';

function findUp(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The directory holding package.json: found from this file first; when the tests were compiled to
 * a directory outside the repo, from the working directory (`node --test` is run from the repo).
 */
export const repoRoot: string = (() => {
  const root = findUp(__dirname) ?? findUp(process.cwd());
  if (root === undefined) throw new Error(`no package.json above ${__dirname} or ${process.cwd()}`);
  return root;
})();

/** Absolute path of a file under test/fixtures/, e.g. `fixturePath('defender/machines.empty.json')`. */
export function fixturePath(relPath: string): string {
  return path.join(repoRoot, 'test', 'fixtures', relPath);
}

/** The raw text of a fixture under test/fixtures/ (what a fake server sends on the wire). */
export function readFixtureText(relPath: string): string {
  return fs.readFileSync(fixturePath(relPath), 'utf8');
}

/** A JSON fixture under test/fixtures/, parsed. */
export function readFixture(relPath: string): unknown {
  return JSON.parse(readFixtureText(relPath)) as unknown;
}
