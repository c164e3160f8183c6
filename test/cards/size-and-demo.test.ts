import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CardTooLargeError, MAX_CARD_BYTES, renderOutcome } from '../../src/cards';
import { PAGE_SIZE } from '../../src/handlers/paging';
import { cardBytes, DEMO_FOOTER } from '../../src/cards/card';
import type { Machine } from '../../src/defender/model';
import type { Outcome } from '../../src/handlers/outcome';
import { adaptiveCardProblems } from './adaptivecards-harness';
import { allOutcomeFixtures, ctx, deviceId, logonUser, logonUsersOutcome, machine, machinesOutcome, NOW } from './fixtures';

/** A realistic but heavy machine: long FQDN, 20 tags, 12 IPs, long group and OS strings. */
function heavyMachine(n: number): Machine {
  return machine({
    n,
    computerDnsName: `desktop-${n}-finance-trading-floor-amsterdam-02.emea.corp.contoso-international.com`,
    machineTags: Array.from({ length: 20 }, (_, i) => `incident-response-tag-${i + 1}-quarantine`),
    ipAddresses: Array.from({ length: 12 }, (_, i) => ({
      ipAddress: `fe80::1c2d:3e4f:5a6b:${i}`,
      macAddress: '00-15-5D-01-02-03',
      type: 'Ethernet',
      operationalStatus: 'Up',
    })),
    rbacGroupName: 'Finance — trading floor workstations (Amsterdam, high value, tier 0 adjacent)',
    riskScore: 'High',
    healthStatus: 'ImpairedCommunication',
    lastSeen: new Date(NOW.getTime() - n * 600_000).toISOString(),
  });
}

/** The worst this layer can be fed: every string far over its cap, made of characters that need escaping or take 4 bytes. */
const HUGE = '[*😀'.repeat(5_000);
function worstMachine(n: number): Machine {
  return {
    id: deviceId(n),
    computerDnsName: HUGE,
    firstSeen: '2020-01-01T00:00:00Z',
    lastSeen: '2026-11-23T00:00:00Z',
    osPlatform: HUGE,
    osVersion: HUGE,
    osProcessor: HUGE,
    osBuild: 99999,
    osArchitecture: HUGE,
    lastIpAddress: HUGE,
    lastExternalIpAddress: HUGE,
    agentVersion: HUGE,
    healthStatus: HUGE,
    onboardingStatus: HUGE,
    rbacGroupId: HUGE,
    rbacGroupName: HUGE,
    riskScore: HUGE,
    exposureLevel: HUGE,
    deviceValue: HUGE,
    aadDeviceId: HUGE,
    isAadJoined: true,
    machineTags: Array.from({ length: 1_000 }, () => HUGE),
    ipAddresses: Array.from({ length: 1_000 }, () => ({ ipAddress: HUGE, macAddress: HUGE, type: HUGE, operationalStatus: HUGE })),
    defenderAvStatus: HUGE,
    managedBy: HUGE,
    isPotentialDuplication: true,
    mergedIntoMachineId: HUGE,
  };
}

/** A list page must stay under this so the message extension can insert the same card (Teams' limit for its result cards). */
const PAGE_BYTES = 28 * 1024;

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

test('size: a full page of heavy but realistic machines stays under 28 KB (measured)', (t) => {
  const list = Array.from({ length: PAGE_SIZE * 3 }, (_, i) => heavyMachine(i + 1));
  const reply = renderOutcome(machinesOutcome(list, 2), ctx({ demo: true }));
  const bytes = cardBytes(reply.card);
  t.diagnostic(`machines page of ${PAGE_SIZE} heavy machines: ${bytes} bytes (${kb(bytes)})`);
  assert.ok(bytes < PAGE_BYTES, kb(bytes));
  assert.deepEqual(adaptiveCardProblems(reply.card), []);
});

