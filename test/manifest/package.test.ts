import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAppPackage, type BuildResult } from '../../scripts/manifest/build-package';
import { TOKEN_DOMAIN, checkManifest } from '../../scripts/manifest/checks';
import { COMMANDS } from '../../src/commands/definitions';
import { DEMO_GUID, isGuid } from '../../scripts/manifest/guid';
import { DEMO_BOT_DOMAIN, projectUrl, resolvePackageValues } from '../../scripts/manifest/package-values';
import { BOT_ID, PACKAGE_JSON, REAL_ENV, clone, inputs, isObject, readIcon } from './inputs';
import { readZip } from './zip-reader';

function field(value: unknown, ...keys: (string | number)[]): unknown {
  return keys.reduce<unknown>(
    (v, k) => (Array.isArray(v) && typeof k === 'number' ? v[k] : isObject(v) && typeof k === 'string' ? v[k] : undefined),
    value,
  );
}

function problemsFor(env: Record<string, string>): string[] {
  return resolvePackageValues(env, PACKAGE_JSON).problems;
}

async function built(result: Promise<BuildResult>): Promise<NonNullable<BuildResult['built']>> {
  const r = await result;
  assert.deepEqual([...r.problems, ...r.schemaMessages], []);
  assert.ok(r.built);
  return r.built;
}

test('a real package wires the bot id into id, botId and SSO (webApplicationInfo, api://botid-<id>)', async () => {
  const { manifest, demo } = await buildAppPackage(inputs());
  assert.equal(demo, false);
  assert.equal(field(manifest, 'id'), BOT_ID);
  assert.equal(field(manifest, 'bots', 0, 'botId'), BOT_ID);
  assert.deepEqual(field(manifest, 'webApplicationInfo'), { id: BOT_ID, resource: `api://botid-${BOT_ID}` });
  assert.deepEqual(field(manifest, 'validDomains'), [TOKEN_DOMAIN, REAL_ENV.BOT_DOMAIN]);
  assert.deepEqual(field(manifest, 'bots', 0, 'scopes'), ['personal', 'team', 'groupChat']);
  assert.equal(field(manifest, 'bots', 0, 'supportsFiles'), false);
  assert.equal(field(manifest, 'bots', 0, 'isNotificationOnly'), false);
  assert.deepEqual(field(manifest, 'permissions'), ['identity', 'messageTeamMembers']);
  assert.equal(field(manifest, 'version'), PACKAGE_JSON.version);
  assert.equal(field(manifest, 'name', 'short'), 'MDE ChatOps');
});

test('TEAMS_APP_ID gives the Teams app its own id while the bot and SSO keep BOT_ID', async () => {
  const appId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const { manifest } = await buildAppPackage(inputs({ env: { ...REAL_ENV, TEAMS_APP_ID: appId } }));
  assert.equal(field(manifest, 'id'), appId);
  assert.equal(field(manifest, 'bots', 0, 'botId'), BOT_ID);
  assert.equal(field(manifest, 'webApplicationInfo', 'id'), BOT_ID);
});

test('the real package is a zip with manifest.json, color.png and outline.png at its root', async () => {
  const pkg = await built(buildAppPackage(inputs()));
  assert.equal(pkg.zipFile, 'mde-chatops.zip');
  assert.equal(pkg.manifestFile, 'manifest.json');
  const entries = readZip(pkg.zip);
  assert.deepEqual(
    entries.map((e) => e.name),
    ['manifest.json', 'color.png', 'outline.png'],
  );
  assert.equal(entries[0]?.data.toString('utf8'), pkg.manifestJson);
  assert.ok(entries[1]?.data.equals(readIcon('color.png') ?? Buffer.alloc(0)));
  assert.ok(entries[2]?.data.equals(readIcon('outline.png') ?? Buffer.alloc(0)));
});

test('without BOT_ID the package is a clearly-named DEMO with the placeholder GUID, and says so', async () => {
  const result = await buildAppPackage(inputs({ env: {} }));
  const pkg = await built(Promise.resolve(result));
  assert.equal(result.demo, true);
  assert.equal(pkg.zipFile, 'mde-chatops.demo.zip');
  assert.equal(pkg.manifestFile, 'manifest.demo.json');
  assert.equal(field(result.manifest, 'id'), DEMO_GUID);
  assert.equal(field(result.manifest, 'bots', 0, 'botId'), DEMO_GUID);
  assert.equal(field(result.manifest, 'name', 'short'), 'MDE ChatOps (demo)');
  assert.ok(
    Array.isArray(field(result.manifest, 'validDomains')) &&
      JSON.stringify(field(result.manifest, 'validDomains')).includes(DEMO_BOT_DOMAIN),
  );
  assert.ok(result.warnings.some((w) => w.includes('DEMO package')));
});

