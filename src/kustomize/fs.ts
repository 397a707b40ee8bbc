// The file systems a build reads from: the real disk, or an in-memory tree (tests, artifacts
// fetched into memory, see perf-anchors §5.4). Only diskFileSystem touches node:fs.
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';

/** What the engine needs from a file system; paths are absolute. */
export interface FileSystem {
  readFile(path: string): string;
  /** Raw bytes, for generator files that may not be UTF-8 (optional: text is used without it). */
  readBytes?(path: string): Uint8Array;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  readDir(path: string): string[];
  realPath(path: string): string;
}

/** The local disk. */
export function diskFileSystem(): FileSystem {
  return {
    readFile: (path) => readFileSync(path, 'utf8'),
    readBytes: (path) => readFileSync(path),
    exists: (path) => statSync(path, { throwIfNoEntry: false }) !== undefined,
    isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
    readDir: (path) => readdirSync(path),
    realPath: (path) => realpathSync(path),
  };
}

/** An in-memory tree: keys are paths (absolute, or relative to `/`), values file contents. */
export function memoryFileSystem(files: Record<string, string | Uint8Array>): FileSystem {
  const contents = new Map<string, string | Uint8Array>();
  const dirs = new Map<string, Set<string>>([['/', new Set()]]);
  for (const [name, text] of Object.entries(files)) {
    const path = posix.resolve('/', name);
    contents.set(path, text);
    // Register every ancestor so directories exist implicitly, as they do in a tar stream.
    let child = path;
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      if (!dirs.has(dir)) dirs.set(dir, new Set());
      dirs.get(dir)!.add(posix.basename(child));
      if (dir === '/') break;
      child = dir;
    }
  }
  const missing = (path: string) => Object.assign(new Error(`open ${path}: no such file or directory`), { code: 'ENOENT' });
  return {
    readFile(path) {
      const data = contents.get(posix.resolve(path));
      if (data === undefined) throw missing(path);
      return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    },
    readBytes(path) {
      const data = contents.get(posix.resolve(path));
      if (data === undefined) throw missing(path);
      return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    },
    exists: (path) => contents.has(posix.resolve(path)) || dirs.has(posix.resolve(path)),
    isDirectory: (path) => dirs.has(posix.resolve(path)),
    readDir(path) {
      const entries = dirs.get(posix.resolve(path));
      if (!entries) throw missing(path);
      return [...entries].sort();
    },
    realPath(path) {
      const resolved = posix.resolve(path);
      if (!contents.has(resolved) && !dirs.has(resolved)) throw missing(path);
      return resolved;
    },
  };
}

/**
 * A file system that answers each question once per build: a tree of overlays reads the same
 * base many times (20 overlays of one base stat, resolve and read it 20 times), and files do not
 * change while a build runs.
 */
export function memoizedFileSystem(fs: FileSystem): FileSystem {
  const memo = <T>(fn: (path: string) => T) => {
    const answers = new Map<string, T>();
    return (path: string): T => {
      if (answers.has(path)) return answers.get(path)!;
      const answer = fn(path);
      answers.set(path, answer);
      return answer;
    };
  };
  return {
    readFile: memo((path) => fs.readFile(path)),
    exists: memo((path) => fs.exists(path)),
    isDirectory: memo((path) => fs.isDirectory(path)),
    readDir: memo((path) => fs.readDir(path)),
    realPath: memo((path) => fs.realPath(path)),
    ...(fs.readBytes ? { readBytes: memo((path) => fs.readBytes!(path)) } : {}),
  };
}
