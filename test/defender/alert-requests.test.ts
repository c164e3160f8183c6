// Request building for the three alert endpoints, and what counts as an alert id.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAlertId, normalizeAlertId } from '../../src/defender/alert-id';
import { DefenderError } from '../../src/defender/errors';
import { alert, machineAlerts, userAlerts } from '../../src/defender/requests';

const BASE = 'https://api.security.microsoft.com';

/** Every id shape in the API reference and in recorded responses. */
const REAL_IDS = [
  'da637472900382838869_1364969609',
  'da637308392288907382_-880718168',
  'ar638180599315648136_73827727',
  'da638181185158896141_667602127',
  'da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1',
  'da5a9d6588-c19d-4830-890b-dc56ee38c0c7_1',
];

const NOT_IDS = [
  '',
  ' ',
  '.',
  '..',
  '../machines',
  'da637472900382838869_1364969609/../../machines',
  'da637472900382838869_1364969609?$top=1',
  'da637472900382838869_1364969609#x',
  'da637472900382838869',
  'da637472900382838869_',
  'da637472900382838869_12345678901',
  '637472900382838869_1364969609',
  'd637472900382838869_1364969609',
  'dax637472900382838869_1364969609',
  'da637472900382838869-1364969609',
  ' da637472900382838869_1364969609',
  'da637472900382838869_1364969609 ',
  'da637472900382838869_1364969609\n',
  'da6374729003_1',
  '0c7e089d-5ff6-4e04-8000-17f4e35fa783',
  'da0c7e089d-5ff6-4e04-8000-17f4e35fa78_1',
  'da0c7e089d-5ff6-4e04-8000-17f4e35fa783',
  'da0c7e089d5ff64e04800017f4e35fa783_1',
  'dazzzzzzzz-5ff6-4e04-8000-17f4e35fa783_1',
  'pc1',
  'user1',
  "da637472900382838869_1' or 'x",
  'ｄａ637472900382838869_1364969609',
  'da٦٣٧٤٧٢٩٠٠٣٨٢٨٣٨٨٦٩_1',
];

describe('alert ids', () => {
  test('every documented and recorded id shape is an alert id, sent as it is', () => {
    for (const id of REAL_IDS) {
      assert.equal(isAlertId(id), true, id);
      assert.equal(normalizeAlertId(id), id);
      assert.equal(alert(id).path, `/api/alerts/${id}`);
    }
  });

  test('a capitalised id (phone keyboards) is accepted and sent in the lower case the API uses', () => {
    assert.equal(normalizeAlertId('Da637472900382838869_1364969609'), 'da637472900382838869_1364969609');
    assert.equal(alert('DA0C7E089D-5FF6-4E04-8000-17F4E35FA783_1').path, '/api/alerts/da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1');
  });

  test('anything else is refused with badRequest before a request exists', () => {
    for (const text of NOT_IDS) {
      assert.equal(isAlertId(text), false, JSON.stringify(text));
      assert.equal(normalizeAlertId(text), undefined);
      assert.throws(
        () => alert(text),
        (e: unknown) => e instanceof DefenderError && e.code === 'badRequest' && /is not a Defender alert id/.test(e.message),
        JSON.stringify(text),
      );
    }
  });

  test('the refusal quotes the value shortened and without control characters', () => {
    const long = `x\n\u0007${'y'.repeat(200)}🦊`;
    try {
      alert(long);
      assert.fail('refused');
    } catch (e) {
      assert.ok(e instanceof DefenderError);
      assert.equal(e.message, `"x  ${'y'.repeat(57)}…" is not a Defender alert id`);
    }
  });
});

describe('alert list requests', () => {
  test('machine and user alerts use the documented paths', () => {
    assert.deepEqual(machineAlerts('1e5bc9d7e413ddd7902c2932e418702b84d0cc07'), {
      method: 'GET',
      path: '/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/alerts',
    });
    assert.deepEqual(userAlerts('user1'), { method: 'GET', path: '/api/users/user1/alerts' });
  });

  test('a hostile machine id or user name stays one path segment of the intended endpoint', () => {
    for (const value of ['a/b', 'a/../b', '../alerts', '%2e%2e', 'x?y=1', 'p#q', 'first last', "o'brien", '用户', 'a\\b']) {
      for (const [req, collection] of [
        [machineAlerts(value), 'machines'],
        [userAlerts(value), 'users'],
      ] as const) {
        const url = new URL(BASE + req.path);
        const parts = url.pathname.split('/');
        assert.deepEqual(parts.length, 5, `${value}: ${url.pathname}`);
        assert.equal(parts[2], collection);
        assert.equal(decodeURIComponent(parts[3] ?? ''), value);
        assert.equal(parts[4], 'alerts');
        assert.equal(url.search, '');
        assert.equal(url.hash, '');
      }
    }
  });

  test('dot segments, the empty value and lone surrogates are refused', () => {
    for (const value of ['', '.', '..', 'x\uD800']) {
      assert.throws(
        () => machineAlerts(value),
        (e: unknown) => e instanceof DefenderError && e.code === 'badRequest',
      );
      assert.throws(
        () => userAlerts(value),
        (e: unknown) => e instanceof DefenderError && e.code === 'badRequest',
      );
    }
  });
});