test('BOT_ID and TEAMS_APP_ID must be GUIDs, and the demo GUID is refused for a real package', () => {
  assert.ok(problemsFor({ ...REAL_ENV, BOT_ID: 'my-bot' }).some((p) => p.startsWith('BOT_ID="my-bot" is not a GUID')));
  assert.ok(problemsFor({ ...REAL_ENV, TEAMS_APP_ID: '123' }).some((p) => p.startsWith('TEAMS_APP_ID="123" is not a GUID')));
  assert.ok(problemsFor({ ...REAL_ENV, BOT_ID: DEMO_GUID }).some((p) => p.includes('demo placeholder')));
  assert.deepEqual(problemsFor({ ...REAL_ENV, BOT_ID: BOT_ID.toUpperCase() }), []);
});

test('isGuid accepts GUIDs in either case and nothing else', () => {
  assert.ok(isGuid(BOT_ID) && isGuid(BOT_ID.toUpperCase()) && isGuid(DEMO_GUID));
  for (const bad of ['', 'x', `${BOT_ID}0`, `{${BOT_ID}}`, BOT_ID.replace(/-/g, ''), BOT_ID.replace('6', 'g')])
    assert.equal(isGuid(bad), false, bad);
});

test('every id in the final manifest is checked as a GUID, with the field named', async () => {
  const { manifest } = await buildAppPackage(inputs());
  const broken = clone(manifest);
  assert.ok(isObject(broken) && isObject(broken['webApplicationInfo']));
  broken['id'] = 'app';
  broken['webApplicationInfo']['id'] = 'sso';
  const problems = checkManifest(broken, { commands: COMMANDS, readIcon, botDomain: REAL_ENV.BOT_DOMAIN });
  assert.ok(problems.includes('id must be a GUID, got "app".'));
  assert.ok(problems.includes('webApplicationInfo.id must be a GUID, got "sso".'));
});

