import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../src/commands/definitions';
import { buildAppPackage, syncTemplateCommandLists } from '../../scripts/manifest/build-package';
import {
  BOT_SCOPES,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_TITLE_MAX,
  checkCommandDefinitions,
  compareCommandLists,
  generateCommandLists,
  maxCommandsPerList,
} from '../../scripts/manifest/command-lists';
import { inputs, isObject, readTemplate } from './inputs';

function templateCommandLists(): unknown {
  const template = readTemplate();
  assert.ok(isObject(template) && Array.isArray(template['bots']));
  const bot: unknown = template['bots'][0];
  assert.ok(isObject(bot));
  return bot['commandLists'];
}

test("the committed template's command menu is exactly what COMMANDS generates (run `npm run manifest:commands` after changing COMMANDS)", () => {
  assert.deepEqual(templateCommandLists(), generateCommandLists(COMMANDS));
});

test("the generated menu has one list per scope, each with every command's title and description in order", () => {
  const lists = generateCommandLists(COMMANDS);
  assert.deepEqual(
    lists.map((l) => l.scopes),
    BOT_SCOPES.map((s) => [s]),
  );
  for (const list of lists)
    assert.deepEqual(
      list.commands,
      COMMANDS.map((c) => ({ title: c.title, description: c.description })),
    );
});

test('a command added to COMMANDS but not regenerated into the template fails the package, naming the command', async () => {
  const added = [...COMMANDS, { title: 'isolate', description: 'Isolate a device' }];
  const result = await buildAppPackage(inputs({ commands: added }));
  assert.equal(result.built, undefined);
  assert.ok(
    result.problems.some((p) => p.includes('commandLists[0] (personal) differs from COMMANDS: missing "isolate"')),
    result.problems.join('\n'),
  );
});

test('a changed description is a difference too, even with the same titles', () => {
  const changed = COMMANDS.map((c, i) => (i === 0 ? { ...c, description: `${c.description}!` } : c));
  const problems = compareCommandLists(templateCommandLists(), generateCommandLists(changed));
  assert.equal(problems.length, BOT_SCOPES.length);
  assert.match(problems[0] ?? '', /order, scope, title or description text/);
});

test("regenerating the template's command lists makes an added command pass, and touches nothing else", async () => {
  const added = [...COMMANDS, { title: 'isolate', description: 'Isolate a device' }];
  const template = readTemplate();
  const synced = syncTemplateCommandLists(template, added);
  const result = await buildAppPackage(inputs({ template: synced, commands: added }));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.schemaMessages, []);
  assert.ok(isObject(synced) && isObject(template));
  assert.deepEqual({ ...synced, bots: null }, { ...template, bots: null });
});

test('Teams menu limits are enforced: title length, description length, duplicates, count per list', () => {
  const long = [{ title: 'x'.repeat(COMMAND_TITLE_MAX + 1), description: 'd'.repeat(COMMAND_DESCRIPTION_MAX + 1) }];
  const problems = checkCommandDefinitions(long, '1.30');
  assert.ok(problems.some((p) => p.includes(`Teams allows ${COMMAND_TITLE_MAX}`)));
  assert.ok(problems.some((p) => p.includes(`Teams allows ${COMMAND_DESCRIPTION_MAX}`)));
  assert.ok(
    checkCommandDefinitions(
      [
        { title: 'help', description: 'a' },
        { title: 'Help', description: 'b' },
      ],
      '1.30',
    ).some((p) => p.includes('appears twice')),
  );
  const thirteen = Array.from({ length: 13 }, (_, i) => ({ title: `c${i}`, description: 'd' }));
  assert.ok(checkCommandDefinitions(thirteen, '1.30').some((p) => p.includes('at most 12')));
  assert.deepEqual(checkCommandDefinitions(thirteen.slice(0, 12), '1.30'), []);
});

test('the per-list limit is 12 from schema 1.24 (and in devPreview) and 10 before it', () => {
  assert.equal(maxCommandsPerList('1.23'), 10);
  assert.equal(maxCommandsPerList('1.24'), 12);
  assert.equal(maxCommandsPerList('1.30'), 12);
  assert.equal(maxCommandsPerList('devPreview'), 12);
});

test("today's COMMANDS fit every Teams menu limit", () => {
  assert.deepEqual(checkCommandDefinitions(COMMANDS, '1.30'), []);
});
