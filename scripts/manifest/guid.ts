// Teams, Entra and the Bot Framework all key on GUIDs; a typo here only shows up as an opaque upload
// error in Teams, so every id in the package is checked before it is zipped.

export { isBotAppIdUri, isGuid } from '../../src/shared/ids';

/**
 * The bot and app id of the DEMO package (built when BOT_ID is unset). Obviously not a real
 * registration, so nobody mistakes a demo package for one that can reach a bot; a real package
 * refuses it.
 */
export const DEMO_GUID = '00000000-0000-4000-8000-000000000000';
