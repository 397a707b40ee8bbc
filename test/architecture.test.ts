// The import boundaries of STYLE.md: folders meet through their index.ts, dependencies point one
// way (lib → apimachinery → api/kustomize/sops → controlplane/kube → runtime → controllers →
// cli/ui), pure folders stay pure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Rank of each top-level folder: a folder may import only folders of lower rank (or its own). */
const RANK: Record<string, number> = {
  lib: 0, apimachinery: 1, api: 2, kustomize: 2, sops: 2, controlplane: 3, kube: 3, runtime: 4,
  source: 5, kustomization: 5, notification: 5, image: 5, helm: 5, cli: 6, ui: 6,
};
/** Folders the controllers must never reach (they meet the control plane over HTTP). */
const CONTROLLERS = new Set(['source', 'kustomization', 'notification', 'image', 'helm']);
const PURE = new Set(['apimachinery', 'kustomize', 'sops']);
const IMPURE_MODULES = /^(node:)?(child_process|net|http|https|dgram|cluster|worker_threads)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.contract.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

const files = sourceFiles(src);
const topFolder = (path: string) => relative(src, path).split(sep)[0]!;

describe('architecture', () => {
  it('knows every top-level folder', () => {
    const folders = new Set(files.map(topFolder));
    for (const folder of folders) expect(RANK, `add src/${folder} to the architecture test`).toHaveProperty(folder);
  });

  it('imports other top-level folders only through their index.ts, in dependency order', () => {
    const problems: string[] = [];
    for (const file of files) {
      const from = topFolder(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        const to = topFolder(target);
        if (to === from) continue;
        const where = `${relative(src, file)} imports ${spec}`;
        if (relative(join(src, to), target) !== 'index.js') problems.push(`${where}: go through src/${to}/index.ts`);
        if ((RANK[to] ?? 99) >= (RANK[from] ?? -1)) problems.push(`${where}: ${from} may not depend on ${to}`);
        if (CONTROLLERS.has(from) && to === 'controlplane') problems.push(`${where}: controllers reach the control plane over HTTP only`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps sub-folders of the control plane behind their index.ts', () => {
    const problems: string[] = [];
    for (const file of files.filter((f) => topFolder(f) === 'controlplane')) {
      const own = relative(join(src, 'controlplane'), dirname(file)).split(sep)[0]!;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        if (topFolder(target) !== 'controlplane') continue;
        const rel = relative(join(src, 'controlplane'), target).split(sep);
        if (rel.length === 1 || rel[0] === own || (own === '' && rel.length === 1)) continue;
        if (rel.length === 2 && rel[1] === 'index.js') continue;
        problems.push(`${relative(src, file)} imports ${spec}: go through controlplane/${rel[0]}/index.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the pure folders free of processes and network', () => {
    const problems = files
      .filter((file) => PURE.has(topFolder(file)))
      .flatMap((file) => importsOf(file).filter((spec) => IMPURE_MODULES.test(spec)).map((spec) => `${relative(src, file)} imports ${spec}`));
    expect(problems).toEqual([]);
  });

  it('prints nothing outside the CLI', () => {
    const problems = files
      .filter((file) => topFolder(file) !== 'cli')
      .filter((file) => /\bconsole\.(log|error|warn|info|debug)\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(problems).toEqual([]);
  });
});
