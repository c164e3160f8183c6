// Demo mode's Defender side: the simulated tenant (unless DEFENDER_API_URL points elsewhere) and a
// token that makes every Teams user the configured simulated analyst. start-bot.ts loads this file
// with a dynamic import in demo mode only, so a production process never loads the simulator.
import type { DemoConfig } from '../config';
import { demoToken, startSimulator, type SimulatorHandle } from '../simulator';
import { DemoTokenProvider } from '../tokens/demo-token-provider';
import type { TokenProvider } from '../tokens/types';

export interface DemoBackend {
  defenderApiUrl: string;
  tokens: TokenProvider;
  /** Set when no DEFENDER_API_URL was given and the simulated tenant was started here. */
  simulator?: SimulatorHandle;
}

export async function startDemoBackend(config: DemoConfig): Promise<DemoBackend> {
  const tokens = new DemoTokenProvider(demoToken(config.demoAnalyst));
  if (config.defenderApiUrl !== undefined) return { defenderApiUrl: config.defenderApiUrl, tokens };
  const simulator = await startSimulator();
  return { defenderApiUrl: simulator.url, tokens, simulator };
}
