// Process: our bot, exactly as production composes it (startBot), in demo mode against the simulated
// tenant in the sim process. LOG_LEVEL=warn: per-turn info lines would benchmark the log pipe.
import { startBot } from '../../src/app/start-bot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { childOptions, serve } from './rpc';

interface BotChildOptions {
  simUrl: string;
  /** Extra configuration (--bot-env); the keys that wire the bench together always win. */
  env?: Record<string, string>;
}

const { simUrl, env } = childOptions<BotChildOptions>();

serve<Record<string, never>, { url: string }>(async () => {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env, PORT: '0', CI: 'true', DEFENDER_API_URL: simUrl });
  const bot = await startBot(config, { logger: createLogger(config.logLevel), host: '127.0.0.1' });
  return { info: { url: bot.url }, handlers: {}, close: () => bot.close() };
});
