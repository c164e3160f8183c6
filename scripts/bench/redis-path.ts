// `node dist/scripts/bench/redis-path.js`: what the Redis steps of one command cost in the bot process,
// without the rest of the bot around them. One process, one redis-server on a free port, each step run
// 3,000 times in a row after a warm-up: CPU (process.cpuUsage, user + system) and wall time per call.
// The steps a typed Defender command takes on Redis: the redelivery check with the command count (one
// script) and the budget take (one script, carrying earlier releases); PING and GET for scale.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { createResilience } from '../../src/resilience';
import { openSharedState } from '../../src/state';
import { startRedisServer } from '../rig/redis-server';

const CALLS = 3000;

async function measure(name: string, step: (i: number) => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 200; i++) await step(i);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await step(i);
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - started) / CALLS;
  return `| ${name} | ${((used.user + used.system) / CALLS / 1000).toFixed(3)} | ${wall.toFixed(3)} |`;
}

async function main(): Promise<void> {
  const server = await startRedisServer();
  const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
  const state = await openSharedState(
    { redis: { url: server.url, useEntraId: false, keyPrefix: 'redis-path:', commandTimeoutMs: 3000 }, expectedReplicas: 3 },
    quiet,
  );
  const resilience = createResilience({ perMinute: 1e9, perHour: 1e9, perUserShare: 1, commandsPerUserPerMinute: 1e9 }, state);
  const client = state.redis?.connection.client;
  if (client === undefined) throw new Error('no Redis connection');
  try {
    const rows = [
      await measure('PING', () => client.ping()),
      await measure('GET', () => client.get('absent')),
      await measure('redelivery check + command count (one script)', (i) =>
        resilience.commands.takeOnFirstDelivery(`analyst-${i % 30}`, { store: state.store, key: `seen:activity:${i}`, ttlMs: 60_000 }),
      ),
      await measure('budget take, the previous release carried (one script)', (i) =>
        resilience.limiter.run({ endpoint: 'users/{name}/machines', userKey: `analyst-${i % 30}`, deadline: Date.now() + 5000 }, () =>
          Promise.resolve(i),
        ),
      ),
    ];
    process.stdout.write(
      `Redis steps of one command, ${CALLS} calls each, in a row, one process\n\n| step | CPU ms per call | wall ms per call |\n|---|---|---|\n${rows.join('\n')}\n`,
    );
  } finally {
    await resilience.close();
    await state.close();
    await server.stop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`redis-path bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
