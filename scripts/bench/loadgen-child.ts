// Process: the load generator. Separate from everything it measures, so its own CPU time is not
// charged to the bot or the baseline (on a small machine it still competes for cores: see BENCHMARKS.md).
import { loadTemplate } from './activities';
import { closedLoop, openLoop } from './load';
import type { LoadgenApi } from './loadgen-api';
import { serve } from './rpc';

serve<LoadgenApi, null>(async () => {
  const template = loadTemplate();
  return {
    info: null,
    handlers: {
      closedLoop: (p) => closedLoop(template, p),
      openLoop: (p) => openLoop(template, p),
    },
    close: async () => {},
  };
});
