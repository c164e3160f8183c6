// Portal links for alerts and incidents, per cloud.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertPortalUrl, incidentPortalUrl } from '../../src/cards/alert-links';
import { CLOUDS } from '../../src/config/clouds';

const TENANT = '6f1d3b2a-9c4e-4d8f-a1b2-3c4d5e6f7a8b';

test('alert and incident links on each cloud’s portal, with the tenant id', () => {
  const expected = {
    Commercial: 'https://security.microsoft.com',
    GCC: 'https://security.microsoft.com',
    GCCHigh: 'https://security.microsoft.us',
    DoD: 'https://security.apps.mil',
  } as const;
  for (const [cloud, portal] of Object.entries(expected) as Array<[keyof typeof CLOUDS, string]>) {
    const ctx = { portalBaseUrl: CLOUDS[cloud].portalBaseUrl, tenantId: TENANT };
    assert.equal(alertPortalUrl('da637472900382838869_1364969609', ctx), `${portal}/alerts/da637472900382838869_1364969609?tid=${TENANT}`);
    assert.equal(incidentPortalUrl('1126093', ctx), `${portal}/incidents/1126093?tid=${TENANT}`);
    assert.equal(incidentPortalUrl(7587, ctx), `${portal}/incidents/7587?tid=${TENANT}`);
  }
});

test('without a tenant id there is no tid; a trailing slash on the portal is tolerated', () => {
  const ctx = { portalBaseUrl: 'https://security.microsoft.com/' };
  assert.equal(
    alertPortalUrl('da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1', ctx),
    'https://security.microsoft.com/alerts/da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1',
  );
  assert.equal(incidentPortalUrl('392', { ...ctx, tenantId: '' }), 'https://security.microsoft.com/incidents/392');
});

test('the id is sent as the API spells it; a tenant id is encoded', () => {
  const ctx = { portalBaseUrl: 'https://security.microsoft.com', tenantId: 'a&b=c' };
  assert.equal(
    alertPortalUrl('Da637308392288907382_-880718168', ctx),
    'https://security.microsoft.com/alerts/da637308392288907382_-880718168?tid=a%26b%3Dc',
  );
});

test('something that is not an alert or incident id gives no link', () => {
  const ctx = { portalBaseUrl: 'https://security.microsoft.com', tenantId: TENANT };
  for (const id of ['', '../machines', 'da637472900382838869_1364969609/../../x', 'javascript:alert(1)', 'https://evil.example']) {
    assert.equal(alertPortalUrl(id, ctx), undefined, id);
  }
  for (const id of ['', '0', '-4', '1.5', '12a', '../1', '1e3', '99999999999999999999', 0, -1, 1.5, Number.NaN]) {
    assert.equal(incidentPortalUrl(id, ctx), undefined, String(id));
  }
});
