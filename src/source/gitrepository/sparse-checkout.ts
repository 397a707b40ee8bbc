// spec.sparseCheckout: only the listed directories (and the paths leading to them) go into the
// artifact. Flux checks out sparsely with go-git and fails when a listed directory is missing;
// Weir checks the whole tree out from its cache and leaves the rest out of the archive, which
// gives the same artifact.
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ArtifactFilter } from '../artifact/ignore.js';

/** The listed directories, normalised (`./apps/` → `apps`). */
export function sparseDirectories(spec: readonly string[] | undefined): string[] {
  return (spec ?? []).map((dir) => posix.normalize(dir.replace(/^\.\/+/, '')).replace(/\/+$/, '')).filter((dir) => dir !== '' && dir !== '.');
}

/** The directories of `dirs` missing from the checkout in `root`. */
export async function missingDirectories(root: string, dirs: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const dir of dirs) if (!(await stat(join(root, dir)).then((s) => s.isDirectory(), () => false))) missing.push(dir);
  return missing;
}

/** Adds the sparse rule to an artifact filter: a path stays when it is inside, or leads to, a listed directory. */
export function withSparseCheckout(filter: ArtifactFilter, dirs: readonly string[]): ArtifactFilter {
  if (dirs.length === 0) return filter;
  const kept = (path: string, isDir: boolean) => dirs.some((dir) => path === dir || path.startsWith(`${dir}/`) || (isDir && dir.startsWith(`${path}/`)));
  return (path, isDir) => !kept(path, isDir) || filter(path, isDir);
}
