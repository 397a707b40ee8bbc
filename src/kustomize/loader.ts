// The restricted loader: every file a build reads is resolved against the kustomization that
// names it and must stay inside the boundary, symlinks included. With `rootOnly` (kustomize's
// default LoadRestrictionsRootOnly, api/internal/loader) a file must also be inside the directory
// of the kustomization that reads it; other kustomizations it includes may be anywhere.
import { posix } from 'node:path';
import { KustomizeError } from './errors.js';
import type { FileSystem } from './fs.js';

/** Reads files relative to one kustomization directory, inside the boundary. */
export interface Loader {
  readonly fs: FileSystem;
  /** Absolute directory of the kustomization. */
  readonly dir: string;
  /** Real path of the boundary. */
  readonly boundary: string;
  /** Shows a path relative to the directory the build started in, for messages. */
  display(path: string): string;
  /** Resolves a relative path and checks it stays inside the boundary. */
  resolve(path: string, where: { file?: string; field?: string }): string;
  readText(path: string, where: { file?: string; field?: string }): string;
  /** The file's bytes (UTF-8 of its text when the file system only has text). */
  readBytes(path: string, where: { file?: string; field?: string }): Uint8Array;
  /** A loader for a sub-directory (a base or component). */
  child(dir: string): Loader;
}

/** Files larger than this are refused rather than parsed (a 100 MB file must not hang a build). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const inside = (root: string, path: string) => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);

/** A loader rooted at dir, restricted to boundary (and, with rootOnly, files to dir). */
export function createLoader(fs: FileSystem, dir: string, boundary: string, rootOnly = false, buildRoot = dir): Loader {
  const display = (path: string) => posix.relative(buildRoot, path) || '.';
  const loader: Loader = {
    fs, dir, boundary, display,
    resolve(path, where) {
      const abs = posix.resolve(dir, path);
      if (!inside(boundary, abs)) {
        throw new KustomizeError(`security; file '${path}' is not in or below '${boundary}'`, where, { code: 'kustomize.boundary' });
      }
      if (!fs.exists(abs)) {
        throw new KustomizeError(`'${display(abs)}' doesn't exist`, where, { code: 'kustomize.missing' });
      }
      const real = fs.realPath(abs);
      if (!inside(boundary, real)) {
        throw new KustomizeError(`security; file '${path}' resolves to '${real}', which is not in or below '${boundary}'`, where, { code: 'kustomize.boundary' });
      }
      if (rootOnly && !inside(dir, real) && !fs.isDirectory(real)) {
        const target = real === abs ? '' : ` resolves to '${real}', which`;
        throw new KustomizeError(`security; file '${path}'${target} is not in or below '${dir}'`, where, {
          code: 'kustomize.boundary',
          hint: 'kustomize reads files only below the kustomization that names them; move the file, or build with --load-restrictor=LoadRestrictionsNone',
        });
      }
      return abs;
    },
    readText(path, where) {
      const abs = loader.resolve(path, where);
      if (fs.isDirectory(abs)) throw new KustomizeError(`'${display(abs)}' is a directory, expected a file`, where);
      const text = fs.readFile(abs);
      if (text.length > MAX_FILE_BYTES) throw new KustomizeError(`'${display(abs)}' is larger than ${MAX_FILE_BYTES} bytes`, where);
      return text;
    },
    readBytes(path, where) {
      const abs = loader.resolve(path, where);
      if (fs.isDirectory(abs)) throw new KustomizeError(`'${display(abs)}' is a directory, expected a file`, where);
      const bytes = fs.readBytes ? fs.readBytes(abs) : Buffer.from(fs.readFile(abs), 'utf8');
      if (bytes.length > MAX_FILE_BYTES) throw new KustomizeError(`'${display(abs)}' is larger than ${MAX_FILE_BYTES} bytes`, where);
      return bytes;
    },
    child: (sub) => createLoader(fs, sub, boundary, rootOnly, buildRoot),
  };
  return loader;
}
