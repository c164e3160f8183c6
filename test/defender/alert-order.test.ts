// Open before resolved, newest activity first, stable on ties and on missing or unreadable times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert } from '../../src/defender/alert-model';
import { lastActivityMs, orderAlerts } from '../../src/defender/alert-order';
import { parseAlertPage } from '../../src/defender/alert-parse';
import { readFixture } from '../../scripts/rig/repo-root';

function alert(id: string, fields: Partial<Alert> = {}): Alert {
  return { id, mitreTechniques: [], loggedOnUsers: [], comments: [], evidence: [], ...fields };
}

test('open alerts (New, InProgress, Unknown, anything unknown) come before resolved ones, each newest first', () => {
  const alerts = [
    alert('r-new', { status: 'Resolved', lastEventTime: '2026-03-02T09:00:00Z' }),
    alert('n-old', { status: 'New', lastEventTime: '2026-02-01T00:00:00Z' }),
    alert('p-mid', { status: 'InProgress', lastEventTime: '2026-03-01T00:00:00Z' }),
    alert('r-old', { status: 'Resolved', lastEventTime: '2026-01-01T00:00:00Z' }),
    alert('u-new', { status: 'Unknown', lastEventTime: '2026-03-02T08:00:00Z' }),
    alert('x-none'),
  ];
  assert.deepEqual(
    orderAlerts(alerts).map((a) => a.id),
    ['u-new', 'p-mid', 'n-old', 'x-none', 'r-new', 'r-old'],
  );
  assert.equal(alerts[0]?.id, 'r-new', 'the input is not reordered');
});

test('activity is the last event, else the last update, else the creation; unreadable times count as none', () => {
  const both = alert('a', { lastEventTime: '2026-01-02T00:00:00Z', lastUpdateTime: '2026-01-05T00:00:00Z' });
  assert.equal(lastActivityMs(both), Date.parse('2026-01-02T00:00:00Z'));
  const unreadableEvent = alert('a', { lastEventTime: 'soon', lastUpdateTime: '2026-01-05T00:00:00Z' });
  assert.equal(lastActivityMs(unreadableEvent), Date.parse('2026-01-05T00:00:00Z'));
  assert.equal(lastActivityMs(alert('a', { alertCreationTime: '2026-01-07T00:00:00.1234567Z' })), Date.parse('2026-01-07T00:00:00.123Z'));
  assert.equal(lastActivityMs(alert('a', { alertCreationTime: 'yesterday' })), undefined);
});

test('equal times are ordered by id, so pages are stable', () => {
  const t = '2026-03-02T09:00:00Z';
  const tied = [alert('b', { lastEventTime: t }), alert('c', { lastEventTime: t }), alert('a', { lastEventTime: t })];
  assert.deepEqual(
    orderAlerts(tied).map((a) => a.id),
    ['a', 'b', 'c'],
  );
});

test('the recorded answer sorts its two open alerts first, newest first', () => {
  const parsed = parseAlertPage(readFixture('defender/alerts.recorded-2023.json'));
  assert.ok(parsed.ok);
  assert.deepEqual(
    orderAlerts(parsed.value.items).map((a) => a.id),
    [
      'da5a9d6588-c19d-4830-890b-dc56ee38c0c7_1',
      'da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1',
      'da638181185158896141_667602127',
      'ar638180599315648136_73827727',
    ],
  );
});
