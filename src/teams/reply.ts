import { CardFactory, type Activity } from 'botbuilder';
import type { CardReply } from '../cards/types';

export function replyActivity(reply: CardReply): Partial<Activity> {
  return {
    type: 'message',
    summary: reply.summary,
    attachments: [CardFactory.adaptiveCard(reply.card)],
  };
}
