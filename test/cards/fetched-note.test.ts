import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import type { RenderContext } from '../../src/cards/types';

const ctx: RenderContext = { now: new Date('2026-11-23T10:00:00Z'), portalBaseUrl: 'https://security.microsoft.com', demo: true };

test('an answer served from the cache says when Defender was asked', () => {
  const card = renderOutcome({ kind: 'help' }, { ...ctx, dataFetchedAt: new Date('2026-11-23T09:59:15Z') });
  assert.ok(JSON.stringify(card.card).includes('Data from Defender at 09:59:15 UTC (cached, 45 s old)'));
  assert.ok(!JSON.stringify(renderOutcome({ kind: 'help' }, ctx).card).includes('Data from Defender'));
});
