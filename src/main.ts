// `npm start`: read .env and the environment once, validate, start. A bad config exits with every problem listed.
import 'dotenv/config';
import { ConfigError, isLoopbackHost, loadConfig } from './config';
import { startBot } from './app/start-bot';
import { createLogger } from './logging/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const bot = await startBot(config, { logger });
  const stoppers: Array<() => void> = [];
  // Weakened safeguards are said loudly, once here and on /readyz for as long as they last.
  for (const warning of config.warnings) {
    logger.warn({ event: 'configWarning', warning }, warning);
    process.stderr.write(`WARNING: ${warning}\n`);
  }

  if (config.mode === 'demo') {
    const lines = [
      '',
      '  DEMO MODE: answers come from a simulated Defender tenant, not real data.',
      `  Bot endpoint:     ${bot.url}/api/messages  ${isLoopbackHost(bot.host) ? '(this machine only)' : `(listening on ${bot.host}: reachable from the network, unauthenticated)`}`,
      `  Defender API:     ${bot.defenderApiUrl}${bot.simulator ? ' (simulated tenant)' : ''}`,
      `  Acting as:        ${config.demoAnalyst} (set DEMO_ANALYST to soc-lead, analyst-emea, analyst-us or no-role)`,
    ];
    if (config.playground) {
      // Dynamic: the Playground is a devDependency, absent from a production install.
      const { startPlayground } = await import('./app/playground.js');
      const child = startPlayground(bot.url, config.playgroundPort);
      stoppers.push(() => child.kill());
      lines.push(
        `  Chat with it:     http://127.0.0.1:${config.playgroundPort}  (Microsoft 365 Agents Playground; PLAYGROUND=0 turns it off)`,
      );
    }
    lines.push('  Try:              machines for user1', '');
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    // One plain line for operators and process supervisors (and the tests, which read the port from it).
    process.stdout.write(`mde-chatops listening on ${bot.url}/api/messages (production, bot ${config.bot.id})\n`);
  }
  logger.info({ mode: config.mode, host: bot.host, port: config.port, url: bot.url, cloud: config.cloud }, 'bot started');

  const stop = async (signal: string): Promise<void> => {
    logger.info({ signal }, 'shutting down');
    stoppers.forEach((s) => s());
    await bot.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`mde-chatops could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
