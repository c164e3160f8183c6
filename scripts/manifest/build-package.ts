// Builds the Teams app package in memory: fill the template, check it (ours, then Microsoft's
// schema), zip it. No file or environment access here, so tests drive it with plain values; the
// script in scripts/package-app.ts does the reading and writing.
import { COMMANDS, type CommandDefinition } from '../../src/commands/definitions';
import { checkManifest } from './checks';
import { generateCommandLists } from './command-lists';
import { resolvePackageValues, type Env, type PackageJsonInfo } from './package-values';
import { validateAgainstBundledSchema } from './schema';
import { fillTemplate, type JsonValue } from './template';
import { createZip } from './zip';

export interface BuildInputs {
  /** manifest/manifest.template.json, parsed. */
  template: JsonValue;
  env: Env;
  packageJson: PackageJsonInfo;
  /** Reads an icon named by the manifest from manifest/; undefined when the file is missing. */
  readIcon: (fileName: string) => Buffer | undefined;
  /** Defaults to COMMANDS; tests pass their own. */
  commands?: readonly Pick<CommandDefinition, 'title' | 'description'>[];
}

export interface BuiltPackage {
  /** File names under build/appPackage/: a DEMO package never overwrites a real one. */
  manifestFile: string;
  zipFile: string;
  manifestJson: string;
  zip: Buffer;
}

export interface BuildResult {
  demo: boolean;
  manifest: JsonValue;
  warnings: string[];
  /** Configuration problems and our own checks. */
  problems: string[];
  /** Microsoft's schema messages, verbatim. */
  schemaMessages: string[];
  /** Present only when there are no problems and no schema messages. */
  built?: BuiltPackage;
}

export async function buildAppPackage(inputs: BuildInputs): Promise<BuildResult> {
  const commands = inputs.commands ?? COMMANDS;
  const resolved = resolvePackageValues(inputs.env, inputs.packageJson);
  const manifest = fillTemplate(inputs.template, resolved.values);
  const problems = [
    ...resolved.problems,
    ...checkManifest(manifest, { commands, botDomain: resolved.values['BOT_DOMAIN'], readIcon: inputs.readIcon }),
  ];
  const schemaMessages = await validateAgainstBundledSchema(manifest);
  const result: BuildResult = { demo: resolved.demo, manifest, warnings: resolved.warnings, problems, schemaMessages };
  if (problems.length > 0 || schemaMessages.length > 0) return result;

  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const icons = iconFileNames(manifest).map((name) => {
    const data = inputs.readIcon(name);
    // checkManifest has already reported a missing icon; this guards the type only.
    if (data === undefined) throw new Error(`icon ${name} vanished while packaging`);
    return { name, data };
  });
  const zip = createZip([{ name: 'manifest.json', data: Buffer.from(manifestJson, 'utf8') }, ...icons]);
  const suffix = resolved.demo ? '.demo' : '';
  return { ...result, built: { manifestFile: `manifest${suffix}.json`, zipFile: `mde-chatops${suffix}.zip`, manifestJson, zip } };
}

/** The template with bots[0].commandLists regenerated from `commands`; everything else untouched. */
export function syncTemplateCommandLists(
  template: JsonValue,
  commands: readonly Pick<CommandDefinition, 'title' | 'description'>[] = COMMANDS,
): JsonValue {
  const bots = isObject(template) ? template['bots'] : undefined;
  const first = Array.isArray(bots) ? bots[0] : undefined;
  if (!isObject(template) || !Array.isArray(bots) || !isObject(first))
    throw new Error('the template has no bots[0] to hold the command lists');
  const lists: JsonValue = generateCommandLists(commands).map((l) => ({
    scopes: [...l.scopes],
    commands: l.commands.map((c) => ({ ...c })),
  }));
  return { ...template, bots: [{ ...first, commandLists: lists }, ...bots.slice(1)] };
}

function iconFileNames(manifest: JsonValue): string[] {
  if (!isObject(manifest) || !isObject(manifest['icons'])) return [];
  const icons = manifest['icons'];
  return [icons['color'], icons['outline']].filter((n): n is string => typeof n === 'string');
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
