// What "safe" means for anything the parser hands on: every user name, host, id and IP it returns
// must pass the validators again, and contain nothing usable for path traversal or OData injection.
import { normalizeUserName, parseMachine, checkDeviceId } from '../../src/commands/normalize';
import type { Command, MachineRef } from '../../src/commands';

const FORBIDDEN = /[\\/'"%\p{Cc}\p{Cf}\p{Cs}\s]|\.\./u;

/** Problems with the values in `cmd`; empty when the command is safe to act on or display. */
export function unsafeParts(cmd: Command): string[] {
  const problems: string[] = [];
  const check = (what: string, value: string, revalidates: boolean) => {
    if (FORBIDDEN.test(value)) problems.push(`${what} ${JSON.stringify(value)} has a forbidden character`);
    if (!revalidates) problems.push(`${what} ${JSON.stringify(value)} does not pass its validator again`);
  };
  const checkMachine = (m: MachineRef) => {
    if (m.kind === 'deviceId') check('device id', m.id, sameOk(checkDeviceId(m.id), m.id));
    if (m.kind === 'hostName') {
      const again = parseMachine(m.host);
      check('host', m.host, again.ok && again.value.kind === 'hostName' && again.value.host === m.host);
    }
    if (m.kind === 'ip') {
      const again = parseMachine(m.ip);
      check('ip', m.ip, again.ok && again.value.kind === 'ip' && again.value.ip === m.ip);
    }
    if (m.kind === 'deviceId' && m.label !== undefined && /[\p{Cc}\p{Cf}\p{Cs}]/u.test(m.label))
      problems.push('label has control characters');
  };
  switch (cmd.kind) {
    case 'machinesForUser':
      if (cmd.user.kind === 'userName') check('user name', cmd.user.name, sameOk(normalizeUserName(cmd.user.name), cmd.user.name));
      if (!Number.isInteger(cmd.page) || cmd.page < 1 || cmd.page > 1000) problems.push(`page ${cmd.page}`);
      break;
    case 'logonUsers':
      checkMachine(cmd.machine);
      if (!Number.isInteger(cmd.page) || cmd.page < 1 || cmd.page > 1000) problems.push(`page ${cmd.page}`);
      break;
    case 'machineDetails':
      checkMachine(cmd.machine);
      break;
    case 'invalid':
      if (cmd.input.length > 61 || /[\p{Cc}\p{Cf}\p{Cs}]/u.test(cmd.input)) problems.push(`echoed input ${JSON.stringify(cmd.input)}`);
      break;
    case 'unknown':
      if (cmd.text.length > 101 || /[\p{Cc}\p{Cf}\p{Cs}]/u.test(cmd.text)) problems.push(`echoed text ${JSON.stringify(cmd.text)}`);
      break;
    case 'help':
    case 'signOut':
    case 'about':
      break;
    case 'feedback':
      if (cmd.text.length > 1000 || /[\p{Cc}\p{Cf}\p{Cs}]/u.test(cmd.text)) problems.push(`feedback text ${JSON.stringify(cmd.text)}`);
      break;
  }
  return problems;
}

function sameOk(result: { ok: true; value: string } | { ok: false; reason: string }, value: string): boolean {
  return result.ok && result.value === value;
}
