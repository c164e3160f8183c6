import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown, markdownToPlain, MAX_TEXT, md, oneLine, plain, truncate } from '../../src/cards/escape';
import { commonMarkish, sharedModelish } from './markdown-sim';

// Hostile or merely awkward values as Defender or a user could send them, and what md() must make of them.
const TABLE: Array<{ input: string; escaped: string; active: string }> = [
  { input: '[click](http://x)', escaped: '\\[click\\]\\(http\\://x\\)', active: 'link' },
  { input: '![img](http://x/a.png)', escaped: '!\\[img\\]\\(http\\://x/a.png\\)', active: 'image' },
  { input: '*x*', escaped: '\\*x\\*', active: 'emphasis' },
  { input: '_x_', escaped: '\\_x\\_', active: 'emphasis' },
  { input: '**bold**', escaped: '\\*\\*bold\\*\\*', active: 'emphasis' },
  { input: '~~gone~~', escaped: '\\~\\~gone\\~\\~', active: 'strikethrough' },
  { input: '# heading', escaped: '\\# heading', active: 'heading' },
  { input: '> quote', escaped: '\\> quote', active: 'blockquote' },
  { input: '- item', escaped: '\\- item', active: 'list' },
  { input: '+ item', escaped: '\\+ item', active: 'list' },
  { input: '1. item', escaped: '1\\. item', active: 'list' },
  { input: '---', escaped: '\\---', active: 'thematicBreak' },
  { input: '`code`', escaped: '\\`code\\`', active: 'code' },
  { input: '<at>Jane</at>', escaped: '\\<at\\>Jane\\</at\\>', active: 'html' },
  { input: '<a href="http://x">x</a>', escaped: '\\<a href="http\\://x"\\>x\\</a\\>', active: 'htmlLink' },
  { input: '<http://x>', escaped: '\\<http\\://x\\>', active: 'autolink' },
  { input: 'see http://evil.example/a', escaped: 'see http\\://evil.example/a', active: 'bareUrl' },
  { input: 'www.evil.example', escaped: 'www\\.evil.example', active: 'bareUrl' },
  { input: '&lt;script&gt;', escaped: '\\&lt;script\\&gt;', active: 'entity' },
  { input: 'C:\\temp\\*', escaped: 'C:\\\\temp\\\\\\*', active: '' },
  { input: '${secret}', escaped: '$\\{secret\\}', active: '' },
];

for (const row of TABLE) {
  test(`md() escapes ${JSON.stringify(row.input)} so it renders literally`, () => {
    assert.equal(escapeMarkdown(row.input), row.escaped);
    const rendered = commonMarkish(row.escaped);
    assert.deepEqual(rendered.constructs, [], `constructs in ${row.escaped}`);
    assert.equal(rendered.text, row.input);
    assert.deepEqual(
      sharedModelish(row.escaped).constructs.filter((c) => c === 'link' || c === 'emphasis'),
      [],
    );
    if (row.active !== '') {
      // Positive control: unescaped, the model does see the construct, so the check above means something.
      assert.ok(commonMarkish(row.input).constructs.includes(row.active), `${row.input} should be ${row.active} when not escaped`);
    }
  });
}

test('ordinary host names, IPs and accounts are left readable (no needless backslashes)', () => {
  assert.equal(md('pc1.contoso.com'), 'pc1.contoso.com');
  assert.equal(md('10.0.0.5'), '10.0.0.5');
  assert.equal(md('fe80::1'), 'fe80::1');
  assert.equal(md('Windows11 22H2'), 'Windows11 22H2');
  assert.equal(md('user1@contoso.com'), 'user1@contoso.com');
});

test('characters only a parser-specific quirk needs are escaped where it matters', () => {
  // "]" then "(" would be a link in the mobile parser even after "\[": both get a backslash.
  assert.equal(md('a](b'), 'a\\]\\(b');
  assert.equal(sharedModelish(md('[a](b)')).constructs.includes('link'), false);
  assert.equal(sharedModelish('\\[a](b)').constructs.includes('link'), true, 'escaping "[" alone is not enough for the mobile parser');
});

test('oneLine folds line breaks, drops control and bidi characters and trims', () => {
  assert.equal(oneLine('a\nb\r\nc\td'), 'a b c d');
  assert.equal(oneLine('  pc1\u0000\u0007  '), 'pc1');
  assert.equal(oneLine('exe\u202Etxt.com'), 'exetxt.com');
  assert.equal(oneLine('a\u200Bb\uFEFF'), 'ab');
  assert.equal(oneLine('line\u2028sep'), 'line sep');
});

test('absurdly long strings are cut with an ellipsis, counting code points, never splitting a surrogate pair', () => {
  const long = 'x'.repeat(10_000);
  assert.equal(Array.from(plain(long)).length, MAX_TEXT);
  assert.ok(plain(long).endsWith('…'));
  const emoji = '😀'.repeat(200);
  const cut = truncate(emoji, 10);
  assert.equal(Array.from(cut).length, 10);
  assert.equal(cut, `${'😀'.repeat(9)}…`);
  assert.equal(truncate('short', 10), 'short');
});

test('md() truncates before escaping, so the visible length is capped whatever the content', () => {
  const text = commonMarkish(md('['.repeat(1000))).text;
  assert.equal(Array.from(text).length, MAX_TEXT);
});

test('markdownToPlain undoes our escaping and bold markers exactly', () => {
  for (const row of TABLE) assert.equal(markdownToPlain(`**${escapeMarkdown(row.input)}**`), row.input);
});

// Property: whatever the string, the escaped form renders as exactly the (one-lined, capped) original
// text with no markdown construct at all, in both renderer families.
const MARKDOWNY = fc.string({
  unit: fc.constantFrom(...'[]()*_`\\<>#-+!&;:/.~{}$=|"\' \n\t1aZhtpw@'.split(''), '://', 'www.', 'http', '<a ', '&amp;', '😀', '\u202E'),
  maxLength: 80,
});

test('property: md(x) is inert and lossless under the CommonMark model', () => {
  fc.assert(
    fc.property(fc.oneof(MARKDOWNY, fc.string({ unit: 'binary', maxLength: 200 })), (s) => {
      const r = commonMarkish(md(s));
      assert.deepEqual(r.constructs, []);
      assert.equal(r.text, oneLine(s));
    }),
    { numRuns: 2000 },
  );
});

test('property: md(x) never makes a link or emphasis under the mobile shared-model parser', () => {
  fc.assert(
    fc.property(MARKDOWNY, (s) => {
      const r = sharedModelish(md(s));
      assert.deepEqual(r.constructs, []);
    }),
    { numRuns: 2000 },
  );
});

test('property: plain(x) and md(x) are single lines without control characters', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      for (const out of [plain(s), md(s)]) {
        assert.doesNotMatch(out, /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
      }
    }),
  );
});
