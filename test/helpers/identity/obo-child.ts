// Child process entry: runs OboTokenProvider with real @azure/identity against the local IdP and
// answers the test over IPC. Started by ./obo-child-client.ts with NODE_EXTRA_CA_CERTS set.
import { inspect } from 'node:util';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { assertionFromCredential } from '../../../src/tokens/client-assertion';
import { OboTokenProvider, type TokenLogger } from '../../../src/tokens/obo-token-provider';
import type { ClientAuth } from '../../../src/tokens/obo-credential';
import type { SsoTokenSource } from '../../../src/tokens/sso-token-source';
import { isTokenError } from '../../../src/tokens/token-error';
import type { Requester } from '../../../src/tokens/types';
import type { ChildClientAuth, ChildProviderOptions, ChildReply, ChildRequest, ExposedText, GetOutcome } from './obo-protocol';

interface Instance {
  provider: OboTokenProvider;
  tokens: Map<string, string>;
  forgotten: string[];
  texts: string[];
}

const instances = new Map<string, Instance>();

function clientAuth(a: ChildClientAuth): ClientAuth {
  if (a.kind !== 'managedIdentity') return a;
  const credential: TokenCredential = {
    getToken: async (): Promise<AccessToken> => ({ token: a.assertion, expiresOnTimestamp: Date.now() + 3600_000 }),
  };
  return { kind: 'assertion', getAssertion: assertionFromCredential(credential) };
}

function create(name: string, o: ChildProviderOptions): void {
  const tokens = new Map<string, string>();
  const forgotten: string[] = [];
  const texts: string[] = [];
  const source: SsoTokenSource = {
    getSsoToken: async (r) => tokens.get(r.teamsUserId),
    forget: (r) => {
      tokens.delete(r.teamsUserId);
      forgotten.push(r.teamsUserId);
    },
  };
  // Raw capture, deliberately without the app logger's redaction: the provider itself must not log tokens.
  const logger: TokenLogger = {
    info: (obj, msg) => texts.push(`${msg} ${JSON.stringify(obj)}`),
    warn: (obj, msg) => texts.push(`${msg} ${JSON.stringify(obj)}`),
  };
  const provider = new OboTokenProvider({
    clientId: o.clientId,
    ...(o.tenantId === undefined ? {} : { tenantId: o.tenantId }),
    clientAuth: clientAuth(o.clientAuth),
    cloud: { audience: o.audience, loginHost: 'https://login.microsoftonline.com' },
    authorityHost: o.authorityHost,
    ssoTokens: source,
    retry: { maxRetries: 0 },
    logger,
    ...(o.maxCachedCredentials === undefined ? {} : { maxCachedCredentials: o.maxCachedCredentials }),
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
  });
  instances.set(name, { provider, tokens, forgotten, texts });
}

function instance(name: string): Instance {
  const i = instances.get(name);
  if (i === undefined) throw new Error(`no provider named ${name}`);
  return i;
}

async function get(i: Instance, requester: Requester): Promise<GetOutcome> {
  try {
    const r = await i.provider.getDefenderToken(requester);
    return r.kind === 'token' ? r : { kind: 'signInRequired', code: r.code, reason: r.reason };
  } catch (e) {
    i.texts.push(inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e), e instanceof Error ? String(e.stack) : String(e));
    if (!isTokenError(e)) return { kind: 'error', name: e instanceof Error ? e.name : typeof e, message: String(e) };
    return {
      kind: 'error',
      name: e.name,
      code: e.code,
      message: e.message,
      userReason: e.userReason,
      ...(e.aadstsCode === undefined ? {} : { aadstsCode: e.aadstsCode }),
      ...(e.correlationId === undefined ? {} : { correlationId: e.correlationId }),
    };
  }
}

async function handle(req: ChildRequest): Promise<unknown> {
  switch (req.op) {
    case 'create':
      create(req.name, req.options);
      return null;
    case 'get': {
      const i = instance(req.name);
      if (req.ssoToken === undefined) i.tokens.delete(req.requester.teamsUserId);
      else i.tokens.set(req.requester.teamsUserId, req.ssoToken);
      const n = req.concurrent ?? 1;
      const outcomes = await Promise.all(Array.from({ length: n }, () => get(i, req.requester)));
      return n === 1 ? outcomes[0] : outcomes;
    }
    case 'signOut':
      await instance(req.name).provider.signOut(req.requester);
      return null;
    case 'exposed': {
      const i = instance(req.name);
      const exposed: ExposedText = {
        texts: [
          ...i.texts,
          inspect(i.provider, { depth: Infinity, showHidden: true }),
          JSON.stringify(i.provider),
          JSON.stringify(i.provider.stats()),
        ],
        forgotten: [...i.forgotten],
        stats: i.provider.stats(),
      };
      return exposed;
    }
  }
}

process.on('message', (message: { id: number; request: ChildRequest }) => {
  void handle(message.request).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies ChildReply),
    (e: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        message: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      } satisfies ChildReply),
  );
});
