// A card button names its machine by id and shows a host name (`label`) that anyone could forge in a
// click payload. The bot seals the labels it writes (HMAC-SHA256 over id and label, with a key known
// only to the bot: this process's own, or the one all replicas share on Redis, ../app/label-seal-key.ts)
// and trusts a clicked label only with a valid seal; anything else is shown as the short device id
// until Defender names the machine.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BoundedMap } from './bounded-map';

/** Seals kept for reuse: a few hundred cards' worth of machine labels. */
const KNOWN_SEALS = 4096;

export interface LabelSeal {
  /** The seal for `label` on a button about `machineId` (16 hex characters). */
  seal(machineId: string, label: string): string;
  /** True when `seal` is the one this key gives that id and label. */
  verify(machineId: string, label: string, seal: unknown): boolean;
}

/** `key`: at least 32 bytes; by default a new random key, so a restart makes old labels fall back to the id. */
export function createLabelSeal(key: Buffer = randomBytes(32)): LabelSeal {
  if (key.length < 32) throw new RangeError('createLabelSeal: the key must be at least 32 bytes');
  // A machines card seals about 24 labels, the same ones on every card of that list: an HMAC each
  // (≈ 6 µs) was ≈ 0.15 ms of CPU per card (BENCHMARKS.md, issue 17). A seal depends on the key, id and
  // label only, so one computed is kept (bounded) and handed out again.
  const known = new BoundedMap<string, string>({ max: KNOWN_SEALS });
  const seal = (machineId: string, label: string): string => {
    const input = `${machineId}\u0000${label}`;
    let sealed = known.get(input);
    if (sealed === undefined) {
      sealed = createHmac('sha256', key).update(input).digest('hex').slice(0, 16);
      known.set(input, sealed);
    }
    return sealed;
  };
  return {
    seal,
    verify: (machineId, label, given) => {
      if (typeof given !== 'string' || !/^[0-9a-f]{16}$/.test(given)) return false;
      return timingSafeEqual(Buffer.from(seal(machineId, label)), Buffer.from(given));
    },
  };
}
