// Several bot processes (`node dist/src/main.js`, the demo configuration pointed at one simulated
// tenant) on one real redis-server, behind a round-robin HTTP balancer, as App Service scale-out or
// Container Apps replicas run them. Activities go to the balancer (or to one replica on purpose);
// replies go to one fake connector. Used by test/app/replicas.test.ts and the bench (--replicas N --redis).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator';
import { postActivity } from './bot-harness';
import { INHERITED_KEYS_TO_DROP } from './child-env';
import { compiledBotMain } from './compiled-bot';
import { startConnectorSink, type ConnectorSink } from './connector';
import { startRedisServer, type RedisServer } from './redis-server';

export interface Replica {
  url: string;
  pid: number;
  output(): string;
  /** SIGKILL: a crash, no graceful shutdown. */
  kill(): Promise<void>;
  readonly alive: boolean;
}

export interface ReplicaSet {
  sim: SimulatorHandle;
  connector: ConnectorSink;
  redis: RedisServer | undefined;
  replicas: Replica[];
  /** The round-robin balancer's base URL: POST /api/messages goes to the next live replica. */
  url: string;
  /** Posts through the balancer, or to replica `to`; the HTTP status once the turn finished. */
  post(activity: Record<string, unknown>, to?: number): Promise<number>;
  /** Starts one more replica with the same configuration (a restart, or a scale-out); its index in `replicas`. */
  add(): Promise<number>;
  close(): Promise<void>;
}

export interface ReplicaSetOptions {
  replicas: number;
  /** Start a redis-server and give every replica REDIS_URL (default true). */
  redis?: boolean;
  env?: Record<string, string>;
  sim?: SimulatorOptions;
  /** Node flags for every replica, e.g. ['--cpu-prof', '--cpu-prof-dir=DIR'] (the bench's --cpu-prof). */
  nodeArgs?: readonly string[];
}

export async function startReplicaSet(options: ReplicaSetOptions): Promise<ReplicaSet> {
  const sim = await startSimulator(options.sim ?? {});
  const connector = await startConnectorSink();
  const redis = options.redis === false ? undefined : await startRedisServer();
  const replicas: Replica[] = [];
  const replicaEnv = {
    DEFENDER_API_URL: sim.url,
    EXPECTED_REPLICAS: String(options.replicas),
    ...(redis === undefined ? {} : { REDIS_URL: redis.url }),
    ...options.env,
  };
  try {
    for (let i = 0; i < options.replicas; i++) replicas.push(await spawnReplica(replicaEnv, options.nodeArgs ?? []));
  } catch (e) {
    for (const r of replicas) await r.kill();
    await connector.close();
    await sim.close();
    await redis?.stop();
    throw e;
  }
  let next = 0;
  const balancer = createServer((req, res) => {
    const live = replicas.filter((r) => r.alive);
    const target = live[next++ % Math.max(1, live.length)];
    if (target === undefined) {
      res.writeHead(502).end();
      return;
    }
    const upstream = request(`${target.url}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const url = await listen(balancer);
  const post = (activity: Record<string, unknown>, to?: number): Promise<number> =>
    postActivity(to === undefined ? url : (replicas[to]?.url ?? url), activity, connector.url);
  return {
    sim,
    connector,
    redis,
    replicas,
    url,
    post,
    add: async () => replicas.push(await spawnReplica(replicaEnv, options.nodeArgs ?? [])) - 1,
    close: async () => {
      await new Promise<void>((resolve) => {
        balancer.close(() => resolve());
        balancer.closeAllConnections();
      });
      for (const r of replicas) await r.kill();
      await connector.close();
      await sim.close();
      await redis?.stop();
    },
  };
}

async function spawnReplica(env: Record<string, string>, nodeArgs: readonly string[]): Promise<Replica> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', CI: 'true', PLAYGROUND: '0', LOG_LEVEL: 'info', ...env };
  for (const k of INHERITED_KEYS_TO_DROP) if (!(k in env)) delete childEnv[k];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...nodeArgs, compiledBotMain], {
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a replica did not start within 20 s:\n${chunks.join('')}`)), 20_000);
    child.stdout.on('data', () => {
      const m = /Bot endpoint:\s+(http:\/\/\S+)\/api\/messages/.exec(chunks.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`a replica exited (${String(code)}) before listening:\n${chunks.join('')}`));
    });
  });
  return {
    url,
    pid: child.pid ?? -1,
    output: () => chunks.join(''),
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`);
    });
  });
}
