import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAppPackage } from '../../scripts/manifest/build-package';
import { checkManifest } from '../../scripts/manifest/checks';
import { resolvePackageValues } from '../../scripts/manifest/package-values';
import { fillTemplate, findPlaceholders, placeholderNames } from '../../scripts/manifest/template';
import { PACKAGE_JSON, REAL_ENV, clone, inputs, isObject, readIcon, readTemplate } from './inputs';

test('every placeholder the template uses gets a value, in both real and demo packages', () => {
  const names = placeholderNames(readTemplate());
  assert.ok(names.includes('BOT_ID') && names.includes('APP_ID') && names.includes('BOT_DOMAIN') && names.includes('APP_ID_URI'));
  for (const env of [REAL_ENV, {}]) {
    const { values } = resolvePackageValues(env, PACKAGE_JSON);
    assert.deepEqual(
      names.filter((n) => values[n] === undefined),
      [],
    );
  }
});

test('fillTemplate replaces placeholders inside strings, keeps the rest, and leaves unknown names alone', () => {
  const filled = fillTemplate({ a: 'x ${{BOT_ID}} y', b: ['${{ BOT_ID }}', 3, true, null], c: '${{NOPE}}' }, { BOT_ID: 'id' });
  assert.deepEqual(filled, { a: 'x id y', b: ['id', 3, true, null], c: '${{NOPE}}' });
});

test("a value with quotes or backslashes cannot break the manifest's JSON", () => {
  const filled = fillTemplate({ name: '${{DEVELOPER_NAME}}' }, { DEVELOPER_NAME: 'Contoso "SOC" \\ team' });
  assert.deepEqual(JSON.parse(JSON.stringify(filled)), { name: 'Contoso "SOC" \\ team' });
});

test('findPlaceholders reports each leftover placeholder with its JSON path, and nothing for a filled manifest', async () => {
  assert.deepEqual(findPlaceholders({ bots: [{ botId: '${{BOT_ID}}' }], ok: 'fine', n: 1 }), ['bots[0].botId: ${{BOT_ID}}']);
  assert.deepEqual(findPlaceholders({ '${{K}}': 'v' }), ['${{K}}: key ${{K}}']);
  const { manifest } = await buildAppPackage(inputs());
  assert.deepEqual(findPlaceholders(manifest), []);
});

test('a placeholder left behind (a template name with no value) stops the package', async () => {
  const template = clone(readTemplate());
  assert.ok(isObject(template) && isObject(template['developer']));
  template['developer']['mpnId'] = '${{PARTNER_ID}}';
  const result = await buildAppPackage(inputs({ template }));
  assert.equal(result.built, undefined);
  assert.ok(
    result.problems.some((p) => p.includes('placeholders left unfilled') && p.includes('developer.mpnId: ${{PARTNER_ID}}')),
    result.problems.join('\n'),
  );
});

test('checkManifest flags leftover placeholders even where the schema would accept the string', async () => {
  const { manifest } = await buildAppPackage(inputs());
  const broken = clone(manifest);
  assert.ok(isObject(broken) && isObject(broken['name']));
  broken['name']['full'] = 'MDE ChatOps${{APP_NAME_SUFFIX}}';
  const problems = checkManifest(broken, { commands: [], readIcon, botDomain: REAL_ENV.BOT_DOMAIN });
  assert.ok(problems.some((p) => p.includes('name.full: MDE ChatOps${{APP_NAME_SUFFIX}}')));
});
