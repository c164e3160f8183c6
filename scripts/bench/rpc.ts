// Every benchmark part runs in its own process (child_process.fork), so the bot, the baseline, the
// simulated tenant, the connector and the load generator never share an event loop or a heap. This
// is the small request/response protocol over the fork IPC channel that the orchestrator drives them with.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A child's methods: name → params and result (all JSON). */
export type Api = Record<string, { params: unknown; result: unknown }>;
export type Handlers<A extends Api> = { [K in keyof A]: (params: A[K]['params']) => Promise<A[K]['result']> };

interface ReadyMessage {
  type: 'ready';
  info: unknown;
}
interface FailedMessage {
  type: 'failed';
  error: string;
}
interface CallMessage {
  type: 'call';
  id: number;
  method: string;
  params: unknown;
}
interface ResultMessage {
  type: 'result';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
type ChildMessage = ReadyMessage | FailedMessage | ResultMessage;

export interface ChildHandle<A extends Api, Info> {
  name: string;
  pid: number;
  info: Info;
  call<K extends keyof A & string>(method: K, params: A[K]['params']): Promise<A[K]['result']>;
  /** Peak resident set (VmHWM) in MB from /proc; the child's own maxRSS where /proc is missing. */
  peakRssMb(): Promise<number>;
  /** Current resident set (VmRSS) in MB from /proc; NaN where /proc is missing. */
  rssMb(): number;
  /** CPU time (user + system) the child has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** CPU time of the child's main (JavaScript) thread alone, in ms at 10 ms resolution; NaN without /proc. */
  mainThreadCpuMs(): number;
  /** Asks the child to close its servers and exit (so --cpu-prof can write); kills it after 10 s. */
  stop(): Promise<void>;
}

/** Child side: the options the parent passed (argv[2], JSON). */
export function childOptions<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** Child side: runs setup, reports ready (with `info`), then answers calls until `stop`. */
export function serve<A extends Api, Info>(setup: () => Promise<{ info: Info; handlers: Handlers<A>; close(): Promise<void> }>): void {
  const send = (m: ChildMessage): void => {
    process.send?.(m);
  };
  setup().then(
    ({ info, handlers, close }) => {
      process.on('message', (raw: unknown) => {
        const m = raw as CallMessage;
        if (m.type !== 'call') return;
        if (m.method === '__stop') {
          void close().finally(() => process.exit(0));
          return;
        }
        if (m.method === '__maxRssKb') {
          send({ type: 'result', id: m.id, ok: true, result: process.resourceUsage().maxRSS });
          return;
        }
        if (m.method === '__cpuUsage') {
          send({ type: 'result', id: m.id, ok: true, result: process.cpuUsage() });
          return;
        }
        const handler = (handlers as Record<string, ((p: unknown) => Promise<unknown>) | undefined>)[m.method];
        if (handler === undefined) {
          send({ type: 'result', id: m.id, ok: false, error: `no method ${m.method}` });
          return;
        }
        handler(m.params).then(
          (result) => send({ type: 'result', id: m.id, ok: true, result }),
          (e: unknown) => send({ type: 'result', id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
        );
      });
      // The orchestrator going away (crash, Ctrl-C) must not leave servers behind.
      process.on('disconnect', () => process.exit(0));
      send({ type: 'ready', info });
    },
    (e: unknown) => {
      send({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.exit(1);
    },
  );
}

/** Parent side: forks a compiled entry script and waits until it is ready. */
export function startChild<A extends Api, Info>(
  name: string,
  script: string,
  options: unknown,
  execArgv: string[] = [],
): Promise<ChildHandle<A, Info>> {
  const child = fork(script, [JSON.stringify(options)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited (code ${code}, signal ${signal}) during a call`));
    pending.clear();
  });

  const rawCall = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${name} is not running`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ type: 'call', id, method, params } satisfies CallMessage);
    });

  return new Promise((resolve, reject) => {
    const onEarlyExit = (code: number | null): void => reject(new Error(`${name} exited with code ${code} before it was ready`));
    child.once('exit', onEarlyExit);
    child.on('message', (raw: unknown) => {
      const m = raw as ChildMessage;
      if (m.type === 'failed') return reject(new Error(`${name} failed to start: ${m.error}`));
      if (m.type === 'result') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.result);
        else p?.reject(new Error(`${name}: ${m.error ?? 'failed'}`));
        return;
      }
      child.off('exit', onEarlyExit);
      const pid = child.pid ?? -1;
      resolve({
        name,
        pid,
        info: m.info as Info,
        call: async <K extends keyof A & string>(method: K, params: A[K]['params']) => (await rawCall(method, params)) as A[K]['result'],
        peakRssMb: async () => {
          const fromProc = procStatusKb(pid, 'VmHWM');
          const kb = fromProc ?? ((await rawCall('__maxRssKb', null)) as number);
          return kb / 1024;
        },
        rssMb: () => (procStatusKb(pid, 'VmRSS') ?? Number.NaN) / 1024,
        cpuMs: async () => {
          const usage = (await rawCall('__cpuUsage', null)) as NodeJS.CpuUsage;
          return (usage.user + usage.system) / 1000;
        },
        mainThreadCpuMs: () => mainThreadCpuMs(pid),
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          if (child.connected) child.send({ type: 'call', id: 0, method: '__stop', params: null } satisfies CallMessage);
          else child.kill('SIGTERM');
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

/** A kB field of /proc/<pid>/status (VmHWM: peak resident set; VmRSS: current), or undefined without /proc. */
function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * utime + stime of the thread whose id is the process id (Node's main thread, where all JavaScript
 * runs), from /proc/<pid>/task/<pid>/stat in clock ticks (100 per second on Linux). The rest of a
 * process's CPU is V8's helper threads (parallel scavenges, concurrent marking, optimising compiles)
 * and libuv's pool.
 */
function mainThreadCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After "pid (comm) ", utime and stime are the 12th and 13th fields.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}
