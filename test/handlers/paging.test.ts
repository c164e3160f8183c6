// Paging is decided in the handler: it sorts the whole list, cuts the asked-for page, and answers a page
// past the end with pageOutOfRange (with the list it belongs to, for the card's "First page" button).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand, type HandlerDeps } from '../../src/handlers/run-command';
import type { Command } from '../../src/commands/types';
import type { DefenderClient } from '../../src/defender/client-types';
import type { LogonUser, Machine } from '../../src/defender/model';
import type { Outcome } from '../../src/handlers/outcome';
import { PAGE_SIZE } from '../../src/handlers/paging';
import type { Requester } from '../../src/tokens/types';
import { deviceId, logonUsers, machine, NOW } from '../cards/fixtures';

const requester: Requester = { teamsUserId: '29:a', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a' };

/** A Defender client that answers with `machines` and `users` and counts calls. */
function deps(machines: Machine[], users: LogonUser[] = []): { deps: HandlerDeps; calls: string[] } {
  const calls: string[] = [];
  const client: DefenderClient = {
    getUserMachines: async (name) => (calls.push(`machines ${name}`), machines),
    getMachine: async (id) => (calls.push(`machine ${id}`), machine({ id })),
    getLogonUsers: async (id) => (calls.push(`logons ${id}`), users),
    findMachinesByHostName: async (host) => (calls.push(`host ${host}`), []),
    findMachinesByHostPrefix: async (prefix) => (calls.push(`host prefix ${prefix}`), []),
    findMachinesByIp: async (ip) => (calls.push(`ip ${ip}`), []),
    getMachineAlerts: async (id) => (calls.push(`alerts of machine ${id}`), []),
    getUserAlerts: async (name) => (calls.push(`alerts of user ${name}`), []),
    getAlert: async (id) => {
      calls.push(`alert ${id}`);
      throw new Error('no alert in this test');
    },
  };
  return {
    deps: {
      tokens: { getDefenderToken: async () => ({ kind: 'token', token: 't' }) },
      defenderFor: () => client,
      resolveMention: async () => undefined,
      now: () => NOW,
      reportInternalError: (_id, e) => {
        throw e;
      },
      about: { version: '0.0.0', mode: 'production', cloud: 'Commercial' },
      recordFeedback: () => undefined,
    },
    calls,
  };
}

const forUser = (page: number): Command => ({ kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page });
const PC1 = { id: deviceId(1), computerDnsName: 'pc1.contoso.com' };
const logonsOf = (page: number): Command => ({
  kind: 'logonUsers',
  machine: { kind: 'deviceId', id: PC1.id, label: PC1.computerDnsName },
  page,
});

/** 23 machines, lastSeen decreasing with n; pc5 and pc17 are High risk, pc9 Medium. */
function list(): Machine[] {
  const risk = (n: number): string => (n === 5 || n === 17 ? 'High' : n === 9 ? 'Medium' : 'Low');
  const seen = (n: number): string => new Date(NOW.getTime() - n * 60_000).toISOString();
  return Array.from({ length: 23 }, (_, i) => machine({ n: i + 1, riskScore: risk(i + 1), lastSeen: seen(i + 1) }));
}

function names(outcome: Outcome): string[] {
  assert.equal(outcome.kind, 'machines');
  return outcome.kind === 'machines' ? outcome.page.items.map((m) => m.computerDnsName ?? '') : [];
}

test('machines: the outcome carries page 1 of 3, at risk first then most recently seen, and the total', async () => {
  const d = deps(list());
  const outcome = await runCommand(forUser(1), requester, d.deps);
  assert.equal(outcome.kind, 'machines');
  if (outcome.kind !== 'machines') return;
  assert.deepEqual({ ...outcome.page, items: outcome.page.items.length }, { items: PAGE_SIZE, number: 1, pages: 3, total: 23, from: 1 });
  assert.deepEqual(names(outcome).slice(0, 4), ['pc5.contoso.com', 'pc17.contoso.com', 'pc9.contoso.com', 'pc1.contoso.com']);
  assert.deepEqual(d.calls, ['machines user1'], 'one Defender call');
});

test('machines: the pages together list every machine once, the last page holding the rest', async () => {
  const all = list();
  const pages = await Promise.all([1, 2, 3].map((p) => runCommand(forUser(p), requester, deps(all).deps)));
  const seen = pages.flatMap(names);
  assert.equal(seen.length, 23);
  assert.equal(new Set(seen).size, 23);
  const last = pages[2];
  assert.ok(last?.kind === 'machines');
  assert.deepEqual([last.page.number, last.page.from, last.page.items.length], [3, 21, 3]);
});

test('machines: a page past the end is pageOutOfRange with the page count and the list, made by the handler', async () => {
  const outcome = await runCommand(forUser(4), requester, deps(list()).deps);
  const ref = { kind: 'machines', userName: 'user1' } as const;
  assert.deepEqual(outcome, { kind: 'error', error: { kind: 'pageOutOfRange', page: 4, pages: 3, list: ref } });
});

test('machines: no machines at all is userNotFound, whatever the page', async () => {
  for (const page of [1, 2]) {
    const outcome = await runCommand(forUser(page), requester, deps([]).deps);
    assert.deepEqual(outcome, { kind: 'error', error: { kind: 'userNotFound', userName: 'user1' } });
  }
});

test('logon users: most recent logon first, cut to the page; an empty list is page 1 of 1; past the end is pageOutOfRange', async () => {
  const users = logonUsers(12).reverse();
  const page2 = await runCommand(logonsOf(2), requester, deps([], users).deps);
  assert.ok(page2.kind === 'logonUsers');
  assert.deepEqual(
    page2.page.items.map((u) => u.accountName),
    ['user11', 'user12'],
  );
  assert.deepEqual([page2.page.number, page2.page.pages, page2.page.total, page2.page.from], [2, 2, 12, 11]);
  const empty = await runCommand(logonsOf(1), requester, deps([], []).deps);
  assert.ok(empty.kind === 'logonUsers');
  assert.deepEqual(empty.page, { items: [], number: 1, pages: 1, total: 0, from: 0 });
  assert.deepEqual(await runCommand(logonsOf(2), requester, deps([], []).deps), {
    kind: 'error',
    // A label the click carried is not trusted: the list names the machine by its id.
    error: { kind: 'pageOutOfRange', page: 2, pages: 1, list: { kind: 'logonUsers', machine: { id: PC1.id } } },
  });
});
