// One label-seal key for every replica (REDIS_URL): a button sealed by replica A must verify on
// replica B, or a click reaching B shows the device id instead of the host name. The first replica
// to start writes a random key (create-only, so concurrent starts agree on one) and every replica
// reads it back. It lives LABEL_SEAL_KEY_TTL_MS; a replica started after that writes a new one, and
// until the older replicas restart their sealed labels show the id on it (nothing worse: the seal
// only lets a clicked host name be shown). If Redis is away at start the key is this process's own.
// The key is never logged.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { StateStore } from '../state/state-store';

export const LABEL_SEAL_KEY = 'label-seal-key';
export const LABEL_SEAL_KEY_TTL_MS = 90 * 24 * 3600_000;
/** 32 bytes in base64. */
const STORED_KEY = /^[A-Za-z0-9+/]{43}=$/;

export async function sharedLabelSealKey(store: StateStore, logger: Logger): Promise<Buffer> {
  const mine = randomBytes(32).toString('base64');
  await store.setIfAbsent(LABEL_SEAL_KEY, mine, LABEL_SEAL_KEY_TTL_MS);
  const stored = await store.get(LABEL_SEAL_KEY);
  if (stored !== undefined && STORED_KEY.test(stored)) return Buffer.from(stored, 'base64');
  logger.warn(
    { event: 'labelSealKeyUnreadable', key: LABEL_SEAL_KEY },
    'the shared label-seal key is missing or malformed: this replica seals with its own key (labels from other replicas show the device id)',
  );
  return Buffer.from(mine, 'base64');
}
