// teams-ai loads without botbuilder-dialogs' prompts and recognizers, and the package is still whole
// for anything that asks for more than the Dialog base class. `node --test` gives this file its own
// process, so the module cache starts empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { types } from 'node:util';
import { Application } from '../../src/teams/teams-ai';
import { dialogsFullyLoaded, dialogsIndexPath } from '../../src/teams/lazy-dialogs';

const loaded = (fragment: string): string[] => Object.keys(require.cache).filter((f) => f.includes(fragment));
const teamsAiRequire = createRequire(require.resolve('@microsoft/teams-ai/lib/authentication/BotAuthenticationBase'));

test('loading teams-ai and building an Application loads neither the recognizers nor the prompts', () => {
  const app = new Application({ removeRecipientMention: false });
  assert.ok(app instanceof Application);
  assert.equal(types.isProxy(require.cache[dialogsIndexPath]?.exports), true, 'the stand-in is in place');
  assert.deepEqual(loaded('recognizers-text'), []);
  assert.deepEqual(loaded('botbuilder-dialogs/lib/prompts/'), []);
  assert.deepEqual(loaded(`${sep}lodash${sep}`), []);
  assert.equal(dialogsFullyLoaded(), false);
  // teams-ai's SSO prompt extends the real Dialog class, from its own file.
  const { Dialog } = teamsAiRequire('botbuilder-dialogs/lib/dialog') as { Dialog: unknown };
  const { TeamsSsoPrompt } = teamsAiRequire('./TeamsBotSsoPrompt') as { TeamsSsoPrompt: { prototype: object } };
  assert.equal(Object.getPrototypeOf(TeamsSsoPrompt.prototype), (Dialog as { prototype: object }).prototype);
});

test('asking teams-ai’s botbuilder-dialogs for any other name loads the real package and answers with its classes', () => {
  const dialogs = teamsAiRequire('botbuilder-dialogs') as Record<string, unknown>;
  const { DialogTurnStatus } = teamsAiRequire('botbuilder-dialogs/lib/dialog') as { DialogTurnStatus: unknown };
  assert.equal(dialogs['DialogTurnStatus'], DialogTurnStatus);
  assert.equal(dialogsFullyLoaded(), true);
  assert.equal(typeof dialogs['OAuthPrompt'], 'function');
  assert.ok(loaded('botbuilder-dialogs/lib/prompts/choicePrompt.js').length === 1, 'the prompts are loaded now');
  assert.ok('WaterfallDialog' in dialogs);
  assert.ok(Object.keys(dialogs).includes('DialogSet'));
  // From now on the module cache holds the real package itself, not the stand-in.
  const cached = require.cache[dialogsIndexPath]?.exports as Record<string, unknown> | undefined;
  assert.equal(types.isProxy(cached), false);
  assert.equal(cached?.['Dialog'], dialogs['Dialog']);
});
