// What profile-summary and profile-diff both read: the `.cpuprofile` format `node --cpu-prof` writes,
// and how a frame is named and grouped, so the two tools name the same function the same way.

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Samples in which the thread did nothing of its own. */
export const IDLE = new Set(['(idle)', '(program)']);

export function frameKey(f: CallFrame): string {
  return `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
}

/**
 * `ours:src/cards/index.js` for a compiled file of this repository, whatever the outDir; undefined
 * for node_modules, node: and V8 frames. The later of the last `/src/` and `/scripts/` is the outDir's.
 */
export function ours(url: string): string | undefined {
  if (url === '' || url.includes('node_modules/') || url.startsWith('node:')) return undefined;
  const at = Math.max(url.lastIndexOf('/src/'), url.lastIndexOf('/scripts/'));
  return at >= 0 ? `ours:${url.slice(at + 1)}` : undefined;
}

/** node_modules/<path>, src/… or scripts/… of this repository whatever the outDir, node:…, or '' for V8's own frames. */
export function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  return ours(url)?.slice('ours:'.length) ?? url;
}

/** node_modules package (scoped included), our src/<folder> (or scripts/<folder>), node internals, or the VM's pseudo-frames. */
export function moduleOf(f: CallFrame): string {
  const url = f.url;
  if (url === '') return f.functionName.startsWith('(') ? f.functionName : '(native / V8 builtins)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return (parts[0] ?? '').startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node: (core)';
  const src = /^ours:(src|scripts)\/([^/]+)/.exec(ours(url) ?? '');
  if (src) return `${src[1]}/${src[2]}`;
  return url;
}
