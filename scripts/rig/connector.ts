// A local stand-in for the Bot Framework connector service (the activity's serviceUrl). It speaks the
// real REST paths botbuilder's ConnectorClient uses: replies, new activities, edits of sent messages
// (PUT .../activities/{activityId}), new 1:1 conversations (POST /v3/conversations), and the roster.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';

export interface SentActivity {
  /** The id the connector gave the message: what updateActivity later names, and a click on its buttons carries as replyToId. */
  id: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

/** One PUT /v3/conversations/{conversationId}/activities/{activityId}, taken or refused. */
export interface UpdateAttempt {
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
  answered: number;
}

/** One POST /v3/conversations: the ConversationParameters the bot sent and the conversation id answered. */
export interface CreatedConversation {
  parameters: Record<string, unknown>;
  id: string;
}

export interface RosterMember {
  id: string;
  name: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
}

/** How the connector answers one POST of an activity instead of taking it: an HTTP status (with Retry-After), or a dropped connection. */
export type ConnectorFault = { status: number; retryAfter?: string } | 'reset';

export interface PostAttempt {
  conversationId: string;
  replyToId?: string;
  type: unknown;
  /** The status answered, or 'reset' when the connection was dropped. */
  answered: number | 'reset';
}

export interface UpdatedActivity {
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

export interface ConnectorSink {
  url: string;
  /** Activities the connector took (answered 200). */
  sent: SentActivity[];
  /** Edits the connector took (PUT …/activities/{id}: updateActivity, answered 200), in arrival order. */
  readonly updated: UpdatedActivity[];
  /** Every POST of an activity, taken or refused, in arrival order. */
  postAttempts: PostAttempt[];
  /** The next POSTs of message activities get these answers, one each, in order (typing indicators pass); later ones are taken again. */
  failNextPosts(...faults: ConnectorFault[]): void;
  /** Every edit of a sent message, taken (200) or refused, in arrival order. */
  updates: UpdateAttempt[];
  /**
   * The next edits get these statuses instead of being taken. Without one, an edit of an id this
   * connector never gave out (in that conversation) is refused with 404, as Teams refuses to edit a
   * message that is not the bot's.
   */
  failNextUpdates(...statuses: number[]): void;
  /** 1:1 conversations the bot created. */
  conversations: CreatedConversation[];
  /** The next conversation creations get these statuses (e.g. 403: the app is not installed for that user). */
  failNextConversations(...statuses: number[]): void;
  /** Roster lookups made (conversation or team id, member id). */
  memberLookups: Array<{ conversationId: string; memberId: string }>;
  roster: Map<string, RosterMember>;
  /** Requests refused because `authorize` said no (production: the bot's app token was missing or wrong). */
  unauthorized: number;
  messages(): Array<Record<string, unknown>>;
  reset(): void;
  close(): Promise<void>;
}

export interface ConnectorOptions {
  /** Checks each request's Authorization header, as the real connector checks the bot's app token; refused requests get 401. */
  authorize?: (authorization: string | undefined) => boolean;
}

export async function startConnectorSink(options: ConnectorOptions = {}): Promise<ConnectorSink> {
  const sent: SentActivity[] = [];
  const memberLookups: Array<{ conversationId: string; memberId: string }> = [];
  const roster = new Map<string, RosterMember>();
  const postAttempts: PostAttempt[] = [];
  const faults: ConnectorFault[] = [];
  const updates: UpdateAttempt[] = [];
  const updateFaults: number[] = [];
  const conversations: CreatedConversation[] = [];
  const conversationFaults: number[] = [];
  /** conversationId|activityId of every message taken: the ones an edit may target. */
  const known = new Set<string>();
  let nextId = 1;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (options.authorize !== undefined && !options.authorize(req.headers.authorization)) {
      sink.unauthorized++;
      return json(401, { message: 'Authorization has been denied for this request.' });
    }
    // /v3/conversations/{conversationId}/activities[/{replyToId}]
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[2]) {
      const activity = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const where = { conversationId: parts[2], ...(parts[4] ? { replyToId: parts[4] } : {}) };
      const fault = activity.type === 'message' ? faults.shift() : undefined;
      postAttempts.push({
        ...where,
        type: activity.type,
        answered: fault === undefined ? 200 : fault === 'reset' ? 'reset' : fault.status,
      });
      if (fault === 'reset') return void req.socket.destroy();
      if (fault !== undefined) {
        res.writeHead(fault.status, {
          'Content-Type': 'application/json',
          ...(fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter }),
        });
        return void res.end(JSON.stringify({ error: { code: 'ServiceError', message: `injected ${fault.status}` } }));
      }
      const id = `reply-${nextId++}`;
      known.add(`${parts[2]}|${id}`);
      sent.push({ ...where, id, activity });
      return json(200, { id });
    }
    // PUT /v3/conversations/{conversationId}/activities/{activityId}: updateActivity, the whole new activity as the body.
    if (req.method === 'PUT' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[2] && parts[4]) {
      const activity = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const status = updateFaults.shift() ?? (known.has(`${parts[2]}|${parts[4]}`) ? 200 : 404);
      updates.push({ conversationId: parts[2], activityId: parts[4], activity, answered: status });
      if (status === 200) return json(200, { id: parts[4] });
      return json(status, { error: { code: status === 404 ? 'NotFound' : 'BadArgument', message: `edit refused (${status})` } });
    }
    // POST /v3/conversations: createConversation with ConversationParameters; answers a ConversationResourceResponse.
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts.length === 2) {
      const parameters = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const status = conversationFaults.shift();
      if (status !== undefined) return json(status, { error: { code: 'Forbidden', message: `injected ${status}` } });
      const members = Array.isArray(parameters.members) ? (parameters.members as Array<{ id?: unknown }>) : [];
      const id = `a:1on1-${String(members[0]?.id ?? 'unknown')}`;
      conversations.push({ parameters, id });
      return json(201, { id, serviceUrl: `http://127.0.0.1:${port}/` });
    }
    // /v3/conversations/{conversationId}/members/{memberId}
    if (req.method === 'GET' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'members' && parts[2] && parts[4]) {
      memberLookups.push({ conversationId: parts[2], memberId: parts[4] });
      const member = roster.get(parts[4]);
      if (!member)
        return json(404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' } });
      return json(200, { ...member, objectId: member.aadObjectId, userRole: 'user', tenantId: 'tenant' });
    }
    json(404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
  });
  let port = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ({ port } = server.address() as AddressInfo);

  const sink: ConnectorSink = {
    url: `http://127.0.0.1:${port}/`,
    sent,
    get updated() {
      return updates
        .filter((u) => u.answered === 200)
        .map(({ conversationId, activityId, activity }) => ({ conversationId, activityId, activity }));
    },
    postAttempts,
    failNextPosts: (...next) => {
      faults.push(...next);
    },
    updates,
    failNextUpdates: (...next) => {
      updateFaults.push(...next);
    },
    conversations,
    failNextConversations: (...next) => {
      conversationFaults.push(...next);
    },
    memberLookups,
    roster,
    unauthorized: 0,
    messages: () => sent.filter((s) => s.activity.type === 'message').map((s) => ({ ...s.activity, id: s.id })),
    reset: () => {
      sent.length = 0;
      postAttempts.length = 0;
      faults.length = 0;
      updates.length = 0;
      updateFaults.length = 0;
      conversations.length = 0;
      conversationFaults.length = 0;
      memberLookups.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return sink;
}
