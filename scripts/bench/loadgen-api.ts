// What the load-generator process answers (scripts/bench/loadgen-child.ts).
import type { BurstParams, BurstResult, ClosedLoopParams, ClosedLoopResult } from './load';

export type LoadgenApi = {
  closedLoop: { params: ClosedLoopParams; result: ClosedLoopResult };
  openLoop: { params: BurstParams; result: BurstResult[] };
};
