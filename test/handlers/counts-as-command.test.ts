// countsAsCommand says which commands the handler counts against the asker's command rate first: the
// receive step counts exactly those with the redelivery check (one Redis step) and the handler's first
// count is then answered from the turn. So the list must be the handler's: checked here against
// runCommand itself, for every kind of command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countsAsCommand, runCommand, type HandlerDeps } from '../../src/handlers/run-command';
import type { Command } from '../../src/commands/types';
import type { Requester } from '../../src/tokens/types';
import { NOW } from '../cards/fixtures';

const requester: Requester = { teamsUserId: '29:a', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a' };
const machine = { kind: 'deviceId', id: 'a'.repeat(40) } as const;

const EVERY_KIND: Record<Command['kind'], Command> = {
  machinesForUser: { kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 1 },
  logonUsers: { kind: 'logonUsers', machine, page: 1 },
  machineDetails: { kind: 'machineDetails', machine },
  alerts: { kind: 'alerts', about: { kind: 'user', user: { kind: 'userName', name: 'user1' } }, page: 1 },
  alert: { kind: 'alert', alertId: 'da123' },
  help: { kind: 'help' },
  signOut: { kind: 'signOut' },
  responseAction: { kind: 'responseAction', action: 'isolate', machine, reason: 'test' },
  actionStatus: { kind: 'actionStatus', actionId: 'x' },
  confirmAction: { kind: 'confirmAction', pendingId: 'p', tampered: false },
  cancelAction: { kind: 'cancelAction', pendingId: 'p' },
  about: { kind: 'about' },
  feedback: { kind: 'feedback', text: 'thanks' },
  invalid: { kind: 'invalid', command: 'machinesForUser', part: 'user', input: '?', reason: 'bad' },
  unknown: { kind: 'unknown', text: 'xyz', suggestions: [] },
};

for (const [kind, command] of Object.entries(EVERY_KIND)) {
  const counted = countsAsCommand(command);
  test(`${kind}: ${counted ? 'counted by the handler before anything else' : 'never counted by the handler'}`, async () => {
    const steps: string[] = [];
    const deps: HandlerDeps = {
      tokens: {
        getDefenderToken: async () => {
          steps.push('token');
          return { kind: 'token', token: 't' };
        },
      },
      defenderFor: () => {
        steps.push('client');
        throw new Error('not reached in this test');
      },
      resolveMention: async () => undefined,
      now: () => NOW,
      reportInternalError: () => steps.push('internal error'),
      about: { version: '0.0.0', mode: 'production', cloud: 'Commercial' },
      recordFeedback: () => undefined,
      // Refuses, so a counted command stops right there.
      admitCommand: async () => {
        steps.push('admit');
        return { retryAfterSeconds: 30, perMinute: 20 };
      },
    };
    const outcome = await runCommand(command, requester, deps);
    if (counted) {
      assert.deepEqual(steps, ['admit']);
      assert.equal(outcome.kind, 'error');
      assert.equal(outcome.kind === 'error' ? outcome.error.kind : undefined, 'personalLimit');
    } else {
      assert.equal(steps.includes('admit'), false);
    }
  });
}
