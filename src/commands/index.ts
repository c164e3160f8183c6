// The parser's public face: text or a button value in, a Command out. No SDK types cross it.
export { parseCommand } from './parse';
export { parseAction, actionValueFor, clickFlagsOf } from './actions';
// For the Teams wiring, which turns a resolved @mention's UPN into a user name like typed text.
export { normalizeUserName, type Checked } from './normalize';
export { COMMANDS, commandDefinition, type CommandDefinition } from './definitions';
export { canonicalText } from './canonical';
export type * from './types';
