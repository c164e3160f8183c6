import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { cardOf, clickOf, personalMessage, startHarness, submitActions, type Harness } from '../../scripts/rig/bot-harness';

function auditLines(h: Harness): Array<Record<string, unknown>> {
  return h.logLines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.audit === 'object' && l.audit !== null)
    .map((l) => l.audit as Record<string, unknown>);
}

describe('audit records', () => {
  let h: Harness;
  // No retries: the injected 500 must reach the outcome.
  before(async () => {
    h = await startHarness({ DEFENDER_RETRY_ATTEMPTS: '1' });
  });
  after(async () => {
    await h.close();
  });

  test('a typed command writes one audit line with who, where, what, outcome, count, calls and latency', async () => {
    h.logLines.length = 0;
    const activity = personalMessage('who logged onto mymachine1.contoso.com');
    await h.exchange(activity);
    const [audit, ...more] = auditLines(h);
    assert.equal(more.length, 0);
    assert.ok(audit);
    assert.equal(audit.kind, 'audit');
    assert.equal(audit.tenantId, '72f988bf-86f1-41af-91ab-2d7cd011db47');
    assert.equal(audit.userObjectId, '6b3f1c2d-8e4a-4b5c-9d7e-1f2a3b4c5d6e');
    assert.equal(audit.conversationType, 'personal');
    assert.equal(audit.conversationId, (activity.conversation as { id: string }).id);
    assert.equal(audit.via, 'typed');
    assert.equal(audit.command, 'logonUsers');
    assert.equal(audit.target, 'mymachine1.contoso.com');
    assert.equal(audit.outcome, 'logonUsers');
    assert.equal(audit.resultCount, facts.MYMACHINE1_LOGON_USER_IDS.length);
    assert.equal(audit.defenderCalls, 2, 'host lookup + logon users');
    assert.ok(typeof audit.latencyMs === 'number' && audit.latencyMs >= 0);
  });

  test('a click is audited as a click; an error outcome carries the correlation id', async () => {
    const reply = (await h.exchange(personalMessage('machines for user1')))[0] as Record<string, unknown>;
    const button = submitActions(cardOf(reply)).find((a) => a.title.startsWith('Details'));
    assert.ok(button);
    h.logLines.length = 0;
    h.sim.faults.set({ kind: 'status', status: 500 }, { times: 1 });
    await h.exchange(clickOf(button, reply));
    const [audit] = auditLines(h);
    assert.equal(audit?.via, 'click');
    assert.equal(audit?.outcome, 'error:unavailable');
    const ids = audit?.correlationIds as string[];
    assert.equal(ids.length, 1);
    assert.match(ids[0] ?? '', /^[0-9a-f-]{36}$/);
  });

  test('the audit never holds the message text beyond the parsed command', async () => {
    h.logLines.length = 0;
    await h.exchange(personalMessage('tell me a secret about hunter2 please'));
    const [audit] = auditLines(h);
    assert.equal(audit?.command, 'unknown');
    assert.ok(!h.logLines.join('\n').includes('hunter2'));
  });
});
