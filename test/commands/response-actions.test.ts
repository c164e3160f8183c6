// Response-action phrasings: what asks for one (a confirmation card follows, nothing is sent yet) and
// what only talks about one. The grammar is stricter than the look-ups on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAction, parseCommand, type Command, type Mention } from '../../src/commands';
import { MAX_REASON } from '../../src/commands/response-actions';
import { ACTION_NEGATIVES, ACTION_POSITIVES } from './corpus/response-actions';

const JANE: Mention = { text: '<at>Jane Doe</at>', teamsUserId: '29:jane-id', name: 'Jane Doe', isBot: false };

function described(cmd: Command): string {
  if (cmd.kind !== 'responseAction') return cmd.kind;
  const m = cmd.machine;
  const name = m.kind === 'deviceId' ? m.id : m.kind === 'hostName' ? m.host : m.ip;
  return `${cmd.action} ${name}${cmd.option === undefined ? '' : ` ${cmd.option}`}${cmd.reason === undefined ? '' : `: ${cmd.reason}`}`;
}

test('every phrasing in the corpus asks for the action it names, on the machine it names, with its reason', () => {
  for (const [text, expected] of ACTION_POSITIVES) {
    assert.equal(described(parseCommand({ text, mentions: [JANE] })), expected, text);
  }
});

test('talking about an action, a person or a plain word never becomes a response action', () => {
  for (const text of ACTION_NEGATIVES) {
    const kind = parseCommand({ text, mentions: [JANE] }).kind;
    assert.ok(!['responseAction', 'confirmAction', 'cancelAction'].includes(kind), `${text} → ${kind}`);
  }
});

test('an action verb without a machine asks for one; a reason too long or with control characters is refused', () => {
  assert.deepEqual(parseCommand({ text: 'isolate' }), {
    kind: 'invalid',
    command: 'responseAction',
    part: 'machine',
    input: '',
    reason: 'say which machine, e.g. isolate pc1 suspected ransomware INC-1234',
  });
  const long = parseCommand({ text: `isolate pc1 ${'x'.repeat(MAX_REASON + 1)}` });
  assert.equal(long.kind === 'invalid' && long.part, 'reason');
  assert.equal(parseCommand({ text: 'isolate pc1 a\u202eb' }).kind, 'invalid');
});

test('only a button makes a confirmation: typed, it is not understood; the button carries nothing but the opaque id', () => {
  assert.equal(parseCommand({ text: 'confirm response action' }).kind, 'unknown');
  const id = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
  assert.deepEqual(parseAction({ action: 'confirmAction', id }), { kind: 'confirmAction', pendingId: id, tampered: false });
  assert.deepEqual(parseAction({ action: 'confirmAction', id, reason: 'INC-1' }), {
    kind: 'confirmAction',
    pendingId: id,
    tampered: false,
    reason: 'INC-1',
  });
  // An edited payload: a machine or action smuggled in is not obeyed, the click is refused.
  assert.deepEqual(parseAction({ action: 'confirmAction', id, machineId: 'f'.repeat(40) }), {
    kind: 'confirmAction',
    pendingId: id,
    tampered: true,
  });
  assert.deepEqual(parseAction({ action: 'confirmAction', id, reason: 42 }), { kind: 'confirmAction', pendingId: id, tampered: true });
  assert.deepEqual(parseAction({ action: 'cancelAction', id }), { kind: 'cancelAction', pendingId: id });
});
