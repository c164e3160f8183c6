import { CardFactory, type Activity } from 'botbuilder';
import { renderOutcome } from '../cards';
import type { CardReply, RenderContext } from '../cards/types';
import type { CallMeter } from '../audit/call-meter';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';

export function replyActivity(reply: CardReply): Partial<Activity> {
  return {
    type: 'message',
    summary: reply.summary,
    attachments: [CardFactory.adaptiveCard(reply.card)],
  };
}

/** What the turn tells a card about where it goes and why: whose access, a replaced view, the command to retry. */
export type CardView = Pick<RenderContext, 'accessHolder' | 'replacesOtherView' | 'viewerTag' | 'retry'>;

/** An outcome's card as a message. With the requester: portal links in their tenant; with a meter: the "cached" note. */
export type CardFor = (outcome: Outcome, requester?: Requester, meter?: CallMeter, view?: CardView) => Partial<Activity>;

export function cardRenderer(render: Omit<RenderContext, 'now' | 'tenantId'>, now: () => Date): CardFor {
  return (outcome, requester, meter, view) =>
    replyActivity(
      renderOutcome(outcome, {
        ...render,
        ...view,
        now: now(),
        ...(requester?.tenantId ? { tenantId: requester.tenantId } : {}),
        ...(meter?.fetchedAt && meter.cacheHits > 0 ? { dataFetchedAt: meter.fetchedAt } : {}),
      }),
    );
}
