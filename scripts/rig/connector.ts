// A local stand-in for the Bot Framework connector service (the activity's serviceUrl). It speaks the
// real REST paths botbuilder's ConnectorClient uses: replies, new activities, and the member roster.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';

export interface SentActivity {
  /** The id the connector gave the activity (what updateActivity later names). */
  id: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
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
  /** Edits of sent activities (PUT …/activities/{id}: updateActivity), in arrival order. */
  updated: UpdatedActivity[];
  /** Every POST of an activity, taken or refused, in arrival order. */
  postAttempts: PostAttempt[];
  /** The next POSTs of message activities get these answers, one each, in order (typing indicators pass); later ones are taken again. */
  failNextPosts(...faults: ConnectorFault[]): void;
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
  const updated: UpdatedActivity[] = [];
  const faults: ConnectorFault[] = [];
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
      sent.push({ id, ...where, activity });
      return json(200, { id });
    }
    // PUT /v3/conversations/{conversationId}/activities/{activityId}: a message edited in place
    if (req.method === 'PUT' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[2] && parts[4]) {
      const activity = JSON.parse(await readBody(req)) as Record<string, unknown>;
      updated.push({ conversationId: parts[2], activityId: parts[4], activity });
      return json(200, { id: parts[4] });
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sink: ConnectorSink = {
    url: `http://127.0.0.1:${port}/`,
    sent,
    updated,
    postAttempts,
    failNextPosts: (...next) => {
      faults.push(...next);
    },
    memberLookups,
    roster,
    unauthorized: 0,
    messages: () => sent.map((s) => s.activity).filter((a) => a.type === 'message'),
    reset: () => {
      sent.length = 0;
      updated.length = 0;
      postAttempts.length = 0;
      faults.length = 0;
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
