import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBotAppIdUri, isGuid } from '../../src/shared/ids';

const BOT = '7f0c2b1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f';

test('a GUID is 8-4-4-4-12 hex digits in any case, nothing around it', () => {
  assert.equal(isGuid(BOT), true);
  assert.equal(isGuid(BOT.toUpperCase()), true);
  for (const bad of ['', `{${BOT}}`, `${BOT} `, BOT.replace(/-/g, ''), BOT.replace('7', 'g')]) assert.equal(isGuid(bad), false, bad);
});

test('the App ID URI is api://botid-<bot id> or api://<host>/botid-<bot id>, and names this bot', () => {
  assert.equal(isBotAppIdUri(`api://botid-${BOT}`, BOT), true);
  assert.equal(isBotAppIdUri(`api://bot.example.com/botid-${BOT.toUpperCase()}`, BOT), true);
  assert.equal(isBotAppIdUri(`api://botid-${BOT.replace('7f', '00')}`, BOT), false, 'another bot');
  assert.equal(isBotAppIdUri(`api://${BOT}`, BOT), false, 'no botid- prefix');
  assert.equal(isBotAppIdUri(`https://bot.example.com/botid-${BOT}`, BOT), false, 'not api://');
  assert.equal(isBotAppIdUri(`api://a/b/botid-${BOT}`, BOT), false, 'a path is not a host');
});

test('with a domain, the host form must name that domain; the short form is always accepted', () => {
  assert.equal(isBotAppIdUri(`api://bot.example.com/botid-${BOT}`, BOT, 'bot.example.com'), true);
  assert.equal(isBotAppIdUri(`api://other.example.com/botid-${BOT}`, BOT, 'bot.example.com'), false);
  assert.equal(isBotAppIdUri(`api://botid-${BOT}`, BOT, 'bot.example.com'), true);
});
