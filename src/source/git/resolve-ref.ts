// Turns a GitRepository `spec.ref` into a commit without cloning, with `git ls-remote`.
// Precedence as in Flux (flux-spec §1.1): commit > name > semver > tag > branch (default master).
import { GitError } from './errors.js';
import { formatRevision, isCommitSha } from './revision.js';
import { selectSemverTag } from './semver-tags.js';
import type { GitSession } from './session.js';

/** GitRepository `spec.ref` (Flux v1 field names). */
export interface GitRef {
  branch?: string;
  tag?: string;
  semver?: string;
  name?: string;
  commit?: string;
}

/** Which field of the ref decided the checkout. */
export type GitRefKind = 'branch' | 'tag' | 'semver' | 'name' | 'commit';

/** A ref resolved against the remote. */
export interface ResolvedRef {
  kind: GitRefKind;
  /** The commit to check out. */
  commit: string;
  /** Full reference name (`refs/heads/main`, `refs/tags/v1.2.3`); absent for a bare commit. */
  refName?: string;
  /** Flux revision string (`main@sha1:<sha>`, `sha1:<sha>` …). */
  revision: string;
  /** The annotated tag object id, when the ref is an annotated tag (needed to verify tag signatures). */
  tagObject?: string;
  /** For commit + branch: the branch tip the commit must be reachable from. */
  branchTip?: string;
}

/** One line of `git ls-remote`. */
export interface RemoteRef {
  name: string;
  sha: string;
}

/** Lists remote references (patterns as `git ls-remote` takes them), peeled `^{}` entries included. */
export async function listRemoteRefs(session: GitSession, patterns: readonly string[] = [], options: { tags?: boolean } = {}): Promise<RemoteRef[]> {
  const args = ['ls-remote', ...(options.tags ? ['--tags'] : []), '--', session.url, ...patterns];
  const { stdout } = await session.run(args);
  return stdout.split('\n').filter(Boolean).map((line) => {
    const [sha = '', name = ''] = line.split('\t');
    return { sha: sha.trim(), name: name.trim() };
  });
}

/** Finds a reference exactly (ls-remote patterns also match suffixes); peels annotated tags. */
function lookup(refs: readonly RemoteRef[], name: string): { commit: string; tagObject?: string } | undefined {
  const direct = refs.find((r) => r.name === name);
  if (!direct) return undefined;
  const peeled = refs.find((r) => r.name === `${name}^{}`);
  return peeled ? { commit: peeled.sha, tagObject: direct.sha } : { commit: direct.sha };
}

function notFound(refName: string, url: string): GitError {
  return new GitError('GitOperationFailed', `couldn't find remote ref "${refName}" in '${url}'`, { hint: 'check spec.ref: the branch or tag may have been deleted or renamed' });
}

/** Resolves a ref to a commit with one `git ls-remote`; a bare commit needs no network at all. */
export async function resolveRef(session: GitSession, ref: GitRef = {}): Promise<ResolvedRef> {
  if (ref.commit) {
    const commit = ref.commit.toLowerCase();
    if (!isCommitSha(commit)) throw new GitError('GitOperationFailed', `ref.commit '${ref.commit}' is not a full commit SHA`);
    if (!ref.branch) return { kind: 'commit', commit, revision: formatRevision(undefined, commit) };
    const refName = `refs/heads/${ref.branch}`;
    const tip = lookup(await listRemoteRefs(session, [refName]), refName);
    if (!tip) throw notFound(refName, session.url);
    return { kind: 'commit', commit, refName, revision: formatRevision(refName, commit), branchTip: tip.commit };
  }
  if (ref.name) {
    const found = lookup(await listRemoteRefs(session, [ref.name, `${ref.name}^{}`]), ref.name);
    if (!found) throw notFound(ref.name, session.url);
    return { kind: 'name', ...found, refName: ref.name, revision: formatRevision(ref.name, found.commit) };
  }
  if (ref.semver) {
    const refs = await listRemoteRefs(session, [], { tags: true });
    const tags = refs.filter((r) => !r.name.endsWith('^{}')).map((r) => r.name.slice('refs/tags/'.length));
    const best = selectSemverTag(tags, ref.semver);
    if (!best) throw new GitError('GitOperationFailed', `no tag in '${session.url}' matches semver range '${ref.semver}'`);
    const refName = `refs/tags/${best.tag}`;
    const found = lookup(refs, refName)!;
    return { kind: 'semver', ...found, refName, revision: formatRevision(refName, found.commit) };
  }
  if (ref.tag) {
    const refName = `refs/tags/${ref.tag}`;
    const found = lookup(await listRemoteRefs(session, [refName, `${refName}^{}`]), refName);
    if (!found) throw notFound(refName, session.url);
    return { kind: 'tag', ...found, refName, revision: formatRevision(refName, found.commit) };
  }
  const refName = `refs/heads/${ref.branch || 'master'}`;
  const found = lookup(await listRemoteRefs(session, [refName]), refName);
  if (!found) throw notFound(refName, session.url);
  return { kind: 'branch', commit: found.commit, refName, revision: formatRevision(refName, found.commit) };
}
