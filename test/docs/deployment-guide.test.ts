// docs/deployment.md is copied from by admins at deployment time: a renamed key, a settings block
// missing a required value or a moved entry point would fail there, far from this repository.
// These tests hold the guide to what the code reads and what the build produces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { repoRoot } from '../../scripts/rig/repo-root';
import semver from 'semver';
import { appServiceRuntimes, envKeysNamed, nodeEntryPoints, readGuide, settingsOf } from './guide-text';
import { configKeysRead, packageKeysRead, PLATFORM_KEYS } from './known-keys';

const guide = readGuide();
const known = new Set([...configKeysRead(), ...packageKeysRead(), ...PLATFORM_KEYS.keys()]);

/** Names in `markdown` that are neither read by our code nor an Azure setting the guide explains. */
function unknownKeys(markdown: string): string[] {
  return envKeysNamed(markdown).filter((name) => {
    if (name.endsWith('_*')) {
      const prefix = name.slice(0, -1);
      return ![...known].some((k) => k.startsWith(prefix));
    }
    return !known.has(name);
  });
}

test('every environment key the guide names is read by the bot or by npm run package, or is an Azure setting it explains', () => {
  assert.deepEqual(unknownKeys(guide), []);
});

test('the key check flags a key nobody reads and accepts real ones, families and PORT', () => {
  // Guards against an extractor that silently matches nothing.
  assert.deepEqual(unknownKeys('set `BOT_APP_ID` and `DEFENDER_RATE_PER_DAY`'), ['BOT_APP_ID', 'DEFENDER_RATE_PER_DAY']);
  assert.deepEqual(unknownKeys('`BOT_ID`, `OAUTH_CONNECTION_NAME`, the `LOCAL_RIG_*` keys, `PORT`, `BOT_DOMAIN`'), []);
  assert.deepEqual(unknownKeys('the `NOPE_*` keys'), ['NOPE_*']);
  assert.deepEqual(
    envKeysNamed('ContainerAppConsoleLogs_CL | Log_s | $uami_id | HTTPS'),
    [],
    'KQL columns, shell variables and words are not keys',
  );
  assert.ok(envKeysNamed(guide).length > 20, 'the guide names its keys');
});

/** Placeholders as an admin would fill them: `<… id>` is a GUID, anything else a non-empty value. */
function filled(settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [k, /^<[^>]*\bid>$/.test(v) ? '3f2504e0-4f89-41d3-9a0c-0305e82c3301' : v]),
  );
}

for (const [host, command, option] of [
  ['App Service', 'az webapp config appsettings set', '--settings'],
  ['Container Apps', 'az containerapp create', '--env-vars'],
] as const) {
  test(`the ${host} settings the guide gives start a single-tenant production bot`, () => {
    const settings = settingsOf(guide, command, option);
    assert.ok('BOT_ID' in settings, `no ${option} block with BOT_ID under "${command}" in the guide`);
    // loadConfig throws ConfigError naming every missing or invalid key.
    const config = loadConfig(filled(settings));
    assert.equal(config.mode, 'production');
    assert.equal(config.mode === 'production' && config.bot.type, 'SingleTenant');
  });
}

test('a settings block missing a required key is refused, so the check above can fail', () => {
  const settings = filled(settingsOf(guide, 'az webapp config appsettings set', '--settings'));
  delete settings['OAUTH_CONNECTION_NAME'];
  assert.throws(() => loadConfig(settings), /OAUTH_CONNECTION_NAME is missing/);
});

/** dist/src/main.js → src/main.ts, by tsconfig's outDir and rootDir. */
function sourceOf(compiled: string): string | undefined {
  const { compilerOptions } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { outDir: string; rootDir: string };
  };
  const outDir = compilerOptions.outDir.replace(/^\.\/|\/+$/g, '');
  if (!compiled.startsWith(`${outDir}/`)) return undefined;
  return join(repoRoot, compilerOptions.rootDir, compiled.slice(outDir.length + 1).replace(/\.js$/, '.ts'));
}

test('the start command the guide gives runs the compiled bot, the same file npm start runs', () => {
  const entries = nodeEntryPoints(guide);
  assert.ok(entries.length > 0, 'the guide gives a `node <file>.js` start command');
  const start =
    (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start'] ?? '';
  for (const entry of entries) {
    const source = sourceOf(entry);
    assert.ok(source !== undefined && existsSync(source), `${entry} is not produced by the build (no source for it)`);
    assert.ok(start.includes(`node ${entry}`), `npm start runs "${start}", not ${entry}`);
  }
});

test('the start-command check finds commands in shell lines and exec-form CMDs', () => {
  assert.deepEqual(nodeEntryPoints('--startup-file "node dist/src/main.js"'), ['dist/src/main.js']);
  assert.deepEqual(nodeEntryPoints('CMD ["node", "dist/src/other.js"]'), ['dist/src/other.js']);
  assert.equal(sourceOf('dist/src/nope.js') !== undefined && existsSync(sourceOf('dist/src/nope.js') ?? ''), false);
});

test('the Node runtime the guide names satisfies package.json engines', () => {
  const engines = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const runtimes = appServiceRuntimes(guide);
  assert.ok(runtimes.length > 0, 'the guide names an App Service runtime');
  for (const major of runtimes)
    assert.ok(semver.satisfies(`${major}.99.0`, engines), `NODE:${major}-lts is not a line engines ${engines} allows`);
});
