// Flux's revision strings (flux-spec §1.1 "Revision"): `main@sha1:<hex>`, `v1.2.0@sha1:<hex>`,
// `refs/pull/1/head@sha1:<hex>`, or a bare `sha1:<hex>` when only the commit is known.

/** Checks a full commit id (SHA-1, or SHA-256 for sha256 repositories). */
export function isCommitSha(value: string): boolean {
  return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}

/** The digest half of a revision: `sha1:<hex>` (or `sha256:<hex>`). */
export function commitDigest(sha: string): string {
  return `${sha.length === 64 ? 'sha256' : 'sha1'}:${sha}`;
}

/**
 * Formats a revision as Flux's git `Commit.String()` does: branches and tags lose their
 * `refs/heads/` / `refs/tags/` prefix, any other reference is kept whole, no reference → digest only.
 */
export function formatRevision(refName: string | undefined, sha: string): string {
  if (!refName) return commitDigest(sha);
  for (const prefix of ['refs/heads/', 'refs/tags/']) {
    if (refName.startsWith(prefix)) return `${refName.slice(prefix.length)}@${commitDigest(sha)}`;
  }
  return `${refName}@${commitDigest(sha)}`;
}

/** A revision taken apart; `ref` is absent for digest-only revisions. */
export interface ParsedRevision {
  ref?: string;
  algorithm: string;
  sha: string;
}

/** Parses both the current (`main@sha1:<hex>`) and the pre-2.0 (`main/<hex>`) revision formats. */
export function parseRevision(revision: string): ParsedRevision | undefined {
  const at = revision.lastIndexOf('@');
  const digest = at >= 0 ? revision.slice(at + 1) : revision;
  const match = /^(sha1|sha256):([0-9a-f]+)$/.exec(digest);
  if (match) {
    const ref = at > 0 ? revision.slice(0, at) : undefined;
    return ref === undefined ? { algorithm: match[1]!, sha: match[2]! } : { ref, algorithm: match[1]!, sha: match[2]! };
  }
  const legacy = /^(.+)\/([0-9a-f]{40})$/.exec(revision);
  if (legacy) return { ref: legacy[1]!, algorithm: 'sha1', sha: legacy[2]! };
  if (isCommitSha(revision)) return { algorithm: revision.length === 64 ? 'sha256' : 'sha1', sha: revision };
  return undefined;
}

/** Flux's `Commit.ShortMessage()`: the subject line, cut at 50 characters with an ellipsis. */
export function shortMessage(message: string): string {
  const subject = message.split('\n')[0] ?? '';
  const chars = [...subject];
  return chars.length > 50 ? `${chars.slice(0, 50).join('')}...` : subject;
}
