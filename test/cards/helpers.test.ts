// format.ts, links.ts, template.ts, and the handler's paging (src/handlers/paging.ts)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteUtc, parseIsoDate, relativeTime, shortId, when } from '../../src/cards/format';
import { machinePortalUrl } from '../../src/cards/links';
import { PAGE_SIZE, pageCount, pageOf } from '../../src/handlers/paging';
import { cardTemplate } from '../../src/cards/template';
import { ctx, NOW } from './fixtures';

test('dates: Defender ISO timestamps (7 fractional digits, Z, offsets, no zone) parse; anything else is undefined', () => {
  assert.equal(parseIsoDate('2018-08-02T14:55:03.7791856Z')?.toISOString(), '2018-08-02T14:55:03.779Z');
  assert.equal(parseIsoDate('2026-11-23T09:12:00+01:00')?.toISOString(), '2026-11-23T08:12:00.000Z');
  assert.equal(parseIsoDate('2026-11-23T09:12:00')?.toISOString(), '2026-11-23T09:12:00.000Z', 'no zone = UTC');
  for (const bad of [undefined, '', 'yesterday', '2026-13-45T00:00:00Z', '1700000000', 'Mon, 23 Nov 2026 09:12:00 GMT']) {
    assert.equal(parseIsoDate(bad), undefined, String(bad));
  }
});

test('dates: relative time reads naturally, and clock skew does not say "-5 min ago"', () => {
  const ago = (ms: number) => relativeTime(new Date(NOW.getTime() - ms), NOW);
  assert.equal(ago(10_000), 'just now');
  assert.equal(ago(5 * 60_000), '5 min ago');
  assert.equal(ago(3 * 3_600_000 + 59 * 60_000), '3 h ago');
  assert.equal(ago(47 * 3_600_000), '47 h ago');
  assert.equal(ago(3 * 86_400_000), '3 d ago');
  assert.equal(ago(-2 * 3_600_000), 'in 2 h');
  assert.equal(absoluteUtc(new Date('2026-11-23T09:12:59Z')), '2026-11-23 09:12 UTC');
  assert.equal(when('2026-11-23T09:12:00Z', NOW), '2 h ago (2026-11-23 09:12 UTC)');
  assert.equal(when('garbage', NOW), undefined);
});

test('shortId shortens 40-hex device ids only', () => {
  assert.equal(shortId('1e5bc9d7e413ddd7902c2932e418702b84d0cc07'), '1e5bc9d7…');
  assert.equal(shortId('pc1'), 'pc1');
});

test('paging: PAGE_SIZE per page, an empty list is one page, pages beyond the end or not whole numbers do not exist', () => {
  assert.equal(PAGE_SIZE, 10);
  assert.equal(pageCount(0), 1);
  assert.equal(pageCount(PAGE_SIZE), 1);
  assert.equal(pageCount(PAGE_SIZE + 1), 2);
  const items = Array.from({ length: 25 }, (_, i) => i);
  assert.deepEqual(pageOf(items, 3), { items: [20, 21, 22, 23, 24], number: 3, pages: 3, total: 25, from: 21 });
  for (const p of [0, -1, 4, 1.5, Number.NaN]) assert.equal(pageOf(items, p), undefined, String(p));
  assert.deepEqual(pageOf([], 1), { items: [], number: 1, pages: 1, total: 0, from: 0 });
});

test('links: device portal links, trailing slash on the base tolerated, tid only with a tenant', () => {
  assert.equal(
    machinePortalUrl('abc', ctx({ portalBaseUrl: 'https://security.microsoft.com/' })),
    'https://security.microsoft.com/machines/v2/abc/overview?tid=72f988bf-86f1-41af-91ab-2d7cd011db47',
  );
  assert.equal(machinePortalUrl('a/b?c', ctx({ tenantId: undefined })), 'https://security.microsoft.com/machines/v2/a%2Fb%3Fc/overview');
});

test('templating: data containing ${…} is not re-expanded by adaptivecards-templating', () => {
  const t = cardTemplate<{ name: string; obj: { a: string } }>({
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'Host ${name}' },
      { type: 'X', data: '${obj}' },
    ],
  });
  const out = t.expand({ name: '${secret} ${1+1} `x`', obj: { a: '${name}' } });
  assert.deepEqual(out, {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'Host ${secret} ${1+1} `x`' },
      { type: 'X', data: { a: '${name}' } },
    ],
  });
});

test('templating: an undefined field comes out as the literal "${field}" — why view models define every field', () => {
  const t = cardTemplate<{ name?: string }>({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Host ${name}' }] });
  assert.deepEqual(t.expand({}), { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Host ${name}' }] });
});
