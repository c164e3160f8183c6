// What the connector-sink process answers, shared by the sink and the orchestrator.

export interface SinkInfo {
  /** The serviceUrl to put on activities (trailing slash, as Teams sends it). */
  url: string;
}

export interface SinkStats {
  messages: number;
  typing: number;
  other: number;
  /** Message replies whose summary is the bot's "Defender is busy" (429) card. */
  throttled: number;
}

export interface RecordedReply {
  conversationId: string;
  replyToId?: string;
  /** Wall clock (Date.now) when the sink received it. */
  receivedAt: number;
  activity: Record<string, unknown>;
}

export type SinkApi = {
  stats: { params: null; result: SinkStats };
  /** Starts (clearing what was kept) or stops keeping message activities. */
  record: { params: { on: boolean }; result: void };
  /** The message activities kept since recording started or since the last take. */
  takeRecorded: { params: null; result: RecordedReply[] };
};

/**
 * The throttled error card's notification summary (src/cards/view-models/error.ts, `throttled`):
 * "Defender is busy: try again …". Matched by its start so the retry wording may change.
 */
export function isThrottledSummary(summary: unknown): boolean {
  return typeof summary === 'string' && summary.startsWith('Defender is busy');
}
