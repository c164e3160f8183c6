// Validation against Microsoft's own Teams manifest JSON schema, fully offline.
// AppManifestUtils.validateAgainstSchema(manifest) without a schema argument resolves `$schema`
// to a copy bundled in @microsoft/app-manifest but silently falls back to downloading it; we always
// pass the bundled schema ourselves, so validation never touches the network and an unknown
// version fails loudly instead. Dev-time module: @microsoft/app-manifest is a devDependency, so
// only the packaging script and the tests import this file, never the running bot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

type TeamsSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** The folder holding the bundled Teams schemas (one `v<version>/MicrosoftTeams.schema.json` each). */
export function bundledTeamsSchemaDir(): string {
  // The package has no "exports" map, so its package.json is resolvable and anchors the layout.
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(pkgDir, 'build', 'json-schemas', 'teams');
}

/** Versions ("1.24", "1.30", "devPreview"...) whose schema the package bundles. */
export function bundledTeamsSchemaVersions(): string[] {
  return fs
    .readdirSync(bundledTeamsSchemaDir(), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(bundledTeamsSchemaDir(), e.name, 'MicrosoftTeams.schema.json')))
    .map((e) => e.name.replace(/^v/, ''));
}

export function loadBundledTeamsSchema(manifestVersion: string): TeamsSchema {
  const file = path.join(bundledTeamsSchemaDir(), `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!/^[0-9A-Za-z.]+$/.test(manifestVersion) || !fs.existsSync(file)) {
    throw new Error(
      `@microsoft/app-manifest bundles no Teams schema for manifestVersion "${manifestVersion}" ` +
        `(bundled: ${bundledTeamsSchemaVersions().sort(compareVersions).join(', ')}).`,
    );
  }
  // JSON boundary: the file is Microsoft's schema document.
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TeamsSchema;
}

/**
 * Validates against the bundled schema for the manifest's own `manifestVersion` (or for
 * `schemaVersion`, to check a manifest against another version). Returns the schema's messages
 * (empty when valid), e.g. `/manifestVersion must be equal to constant ...`.
 */
export async function validateAgainstBundledSchema(manifest: unknown, schemaVersion?: string): Promise<string[]> {
  const version =
    schemaVersion ??
    (typeof manifest === 'object' && manifest !== null && 'manifestVersion' in manifest ? manifest.manifestVersion : undefined);
  if (typeof version !== 'string') return ['manifestVersion is missing, so no schema can be chosen.'];
  let schema: TeamsSchema;
  try {
    schema = loadBundledTeamsSchema(version);
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
  // The package's parameter type is its generated union; the schema checks the real shape.
  const messages = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  // Root-level messages come with an empty instance path: name it.
  return messages.map((m) => (m.startsWith(' ') ? `(manifest)${m}` : m));
}

function compareVersions(a: string, b: string): number {
  const num = (v: string): number[] => v.split('.').map((n) => (/^\d+$/.test(n) ? Number(n) : Number.MAX_SAFE_INTEGER));
  const [x, y] = [num(a), num(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
