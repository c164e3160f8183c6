// The output of the card layer: plain JSON the Teams wiring turns into an attachment.
import type { ActionValue } from '../commands/types';
import type { ActionStyle } from './action-style';

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[] | undefined;
  [key: string]: unknown;
}

export interface CardReply {
  card: AdaptiveCardJson;
  /** Plain text for push notifications and the activity feed, e.g. "3 machines for user1". */
  summary: string;
  /** Plain text shown by clients that cannot render the card. */
  fallbackText: string;
}

export interface RenderContext {
  now: Date;
  /** Entra tenant id, for portal links (?tid=). */
  tenantId?: string | undefined;
  /** e.g. https://security.microsoft.com; depends on the cloud. */
  portalBaseUrl: string;
  /** Demo mode adds a "demo tenant" footer to every card. */
  demo: boolean;
  /** How buttons post back; messageBack unless the client cannot click those (see ./action-style.ts). */
  actionStyle?: ActionStyle | undefined;
  /** Set when (part of) the answer came from the per-person cache: when Defender was asked. */
  dataFetchedAt?: Date | undefined;
  /** Whose Defender access the card reflects, by name (group chats, channels); absent: "your". */
  accessHolder?: string | undefined;
  /** The card replaces one that showed another person's view (a click by someone else): it says so. */
  replacesOtherView?: boolean | undefined;
  /** Short tag of the person the card is for, stamped on its in-place buttons (ClickFlags.by). */
  viewerTag?: string | undefined;
  /** The command the card answers, as a button value: a transient error card offers it as Retry. */
  retry?: ActionValue | undefined;
  /** Seals each button's machine label (../shared/label-seal.ts), so a click can show it: `ls` beside `label`. */
  sealLabel?: ((machineId: string, label: string) => string) | undefined;
}
