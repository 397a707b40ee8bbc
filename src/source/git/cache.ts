// The per-remote object cache: one bare repository per URL under a cache root, so a poll that
// finds a known commit transfers nothing and a new commit transfers only what is missing.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitSession } from './session.js';

/**
 * The bare cache repository of a URL and a set of credentials. Credentials are part of the key so
 * that an object whose Secret cannot read a private repository never gets its commits from a cache
 * filled by another object's Secret (a bare `ref.commit` needs no ls-remote that would fail first).
 */
export function cacheDirFor(cacheRoot: string, url: string, credentialsId = ''): string {
  return join(cacheRoot, createHash('sha256').update(`${url}\0${credentialsId}`).digest('hex').slice(0, 32));
}

const locks = new Map<string, Promise<unknown>>();

/** Runs fn with exclusive use of one cache directory within this process (fetches must not interleave). */
export async function withCacheLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(dir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  const tail = run.catch(() => undefined);
  locks.set(dir, tail);
  try {
    return await run;
  } finally {
    if (locks.get(dir) === tail) locks.delete(dir);
  }
}

// Auto-gc must run in the foreground: a detached gc would outlive the process group we kill on timeout.
const CACHE_CONFIG: Array<[string, string]> = [
  ['gc.autoDetach', 'false'], ['maintenance.autoDetach', 'false'], ['fetch.writeCommitGraph', 'false'], ['core.logAllRefUpdates', 'false'],
];

/** Creates the bare repository if missing (built aside, then renamed in, so a crash leaves no half repo). */
export async function ensureCacheRepository(session: GitSession, dir: string): Promise<void> {
  if (await stat(join(dir, 'HEAD')).catch(() => undefined)) return;
  const building = `${dir}.init-${process.pid}-${Date.now()}`;
  await mkdir(building, { recursive: true });
  try {
    await session.run(['init', '--bare', '--quiet', building]);
    for (const [key, value] of [['remote.origin.url', session.url] as [string, string], ...CACHE_CONFIG]) {
      await session.run(['--git-dir', building, 'config', key, value]);
    }
    await rm(dir, { recursive: true, force: true });
    await rename(building, dir);
  } catch (err) {
    await rm(building, { recursive: true, force: true });
    throw err;
  }
}

/** Whether an object is in the cache, without letting a partial clone fetch it lazily. */
export async function hasObject(session: GitSession, gitDir: string, oid: string): Promise<boolean> {
  // `--missing=print` switches off lazy fetching from the promisor remote (plain cat-file would go online).
  const result = await session.run(['--git-dir', gitDir, 'rev-list', '--no-walk', '-n', '1', '--missing=print', oid], { okExitCodes: [128] });
  return result.exitCode === 0;
}

/** Whether `ancestor` is reachable from `tip` in the cache. */
export async function isAncestor(session: GitSession, gitDir: string, ancestor: string, tip: string): Promise<boolean> {
  const result = await session.run(['--git-dir', gitDir, 'merge-base', '--is-ancestor', ancestor, tip], { okExitCodes: [1, 128] });
  return result.exitCode === 0;
}

/** Whether the cache holds a shallow (truncated) history. */
export async function isShallow(session: GitSession, gitDir: string): Promise<boolean> {
  const { stdout } = await session.run(['--git-dir', gitDir, 'rev-parse', '--is-shallow-repository']);
  return stdout.trim() === 'true';
}
