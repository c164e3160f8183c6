// Which files and npm packages the running bot loads: follow src/main.ts through its relative imports
// and collect the bare ones. Type-only imports are left out (the compiler erases them), so a package
// used only for its types may stay a devDependency. Dynamic `import()` is not followed: that is how
// demo-only code stays out of a production process.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Bare specifiers and relative ones of one TypeScript source, without type-only imports. */
export function importsOf(source: string): { bare: string[]; relative: string[] } {
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const clause = (m[2] ?? '').trim();
    if (/^type\b/.test(clause)) continue;
    // `import { type A, type B } from 'x'` is erased too: nothing but types inside the braces.
    const named = /^\{([^}]*)\}$/.exec(clause)?.[1];
    if (
      named
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .every((s) => s.startsWith('type '))
    )
      continue;
    specifiers.push(m[3] ?? '');
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specifiers.push(m[1] ?? '');
  for (const m of source.matchAll(/require(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(m[1] ?? '');
  const relative = specifiers.filter((s) => s.startsWith('.'));
  const bare = specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map(packageName);
  return { bare: [...new Set(bare)], relative };
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** What `entry` (a .ts file) loads statically: every source file reached through relative imports, and the bare packages. */
export function staticImportsFrom(entry: string): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return; // JSON templates import nothing
    const { bare, relative } = importsOf(readFileSync(file, 'utf8'));
    bare.forEach((p) => packages.add(p));
    for (const spec of relative) {
      const base = resolve(dirname(file), spec);
      const candidates = [`${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts'), base];
      const target = candidates.find((p) => existsSync(p) && statSync(p).isFile());
      if (target === undefined) throw new Error(`${file}: cannot resolve ${spec}`);
      visit(target);
    }
  };
  visit(entry);
  return { files: [...seen].sort(), packages: [...packages].sort() };
}

/** Every bare package reachable from `entry` (a .ts file) through relative imports. */
export function packagesReachedFrom(entry: string): string[] {
  return staticImportsFrom(entry).packages;
}
