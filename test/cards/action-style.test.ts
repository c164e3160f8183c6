import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import { parseAction } from '../../src/commands';
import type { RenderContext } from '../../src/cards/types';
import { machine, machinesOutcome } from './fixtures';

const ctx: RenderContext = { now: new Date('2026-11-23T10:00:00Z'), portalBaseUrl: 'https://security.microsoft.com', demo: true };

function submits(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => submits(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (o['type'] === 'Action.Submit') out.push(o);
    Object.values(o).forEach((v) => submits(v, out));
  }
  return out;
}

test('plain-submit style turns every messageBack button into data that is the action value itself', () => {
  const outcome = machinesOutcome(
    Array.from({ length: 12 }, (_, i) =>
      machine({ id: `${String(i).padStart(2, '0')}`.repeat(20), computerDnsName: `pc${i}.contoso.com` }),
    ),
  );
  const messageBack = submits(renderOutcome(outcome, ctx).card);
  const plain = submits(renderOutcome(outcome, { ...ctx, actionStyle: 'plainSubmit' }).card);
  assert.ok(messageBack.length > 0);
  assert.equal(plain.length, messageBack.length);
  plain.forEach((action, i) => {
    const original = (messageBack[i]?.['data'] as { msteams: { value: unknown } }).msteams.value;
    assert.deepEqual(action['data'], original);
    assert.notEqual(parseAction(action['data']).kind, 'unknown');
  });
  assert.ok(!JSON.stringify(plain).includes('messageBack'));
});

test('messageBack stays the default', () => {
  const card = renderOutcome({ kind: 'help' }, ctx).card;
  assert.ok(submits(card).every((a) => (a['data'] as { msteams?: { type?: string } }).msteams?.type === 'messageBack'));
});
