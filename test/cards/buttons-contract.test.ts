// Every button the cards produce must be accepted by the commands layer that receives the click
// (src/commands/actions.ts validates a button value exactly like typed input).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import { parseAction } from '../../src/commands/actions';
import { submitButtons } from './card-walk';
import { allOutcomeFixtures, ctx } from './fixtures';

test('every button value in every fixture card parses back to a valid command of the same kind and page', () => {
  let checked = 0;
  for (const { name, outcome } of allOutcomeFixtures()) {
    for (const b of submitButtons(renderOutcome(outcome, ctx()).card)) {
      const command = parseAction(JSON.parse(JSON.stringify(b.value)) as unknown);
      assert.notEqual(command.kind, 'invalid', `${name}: ${JSON.stringify(b.value)} → ${JSON.stringify(command)}`);
      assert.notEqual(command.kind, 'unknown', `${name}: ${JSON.stringify(b.value)} → ${JSON.stringify(command)}`);
      if (b.value.action !== 'run')
        assert.equal(command.kind, b.value.action === 'machineAlerts' || b.value.action === 'userAlerts' ? 'alerts' : b.value.action, name);
      if (b.value.action !== 'run' && (command.kind === 'machinesForUser' || command.kind === 'logonUsers' || command.kind === 'alerts')) {
        assert.equal(command.page, 'page' in b.value ? (b.value.page ?? 1) : 1, name);
      }
      checked++;
    }
  }
  assert.ok(checked > 50, `checked ${checked} buttons`);
});
