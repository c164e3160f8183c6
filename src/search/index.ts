// The "Find a device" message extension's logic, free of any Teams SDK: ../teams/message-extension.ts wires it.
export { searchDevices, MAX_RESULTS, type SearchDeps, type SearchOutcome } from './search-devices';
export { PrefixAnswers } from './prefix-answers';
export { parseDeviceQuery, MIN_QUERY_LENGTH, type DeviceQuery } from './query';
export { FIND_DEVICE_COMMAND, FIND_DEVICE_PARAMETER } from './command';
