// A Lua script sent by its SHA-1 (EVALSHA): a few bytes on the wire instead of the whole script, and
// no re-hashing of its text by the server on every call. The first call on a connection sends the
// text (EVAL, which also caches it in the server), so a server that never saw it answers no
// NOSCRIPT error (they count in its error stats and alerts); a NOSCRIPT later (Redis restarted or
// SCRIPT FLUSH) sends the text once more. One round trip per call either way. Keys get the
// connection's keyPrefix, as with EVAL.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export class LuaScript {
  readonly #sha: string;
  readonly #sent = new WeakSet<Redis>();

  constructor(readonly source: string) {
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    if (!this.#sent.has(client)) {
      const reply = await client.eval(this.source, keys.length, ...keys, ...args);
      this.#sent.add(client);
      return reply;
    }
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
