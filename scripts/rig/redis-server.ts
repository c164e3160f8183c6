// A real Redis for tests and the bench: Debian's redis-server (7.0 on this machine, installed by
// .ci/run), on a free loopback port, with no persistence (a restart loses everything, which is the
// harder case for the bot). stop()/start() simulate an outage on the same port.
// MDE_REDIS_SERVER names another redis-server binary for a whole test run: test/state/newer-redis.test.ts
// runs the Redis tests again that way, on the 8.0 that scripts/rig/build-redis.sh builds.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Sends one command over RESP and returns the raw reply text, e.g. `INFO errorstats`. */
  command(...args: string[]): Promise<string>;
}

export async function startRedisServer(options: { binary?: string } = {}): Promise<RedisServer> {
  const binary = options.binary ?? (process.env.MDE_REDIS_SERVER || 'redis-server');
  let child: ChildProcess | undefined;
  let port = 0;
  const launch = async (): Promise<void> => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer): void => {
        out += chunk.toString('utf8');
        if (/ready to accept connections/i.test(out)) {
          running.stdout?.off('data', onData);
          running.stdout?.resume();
          resolve();
        }
      };
      running.stdout?.on('data', onData);
      running.stderr?.resume();
      running.once('error', reject);
      running.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`)));
    });
  };
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    get port() {
      return port;
    },
    stop,
    start: launch,
    command: (...args) => respCommand(port, args),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One command on its own connection, without a client library: what the server itself says. */
function respCommand(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      // A bulk string ($n\r\n...\r\n) or a simple line: enough for INFO and short answers.
      const bulk = /^\$(\d+)\r\n/.exec(reply);
      if (bulk !== null ? Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2 : reply.endsWith('\r\n')) socket.end();
    });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}
