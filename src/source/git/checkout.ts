// The whole git half of a GitRepository reconcile in one call: resolve the ref, bring the
// commit into the cache, write its tree into a directory, read the commit's metadata.
import type { GitAuth, GitProxy } from './auth.js';
import { fetchToCache } from './fetch.js';
import { materializeCommit, readCommitInfo, type CommitInfo } from './materialize.js';
import { resolveRef, type GitRef, type ResolvedRef } from './resolve-ref.js';
import { withGitSession, type GitSession } from './session.js';
import { checkoutSubmodules } from './submodules.js';

/** Where to put a resolved commit. */
export interface CheckoutTarget {
  /** Root of the per-URL bare cache repositories. */
  cacheRoot: string;
  /** Directory that receives the tree (created; should be empty). */
  targetDir: string;
  recurseSubmodules?: boolean;
}

/** What a checkout produced. */
export interface CheckoutResult {
  resolved: ResolvedRef;
  commit: CommitInfo;
  /** The cache repository holding the commit (for signature verification). */
  gitDir: string;
  /** False when the commit was already cached and nothing was fetched. */
  transferred: boolean;
}

/** Fetches (if needed) and checks out an already resolved ref inside an open session. */
export async function checkoutResolved(session: GitSession, resolved: ResolvedRef, target: CheckoutTarget): Promise<CheckoutResult> {
  const { gitDir, transferred } = await fetchToCache(session, resolved, target.cacheRoot);
  await materializeCommit(session, gitDir, resolved.commit, target.targetDir);
  if (target.recurseSubmodules) await checkoutSubmodules(session, gitDir, resolved.commit, target.targetDir, target.cacheRoot);
  const commit = await readCommitInfo(session, gitDir, resolved.commit);
  return { resolved, commit, gitDir, transferred };
}

/** Options for checkoutGitRepository: the remote, the ref and where things go. */
export interface CheckoutOptions extends CheckoutTarget {
  url: string;
  ref?: GitRef;
  auth?: GitAuth;
  proxy?: GitProxy;
  /** Per git command (GitRepository `spec.timeout`); default 60s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Resolves `ref` on `url` and checks the commit out into targetDir, in a session closed afterwards. */
export function checkoutGitRepository(options: CheckoutOptions): Promise<CheckoutResult> {
  return withGitSession(options, async (session) => checkoutResolved(session, await resolveRef(session, options.ref), options));
}
