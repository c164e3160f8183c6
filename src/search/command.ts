// The message extension's command as the Teams manifest declares it (composeExtensions) and the bot
// routes it; scripts/manifest checks the two agree.
export const FIND_DEVICE_COMMAND = 'findDevice';
export const FIND_DEVICE_PARAMETER = 'query';
