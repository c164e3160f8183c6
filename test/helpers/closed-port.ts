// A loopback port nobody listens on: for pointing the bot at a Defender that refuses connections.
import { createServer } from 'node:net';

export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
