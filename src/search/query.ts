// What someone typed into the "Find a device" search box, as a lookup: a host-name prefix (the usual
// case, one letter at a time), a whole IP address, a device id, or a user (UPN, DOMAIN\user, or
// "user <name>"). The same allow-list checks as typed commands (../commands/normalize.ts): anything
// refused here never reaches Defender, and the reason is shown in the search box.
import { normalizeUserName, parseMachine } from '../commands/normalize';
import { forDisplay } from '../commands/display';

/** Fewer characters than this find too much to be useful and would cost a Defender call per keystroke. */
export const MIN_QUERY_LENGTH = 3;
/** Longer than any host name (253) or UPN: not something to search for. */
export const MAX_QUERY_LENGTH = 260;

export type DeviceQuery =
  | { kind: 'hostPrefix'; prefix: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'deviceId'; id: string }
  | { kind: 'user'; name: string }
  /** Nothing to look up yet: too short, or half an IP address. */
  | { kind: 'incomplete'; hint: string }
  | { kind: 'invalid'; input: string; reason: string };

const USER_LABEL = /^(?:user|account|upn)[:\s]\s*/i;
const PARTIAL_IP = /^[0-9.]+$|^[0-9a-f]*:[0-9a-f:.]*$/i;

export function parseDeviceQuery(raw: string): DeviceQuery {
  const typed = raw.normalize('NFKC').trim();
  if ([...typed].length < MIN_QUERY_LENGTH) {
    return {
      kind: 'incomplete',
      hint: `Type at least ${MIN_QUERY_LENGTH} characters of a host name, an IP address or a user (user@domain).`,
    };
  }
  const shown = forDisplay(typed, 60);
  if (typed.length > MAX_QUERY_LENGTH)
    return { kind: 'invalid', input: shown, reason: `a search can be at most ${MAX_QUERY_LENGTH} characters` };

  const labelled = USER_LABEL.exec(typed);
  if (labelled !== null || typed.includes('@') || typed.includes('\\')) {
    const user = normalizeUserName(labelled === null ? typed : typed.slice(labelled[0].length));
    return user.ok ? { kind: 'user', name: user.value } : { kind: 'invalid', input: shown, reason: user.reason };
  }

  const machine = parseMachine(typed);
  if (machine.ok) {
    switch (machine.value.kind) {
      case 'deviceId':
        return { kind: 'deviceId', id: machine.value.id };
      case 'ip':
        return { kind: 'ip', ip: machine.value.ip };
      case 'hostName':
        return { kind: 'hostPrefix', prefix: machine.value.host };
    }
  }
  if (PARTIAL_IP.test(typed)) return { kind: 'incomplete', hint: 'Keep typing: an IP address is looked up once it is complete.' };
  // Half-typed names end in "-" or "." ("nyc-app-", "pc1.contoso."): check the name without it, search with it.
  const trimmed = typed.replace(/[-.]+$/, '');
  const head = trimmed === '' ? machine : parseMachine(trimmed);
  if (head.ok && head.value.kind === 'hostName' && !typed.includes('..')) return { kind: 'hostPrefix', prefix: typed.toLowerCase() };
  return { kind: 'invalid', input: shown, reason: machine.ok ? 'that is not a host name' : machine.reason };
}
