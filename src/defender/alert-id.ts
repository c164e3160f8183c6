// Which strings can be a Defender for Endpoint alert id. Ids come from chat text and card buttons,
// so `alert <id>` is checked here before any token is fetched or request is made: what fails this is
// not an alert id, and the analyst hears so at once instead of burning budget on a 400 or 404.
//
// The shapes seen in the API's documentation and in recorded responses:
//   da637308392288907382_-880718168          two letters (the detecting product), a .NET tick count, `_`, a signed int32
//   ar638180599315648136_73827727            same shape, other products (automated investigation here)
//   da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1 two letters, a GUID, `_`, a small number
// All are lower case on the wire; a phone keyboard may capitalise the first letter, so the check
// ignores case and the id is sent lower-cased.

const PREFIX = '[a-z]{2}';
const TICKS = '\\d{15,20}';
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SUFFIX = '_-?\\d{1,10}';
const ALERT_ID = new RegExp(`^${PREFIX}(?:${TICKS}|${GUID})${SUFFIX}$`, 'i');

/** The id as the API spells it (lower case), or undefined when `text` cannot be an alert id. */
export function normalizeAlertId(text: string): string | undefined {
  return ALERT_ID.test(text) ? text.toLowerCase() : undefined;
}

export function isAlertId(text: string): boolean {
  return ALERT_ID.test(text);
}
