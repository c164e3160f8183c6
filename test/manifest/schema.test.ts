import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAppPackage } from '../../scripts/manifest/build-package';
import { teamsSchemaUrl } from '../../scripts/manifest/checks';
import { bundledTeamsSchemaVersions, validateAgainstBundledSchema } from '../../scripts/manifest/schema';
import { clone, inputs, isObject, readTemplate } from './inputs';

async function filledManifest(): Promise<Record<string, unknown>> {
  const { manifest } = await buildAppPackage(inputs());
  assert.ok(isObject(manifest));
  return manifest;
}

test('the template declares a Teams schema version that @microsoft/app-manifest bundles, with the matching $schema URL', () => {
  const template = readTemplate();
  assert.ok(isObject(template));
  const version = template['manifestVersion'];
  assert.equal(typeof version, 'string');
  assert.ok(bundledTeamsSchemaVersions().includes(String(version)), `manifestVersion ${String(version)} is not bundled`);
  assert.equal(template['$schema'], teamsSchemaUrl(String(version)));
});

test("the filled real manifest passes Microsoft's bundled schema", async () => {
  const result = await buildAppPackage(inputs());
  assert.deepEqual(result.schemaMessages, []);
  assert.deepEqual(result.problems, []);
  assert.ok(result.built);
});

test("the filled demo manifest passes Microsoft's bundled schema too", async () => {
  const result = await buildAppPackage(inputs({ env: {} }));
  assert.equal(result.demo, true);
  assert.deepEqual(result.schemaMessages, []);
  assert.ok(result.built);
});

test("a manifest without a required field fails with the schema's own message", async () => {
  const manifest = clone(await filledManifest());
  delete manifest['developer'];
  const messages = await validateAgainstBundledSchema(manifest);
  assert.ok(
    messages.some((m) => m.includes("must have required property 'developer'")),
    messages.join('\n'),
  );
});

test('a manifest checked against a schema version it does not declare fails on manifestVersion', async () => {
  const manifest = clone(await filledManifest());
  manifest['manifestVersion'] = '1.29';
  const messages = await validateAgainstBundledSchema(manifest, String((await filledManifest())['manifestVersion']));
  assert.ok(
    messages.some((m) => m.startsWith('/manifestVersion must be equal to constant')),
    messages.join('\n'),
  );
});

test('a manifestVersion the package does not bundle is refused with the list of bundled versions, not fetched', async () => {
  const manifest = clone(await filledManifest());
  manifest['manifestVersion'] = '1.99';
  const [message, ...rest] = await validateAgainstBundledSchema(manifest);
  assert.equal(rest.length, 0);
  assert.match(message ?? '', /bundles no Teams schema for manifestVersion "1\.99" \(bundled: .*1\.24.*\)/);
});

test("a bad field value fails with the schema's message naming the field", async () => {
  const manifest = clone(await filledManifest());
  manifest['accentColor'] = 'blue';
  const messages = await validateAgainstBundledSchema(manifest);
  assert.ok(
    messages.some((m) => m.startsWith('/accentColor must match pattern')),
    messages.join('\n'),
  );
});

test('schema validation makes no network request', async (t) => {
  const fetchMock = t.mock.method(globalThis, 'fetch', () => Promise.reject(new Error('network is off in this test')));
  const manifest = await filledManifest();
  assert.deepEqual(await validateAgainstBundledSchema(manifest), []);
  assert.equal(fetchMock.mock.callCount(), 0);
});
