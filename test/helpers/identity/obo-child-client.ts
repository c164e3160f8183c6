// Test-side driver of ./obo-child.ts: forks it with the IdP's CA in NODE_EXTRA_CA_CERTS and
// no proxy, then sends requests and awaits the answers.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Requester } from '../../../src/tokens/types';
import { INHERITED_KEYS_TO_DROP } from '../../../scripts/rig/child-env';
import type { ChildProviderOptions, ChildReply, ChildRequest, ExposedText, GetOutcome } from './obo-protocol';

export interface OboChild {
  create(name: string, options: ChildProviderOptions): Promise<void>;
  /** Hands the provider `ssoToken` as the requester's current SSO token (none when undefined), then asks for a Defender token. */
  get(name: string, requester: Requester, ssoToken: string | undefined): Promise<GetOutcome>;
  getConcurrently(name: string, requester: Requester, ssoToken: string, n: number): Promise<GetOutcome[]>;
  signOut(name: string, requester: Requester): Promise<void>;
  exposed(name: string): Promise<ExposedText>;
  close(): Promise<void>;
}

export function startOboChild(caFile: string): OboChild {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: caFile,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  for (const k of [...INHERITED_KEYS_TO_DROP, 'AZURE_LOG_LEVEL']) delete env[k];
  const child: ChildProcess = fork(join(__dirname, 'obo-child.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  child.on('message', (m: ChildReply) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (w === undefined) return;
    if (m.ok) w.resolve(m.value);
    else w.reject(new Error(`child: ${m.message}`));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`OBO child exited (${String(code)})`));
    waiting.clear();
  });
  const call = (request: ChildRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, request });
    });
  return {
    create: async (name, options) => {
      await call({ op: 'create', name, options });
    },
    get: async (name, requester, ssoToken) =>
      (await call({ op: 'get', name, requester, ...(ssoToken === undefined ? {} : { ssoToken }) })) as GetOutcome,
    getConcurrently: async (name, requester, ssoToken, n) =>
      (await call({ op: 'get', name, requester, ssoToken, concurrent: n })) as GetOutcome[],
    signOut: async (name, requester) => {
      await call({ op: 'signOut', name, requester });
    },
    exposed: async (name) => (await call({ op: 'exposed', name })) as ExposedText,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