test('SSO that points at another app, or a resource without botid-<id>, is caught', async () => {
  const { manifest } = await buildAppPackage(inputs());
  const other = clone(manifest);
  assert.ok(isObject(other) && isObject(other['webApplicationInfo']));
  other['webApplicationInfo'] = { id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', resource: `api://botid-${BOT_ID}` };
  const problems = checkManifest(other, { commands: COMMANDS, readIcon });
  assert.ok(problems.some((p) => p.includes('differs from bots[0].botId')));
  assert.ok(problems.some((p) => p.startsWith('webApplicationInfo.resource must be')));
});

test('APP_ID_URI accepts only the two forms Teams SSO for bots supports', () => {
  assert.deepEqual(problemsFor({ ...REAL_ENV, APP_ID_URI: `api://${REAL_ENV.BOT_DOMAIN}/botid-${BOT_ID}` }), []);
  assert.ok(problemsFor({ ...REAL_ENV, APP_ID_URI: `api://${BOT_ID}` }).some((p) => p.startsWith('APP_ID_URI=')));
});

test('BOT_DOMAIN is required for a real package and must be a bare host name', () => {
  assert.ok(problemsFor({ BOT_ID }).some((p) => p.startsWith('BOT_DOMAIN is missing')));
  assert.ok(problemsFor({ BOT_ID, BOT_DOMAIN: 'https://bot.example.com/api/messages' }).some((p) => p.includes('is not a host name')));
});

test("validDomains without token.botframework.com or the bot's domain is caught", async () => {
  const { manifest } = await buildAppPackage(inputs());
  const broken = clone(manifest);
  assert.ok(isObject(broken));
  broken['validDomains'] = ['other.example.com'];
  const problems = checkManifest(broken, { commands: COMMANDS, readIcon, botDomain: REAL_ENV.BOT_DOMAIN });
  assert.ok(problems.some((p) => p.includes(TOKEN_DOMAIN)));
  assert.ok(problems.some((p) => p.includes(`bot's domain ${REAL_ENV.BOT_DOMAIN}`)));
});

test('a $schema URL that disagrees with manifestVersion is caught', async () => {
  const { manifest } = await buildAppPackage(inputs());
  const broken = clone(manifest);
  assert.ok(isObject(broken));
  broken['$schema'] = 'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';
  assert.ok(checkManifest(broken, { commands: COMMANDS, readIcon }).some((p) => p.startsWith('$schema is')));
});

test('a missing icon file stops the package', async () => {
  const result = await buildAppPackage(inputs({ readIcon: (n) => (n === 'outline.png' ? undefined : readIcon(n)) }));
  assert.equal(result.built, undefined);
  assert.ok(result.problems.includes('icons.outline names outline.png, which does not exist.'));
});

test('the app version comes from package.json unless APP_VERSION is set, and must be plain MAJOR.MINOR.PATCH', () => {
  assert.equal(resolvePackageValues(REAL_ENV, PACKAGE_JSON).values['APP_VERSION'], '1.2.3');
  assert.equal(resolvePackageValues({ ...REAL_ENV, APP_VERSION: '2.0.0' }, PACKAGE_JSON).values['APP_VERSION'], '2.0.0');
  assert.ok(problemsFor({ ...REAL_ENV, APP_VERSION: '2.0.0-beta.1' }).some((p) => p.includes('MAJOR.MINOR.PATCH')));
});

test('developer links default to the project README from package.json and can be overridden', () => {
  const { values } = resolvePackageValues(REAL_ENV, PACKAGE_JSON);
  assert.equal(values['DEVELOPER_WEBSITE_URL'], 'https://github.com/contoso/mde-chatops#readme');
  assert.equal(values['DEVELOPER_PRIVACY_URL'], 'https://github.com/contoso/mde-chatops#privacy');
  assert.equal(values['DEVELOPER_TERMS_URL'], 'https://github.com/contoso/mde-chatops#license');
  assert.equal(
    projectUrl({ repository: { url: 'git+https://github.com/contoso/mde-chatops.git' } }),
    'https://github.com/contoso/mde-chatops',
  );
  assert.equal(projectUrl({ repository: 'contoso/mde-chatops' }), 'https://github.com/contoso/mde-chatops');
  assert.ok(problemsFor({ ...REAL_ENV, DEVELOPER_PRIVACY_URL: 'http://insecure.example.com' }).some((p) => p.includes('https://')));
  const bare = resolvePackageValues(REAL_ENV, { version: '1.0.0' });
  assert.ok(bare.warnings.some((w) => w.includes('no "homepage" or "repository"')));
});

test('the package declares the Find a device search (findDevice, one parameter query) on the bot’s own id', async () => {
  const manifest: unknown = JSON.parse((await built(buildAppPackage(inputs()))).manifestJson);
  assert.equal(field(manifest, 'composeExtensions', 0, 'botId'), BOT_ID);
  assert.equal(field(manifest, 'composeExtensions', 0, 'commands', 0, 'id'), 'findDevice');
  assert.equal(field(manifest, 'composeExtensions', 0, 'commands', 0, 'type'), 'query');
  assert.deepEqual(field(manifest, 'composeExtensions', 0, 'commands', 0, 'parameters', 0, 'name'), 'query');
});

test('a message extension the bot does not route (other id, other parameter, other bot, missing) is caught', async () => {
  const { manifest } = await buildAppPackage(inputs());
  const check = (change: (m: Record<string, unknown>) => void): string[] => {
    const broken = clone(manifest);
    assert.ok(isObject(broken));
    change(broken);
    return checkManifest(broken, { commands: COMMANDS, readIcon, botDomain: REAL_ENV.BOT_DOMAIN });
  };
  const command = (m: Record<string, unknown>) => field(m, 'composeExtensions', 0, 'commands', 0) as Record<string, unknown>;
  assert.deepEqual(
    check((m) => {
      command(m)['id'] = 'searchDevices';
    }),
    ['composeExtensions[0] has no "findDevice" command.'],
  );
  assert.deepEqual(
    check((m) => {
      command(m)['parameters'] = [{ name: 'q', title: 'q' }];
    }),
    ['"findDevice" must have exactly one parameter, "query".'],
  );
  assert.deepEqual(
    check((m) => {
      (field(m, 'composeExtensions', 0) as Record<string, unknown>)['botId'] = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    }),
    [`composeExtensions[0].botId (aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee) differs from bots[0].botId (${BOT_ID}).`],
  );
  assert.deepEqual(
    check((m) => {
      delete m['composeExtensions'];
    }),
    ['composeExtensions[0] is missing: the bot answers the "findDevice" search.'],
  );
});
