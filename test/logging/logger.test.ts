import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { redact } from '../../src/logging/redact';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbmFseXN0In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return {
    lines,
    stream: new Writable({
      write(c: Buffer, _e, cb) {
        lines.push(c.toString());
        cb();
      },
    }),
  };
}

test('a JWT anywhere in a log record is redacted: message, fields, nested errors', () => {
  const { lines, stream } = capture();
  const log = createLogger('debug', stream);
  const err = new Error(`upstream said Bearer ${JWT}`, { cause: { headers: { Authorization: `Bearer ${JWT}` } } });
  log.info({ token: JWT, nested: { deep: [`x ${JWT}`] }, err }, `got ${JWT}`);
  assert.equal(lines.length, 1);
  assert.ok(!lines[0]?.includes(JWT), lines[0]);
  assert.match(lines[0] ?? '', /\[redacted\]/);
});

test('secret-named keys are redacted even when the value is not token-shaped', () => {
  assert.deepEqual(redact({ password: 'p', client_secret: 's', keep: 'k' }), {
    password: '[redacted]',
    client_secret: '[redacted]',
    keep: 'k',
  });
});

test('redaction copes with cycles', () => {
  const a: Record<string, unknown> = { name: 'a' };
  a.self = a;
  assert.deepEqual(redact(a), { name: 'a', self: '[circular]' });
});

test('every free-text field and the message are capped, and a token is redacted before the cut', () => {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (l: string) => void lines.push(l) });
  const token = `eyJhbGciOiJSUzI1NiJ9.${'eyJzdWIiOiJ4In0'.repeat(40)}.${'s'.repeat(300)}`;
  logger.warn({ field: `${'f'.repeat(1900)} ${token}`, nested: { deep: 'd'.repeat(300_000) } }, `${'m'.repeat(5000)}`);
  const line = lines[0] ?? '';
  assert.ok(line.length < 7000, `a line of ${line.length} characters`);
  assert.doesNotMatch(line, /eyJ/);
  const record = JSON.parse(line) as { field: string; nested: { deep: string }; msg: string };
  assert.match(record.field, /^f{1900} \[redacted\]$/, 'the whole token redacted, though the raw field was cut inside it');
  assert.match(record.nested.deep, /^d{2000}…\[298000 more characters\]$/);
  assert.match(record.msg, /^m{2000}…\[3000 more characters\]$/);
});
