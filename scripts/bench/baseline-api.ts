// What the baseline process reports and answers (scripts/bench/baseline-child.ts).

export type BaselineApi = {
  /** The baseline's wait before answering, standing in for Defender's time (scripts/bench/baseline-app.ts). */
  setDelay: { params: { ms: number }; result: void };
};

export interface BaselineInfo {
  url: string;
  cardBytes: number;
}
