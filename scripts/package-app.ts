// `npm run package`: builds build/appPackage/mde-chatops.zip (or the .demo.zip without BOT_ID) from
// manifest/, validated against Microsoft's bundled schema and our own checks; exits 1 on any problem.
// `--sync-commands` rewrites the template's command menu from COMMANDS instead.
// Run from the repository root (npm does); all logic lives in scripts/manifest/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { buildAppPackage, syncTemplateCommandLists } from './manifest/build-package';
import type { PackageJsonInfo } from './manifest/package-values';
import { parseJson } from './manifest/template';

const root = process.cwd();
const templatePath = path.join(root, 'manifest', 'manifest.template.json');
const outDir = path.join(root, 'build', 'appPackage');

async function main(): Promise<number> {
  if (!fs.existsSync(templatePath) || !fs.existsSync(path.join(root, 'package.json'))) {
    process.stderr.write(`No manifest/manifest.template.json under ${root}: run this from the repository root (npm run package).\n`);
    return 1;
  }
  const template = parseJson(fs.readFileSync(templatePath, 'utf8'));

  if (process.argv.includes('--sync-commands')) {
    fs.writeFileSync(templatePath, `${JSON.stringify(syncTemplateCommandLists(template), null, 2)}\n`);
    process.stdout.write(`Regenerated bots[0].commandLists in ${path.relative(root, templatePath)} from COMMANDS.\n`);
    return 0;
  }

  // Same precedence as dotenv/config in the bot: the real environment wins over .env.
  const dotenvPath = path.join(root, '.env');
  const fileEnv = fs.existsSync(dotenvPath) ? parseDotenv(fs.readFileSync(dotenvPath)) : {};
  const env = { ...fileEnv, ...process.env };
  const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJsonInfo;
  const readIcon = (name: string): Buffer | undefined => {
    const file = path.join(root, 'manifest', name);
    return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  };

  const result = await buildAppPackage({ template, env, packageJson, readIcon });
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (!result.built) {
    const lines = [
      ...result.problems.map((p) => `  - ${p}`),
      ...(result.schemaMessages.length ? ['  Microsoft Teams manifest schema says:', ...result.schemaMessages.map((m) => `  - ${m}`)] : []),
    ];
    process.stderr.write(`The Teams app package was NOT built:\n${lines.join('\n')}\n`);
    return 1;
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, result.built.manifestFile), result.built.manifestJson);
  fs.writeFileSync(path.join(outDir, result.built.zipFile), result.built.zip);
  const rel = (f: string): string => path.relative(root, path.join(outDir, f));
  process.stdout.write(
    [
      `${result.demo ? 'DEMO ' : ''}Teams app package built and validated (schema ${String(manifestVersionOf(result.manifest))}, offline):`,
      `  ${rel(result.built.zipFile)}`,
      `  ${rel(result.built.manifestFile)}`,
      result.demo
        ? '  This DEMO package uses a placeholder bot id: it installs nowhere useful. Set BOT_ID and BOT_DOMAIN for a real one.'
        : '  Upload it in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.',
      '',
    ].join('\n'),
  );
  return 0;
}

function manifestVersionOf(manifest: unknown): unknown {
  return typeof manifest === 'object' && manifest !== null && 'manifestVersion' in manifest ? manifest.manifestVersion : undefined;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
