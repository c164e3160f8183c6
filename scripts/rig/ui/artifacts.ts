// Where screenshots go: artifacts/ (git-ignored) for test runs, docs/images/ for the README.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../repo-root';

/** artifacts/<sub>/ under the repository, created on first use. */
export function artifactDir(sub: string): string {
  const dir = path.join(repoRoot, 'artifacts', sub);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** docs/images/, created on first use. */
export function docsImagesDir(): string {
  const dir = path.join(repoRoot, 'docs', 'images');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file-name-safe version of a label: "machines#1 (page 2)" → "machines-1-page-2". */
export function slug(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
