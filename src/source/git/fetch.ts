// Brings a resolved commit into the cache with the least transfer: nothing when it is already
// there, a depth-1 fetch of the ref for a tip, history without blobs (`--filter=blob:none`) only
// when a commit must be proven to belong to a branch, and a full fetch as the last resort.
import { GitError } from './errors.js';
import { cacheDirFor, ensureCacheRepository, hasObject, isAncestor, isShallow, withCacheLock } from './cache.js';
import type { ResolvedRef } from './resolve-ref.js';
import type { GitSession } from './session.js';

/** Where the commit ended up and whether any objects had to be transferred. */
export interface FetchResult {
  /** The bare cache repository that now holds the commit. */
  gitDir: string;
  /** False when the cache already had everything (no fetch ran). */
  transferred: boolean;
}

const FETCH = ['fetch', '--no-tags', '--no-write-fetch-head', '--quiet'];

/** Ensures the resolved commit (and its annotated tag object) is in the cache for session.url. */
export async function fetchToCache(session: GitSession, resolved: ResolvedRef, cacheRoot: string): Promise<FetchResult> {
  const gitDir = cacheDirFor(cacheRoot, session.url, session.credentialsId);
  return withCacheLock(gitDir, async () => {
    await ensureCacheRepository(session, gitDir);
    if (await isComplete(session, gitDir, resolved)) {
      await pinRef(session, gitDir, resolved); // keep the objects referenced, so gc never prunes them
      return { gitDir, transferred: false };
    }
    if (resolved.branchTip !== undefined && resolved.refName) await fetchContainingBranch(session, gitDir, resolved);
    else if (resolved.refName) await fetchTip(session, gitDir, resolved);
    else await fetchCommit(session, gitDir, resolved.commit);
    return { gitDir, transferred: true };
  });
}

/** The local name a fetched remote ref is kept under (keeps its objects safe from gc). */
export function cacheRefFor(resolved: ResolvedRef): string {
  return resolved.refName ? `refs/weir/${resolved.refName}` : `refs/weir/commits/${resolved.commit}`;
}

async function pinRef(session: GitSession, gitDir: string, resolved: ResolvedRef): Promise<void> {
  const target = resolved.branchTip ?? resolved.tagObject ?? resolved.commit;
  await session.run(['--git-dir', gitDir, 'update-ref', cacheRefFor(resolved), target]);
}

async function isComplete(session: GitSession, gitDir: string, resolved: ResolvedRef): Promise<boolean> {
  if (!(await hasObject(session, gitDir, resolved.commit))) return false;
  if (resolved.tagObject && !(await hasObject(session, gitDir, resolved.tagObject))) return false;
  if (resolved.branchTip === undefined) return true;
  return (await hasObject(session, gitDir, resolved.branchTip)) && isAncestor(session, gitDir, resolved.commit, resolved.branchTip);
}

async function fetchTip(session: GitSession, gitDir: string, resolved: ResolvedRef): Promise<void> {
  // By object id first: ls-remote already resolved it, and a fetch of ids alone skips a second
  // ref listing (protocol v2 serves any reachable id). Servers that refuse ids get the ref name.
  const target = resolved.tagObject ?? resolved.commit;
  const byId = await session.run(['--git-dir', gitDir, ...FETCH, '--depth', '1', 'origin', `+${target}:${cacheRefFor(resolved)}`])
    .then(() => true, (err: unknown) => {
      if (err instanceof GitError && (err.timedOut || err.reason !== 'GitOperationFailed')) throw err;
      return false;
    });
  if (!byId) await session.run(['--git-dir', gitDir, ...FETCH, '--depth', '1', 'origin', `+${resolved.refName}:${cacheRefFor(resolved)}`]);
  // The ref may have moved between ls-remote and fetch: then fetch the resolved commit itself.
  if (!(await hasObject(session, gitDir, resolved.commit))) await fetchCommit(session, gitDir, resolved.commit);
}

async function fetchContainingBranch(session: GitSession, gitDir: string, resolved: ResolvedRef): Promise<void> {
  const branch = resolved.refName!.replace(/^refs\/heads\//, '');
  const unshallow = (await isShallow(session, gitDir)) ? ['--unshallow'] : [];
  await session.run(['--git-dir', gitDir, ...FETCH, ...unshallow, '--filter=blob:none', 'origin', `+${resolved.refName}:${cacheRefFor(resolved)}`]);
  if (!(await hasObject(session, gitDir, resolved.commit)) || !(await isAncestor(session, gitDir, resolved.commit, cacheRefFor(resolved)))) {
    throw new GitError('GitOperationFailed', `commit '${resolved.commit}' is not in branch '${branch}' of '${session.url}'`, { hint: 'check spec.ref.commit and spec.ref.branch' });
  }
}

/** Fetches one commit by id (protocol v2 servers allow any reachable id), else the whole history. */
async function fetchCommit(session: GitSession, gitDir: string, commit: string): Promise<void> {
  const ref = `refs/weir/commits/${commit}`;
  try {
    await session.run(['--git-dir', gitDir, ...FETCH, '--depth', '1', 'origin', `+${commit}:${ref}`]);
    if (await hasObject(session, gitDir, commit)) return;
  } catch (err) {
    if (err instanceof GitError && (err.timedOut || err.reason !== 'GitOperationFailed')) throw err;
  }
  const unshallow = (await isShallow(session, gitDir)) ? ['--unshallow'] : [];
  await session.run(['--git-dir', gitDir, ...FETCH, ...unshallow, '--filter=blob:none', 'origin',
    '+refs/heads/*:refs/weir/refs/heads/*', '+refs/tags/*:refs/weir/refs/tags/*']);
  if (!(await hasObject(session, gitDir, commit))) {
    throw new GitError('GitOperationFailed', `commit '${commit}' not found in '${session.url}'`, { hint: 'check spec.ref.commit' });
  }
  await session.run(['--git-dir', gitDir, 'update-ref', ref, commit]);
}
