// Process: the baseline teams-ai bot (scripts/bench/baseline-app.ts), answering with the card the
// orchestrator captured from our bot, so both send equally large replies.
import { createLogger } from '../../src/logging/logger';
import { startBaselineBot } from './baseline-app';
import type { BaselineApi, BaselineInfo } from './baseline-api';
import { childOptions, serve } from './rpc';

interface BaselineChildOptions {
  card?: Record<string, unknown>;
}

const { card } = childOptions<BaselineChildOptions>();

serve<BaselineApi, BaselineInfo>(async () => {
  const baseline = await startBaselineBot({ logger: createLogger('warn'), ...(card === undefined ? {} : { card }) });
  return {
    info: { url: baseline.url, cardBytes: baseline.cardBytes },
    handlers: { setDelay: async ({ ms }) => baseline.setDelayMs(ms) },
    close: () => baseline.close(),
  };
});
