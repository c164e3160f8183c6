// `node dist/src/simulator/main.js`: a standalone simulated tenant on SIM_PORT (default 3979).
import { PERSONA_IDS, demoToken, startSimulator } from './index';

async function main(): Promise<void> {
  const raw = process.env.SIM_PORT ?? '3979';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`SIM_PORT="${raw}" is not a port number`);
  const sim = await startSimulator({ port, host: process.env.SIM_HOST ?? '127.0.0.1' });
  process.stdout.write(`Simulated Defender for Endpoint API listening on ${sim.url}\n`);
  process.stdout.write(`  ${sim.data.machines.length} machines, ${sim.data.users.length} users. Tokens (Authorization: Bearer <token>):\n`);
  for (const id of PERSONA_IDS) process.stdout.write(`    ${id.padEnd(13)} ${demoToken(id)}\n`);
  process.stdout.write(`  e.g. curl -H 'Authorization: Bearer ${demoToken('soc-lead')}' ${sim.url}/api/users/user1/machines\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
