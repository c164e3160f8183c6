// The ids Teams, Entra, the Bot Framework and Defender key on, checked one way everywhere: configuration
// at start-up, the app package before it is zipped (a typo there only shows up as an opaque error), and
// device ids in what analysts type and in what cards show.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOT_APP_ID_URI = /^api:\/\/(?:([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)\/)?botid-([^/]+)$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

const DEVICE_ID = /^[0-9a-f]{40}$/i;

/** A Defender device id: 40 hex digits (any case; Defender answers in lower case). */
export function isDeviceId(value: string): boolean {
  return DEVICE_ID.test(value);
}

/**
 * Whether `uri` is an Application ID URI Teams SSO accepts for the bot `botId`: `api://botid-<id>`
 * or `api://<host>/botid-<id>`. With `domain`, the host form must name that domain.
 */
export function isBotAppIdUri(uri: string, botId: string, domain?: string): boolean {
  const m = BOT_APP_ID_URI.exec(uri);
  if (m === null || (m[2] ?? '').toLowerCase() !== botId.toLowerCase()) return false;
  const host = m[1];
  return host === undefined || domain === undefined || host.toLowerCase() === domain.toLowerCase();
}
