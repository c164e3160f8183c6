// The audit line of `feedback <text>`: who said it, where, and what, for whoever runs the bot. The
// text is the one thing a user writes into the log, so it is one line, capped, and anything shaped
// like a token or secret is redacted before it is written.
import { redactAndClip } from '../logging/redact';
import type { Requester } from '../tokens/types';

export const MAX_LOGGED_FEEDBACK = 1000;

export interface FeedbackRecord {
  kind: 'feedback';
  tenantId?: string;
  userObjectId?: string;
  teamsUserId: string;
  text: string;
}

export function feedbackRecord(requester: Requester, text: string): FeedbackRecord {
  return {
    kind: 'feedback',
    ...(requester.tenantId ? { tenantId: requester.tenantId } : {}),
    ...(requester.aadObjectId ? { userObjectId: requester.aadObjectId } : {}),
    teamsUserId: requester.teamsUserId,
    text: redactAndClip(text.replace(/[\r\n\t]+/g, ' '), MAX_LOGGED_FEEDBACK),
  };
}