test('size: heavy logon-user pages and a heavy details card stay well under the limit (measured)', (t) => {
  const users = Array.from({ length: PAGE_SIZE }, (_, i) =>
    logonUser({
      accountName: `svc-backup-${i}-long-service-account-name`,
      accountDomain: 'CONTOSO-INTERNATIONAL-EMEA',
      logonTypes: ['Interactive', 'RemoteInteractive', 'Network', 'Batch', 'Service'],
      isDomainAdmin: i % 2 === 0,
    }),
  );
  const logons = renderOutcome(
    logonUsersOutcome({ id: deviceId(1), computerDnsName: heavyMachine(1).computerDnsName ?? '' }, users),
    ctx(),
  );
  const details = renderOutcome(
    {
      kind: 'machineDetails',
      machine: {
        ...heavyMachine(1),
        ipAddresses: heavyMachine(1).ipAddresses.concat(heavyMachine(2).ipAddresses, heavyMachine(3).ipAddresses),
      },
    },
    ctx(),
  );
  t.diagnostic(`logon users page: ${kb(cardBytes(logons.card))}; machine details: ${kb(cardBytes(details.card))}`);
  assert.ok(cardBytes(logons.card) < PAGE_BYTES);
  assert.ok(cardBytes(details.card) < 40 * 1024);
});

test('size: even the worst input (every string huge, escapable and 4-byte characters, 1000 tags and IPs) is under 80 KB, a list page under 28 KB', (t) => {
  const outcomes: Outcome[] = [
    machinesOutcome(
      Array.from({ length: PAGE_SIZE }, (_, i) => worstMachine(i + 1)),
      1,
      HUGE,
    ),
    { kind: 'machineDetails', machine: worstMachine(1) },
    {
      kind: 'chooseMachine',
      query: HUGE,
      purpose: 'machineDetails',
      candidates: Array.from({ length: 500 }, (_, i) => worstMachine(i + 1)),
    },
    logonUsersOutcome(
      { id: deviceId(1), computerDnsName: HUGE },
      Array.from({ length: PAGE_SIZE }, () =>
        logonUser({
          accountName: HUGE,
          accountDomain: HUGE,
          accountSid: HUGE,
          logonTypes: Array.from({ length: 50 }, () => HUGE),
          isDomainAdmin: true,
          isOnlyNetworkUser: true,
        }),
      ),
    ),
    { kind: 'unknown', text: HUGE, suggestions: Array.from({ length: 50 }, () => ({ text: HUGE })) },
    { kind: 'error', error: { kind: 'badInput', command: 'machinesForUser', part: HUGE, input: HUGE, reason: HUGE } },
  ];
  for (const outcome of outcomes) {
    const reply = renderOutcome(outcome, ctx({ demo: true }));
    const bytes = cardBytes(reply.card);
    t.diagnostic(`worst ${outcome.kind}: ${kb(bytes)}`);
    assert.ok(bytes < MAX_CARD_BYTES, `${outcome.kind}: ${kb(bytes)}`);
    if (outcome.kind === 'machines' || outcome.kind === 'logonUsers' || outcome.kind === 'chooseMachine') {
      assert.ok(bytes < PAGE_BYTES, `a page of ${outcome.kind}: ${kb(bytes)}`);
    }
    assert.deepEqual(adaptiveCardProblems(reply.card), [], outcome.kind);
  }
});

test('size: a card over the limit is refused with CardTooLargeError, never sent', () => {
  // Ids are never truncated (buttons need them whole); an absurd one is the only way past the caps.
  const absurd = machine({ id: 'x'.repeat(100_000) });
  assert.throws(() => renderOutcome({ kind: 'machineDetails', machine: absurd }, ctx()), CardTooLargeError);
});

test('demo: every card carries the "Demo tenant — simulated data" footer iff ctx.demo', () => {
  for (const { name, outcome } of allOutcomeFixtures()) {
    for (const demo of [true, false]) {
      const body = renderOutcome(outcome, ctx({ demo })).card.body;
      const footers = JSON.stringify(body).split(DEMO_FOOTER).length - 1;
      assert.equal(footers, demo ? 1 : 0, `${name} demo=${demo}`);
      // Under a data card's foot (its Refresh), that foot's separator is enough.
      const footed = JSON.stringify(body).includes('↻ Refresh');
      if (demo)
        assert.deepEqual(
          body[body.length - 1],
          { type: 'TextBlock', text: DEMO_FOOTER, isSubtle: true, size: 'small', wrap: true, separator: !footed },
          name,
        );
    }
  }
});
