// Shared inputs for the manifest tests: the committed template and icons, read from the source tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/rig/repo-root';
import type { BuildInputs } from '../../scripts/manifest/build-package';
import { parseJson, type JsonValue } from '../../scripts/manifest/template';

export const manifestDir = path.join(repoRoot, 'manifest');

export function readTemplate(): JsonValue {
  return parseJson(fs.readFileSync(path.join(manifestDir, 'manifest.template.json'), 'utf8'));
}

export function readIcon(name: string): Buffer | undefined {
  const file = path.join(manifestDir, name);
  return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

export const BOT_ID = '6f8e2a4b-1111-4222-8333-944455556666';
export const REAL_ENV = { BOT_ID, BOT_DOMAIN: 'mde-chatops.azurewebsites.net' } as const;
export const PACKAGE_JSON = { version: '1.2.3', homepage: 'https://github.com/contoso/mde-chatops#readme' } as const;

export function inputs(overrides: Partial<BuildInputs> = {}): BuildInputs {
  return { template: readTemplate(), env: REAL_ENV, packageJson: PACKAGE_JSON, readIcon, ...overrides };
}

/** A deep copy to mutate in a test. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
