// Writes the tree of a cached commit into a plain directory (no .git inside), and reads the
// commit's metadata for events ("stored artifact for commit '<subject>'").
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { shortMessage } from './revision.js';
import type { GitSession } from './session.js';

/** Who and when, as recorded in a commit. */
export interface GitSignature {
  name: string;
  email: string;
  /** ISO 8601 with the original offset. */
  date: string;
}

/** The metadata of a checked-out commit. */
export interface CommitInfo {
  sha: string;
  /** The first line of the message. */
  subject: string;
  /** Flux's ShortMessage: the subject cut at 50 characters (used in the NewArtifact event). */
  shortMessage: string;
  /** The whole message. */
  message: string;
  author: GitSignature;
  committer: GitSignature;
}

const EMPTY_TREES = new Set(['4b825dc642cb6eb9a060e54bf8d69288fbee4904', '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321']);

/** Checks the commit's tree out into targetDir (created if missing) with a throw-away index. */
export async function materializeCommit(session: GitSession, gitDir: string, sha: string, targetDir: string): Promise<void> {
  await mkdir(targetDir, { recursive: true });
  const { stdout: tree } = await session.run(['--git-dir', gitDir, 'rev-parse', `${sha}^{tree}`]);
  if (EMPTY_TREES.has(tree.trim())) return;
  // A private index per checkout: concurrent checkouts from one cache must not share the bare repo's index.
  const index = join(session.dir, `index-${randomBytes(6).toString('hex')}`);
  try {
    await session.run(['--git-dir', gitDir, '--work-tree', targetDir, '-c', 'core.bare=false', 'checkout', '--quiet', sha, '--', '.'],
      { extraEnv: { GIT_INDEX_FILE: index } });
  } finally {
    await rm(index, { force: true });
  }
}

/** Reads author, committer and message of a commit in the cache. */
export async function readCommitInfo(session: GitSession, gitDir: string, sha: string): Promise<CommitInfo> {
  const format = ['%H', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00');
  const { stdout } = await session.run(['--git-dir', gitDir, 'show', '--no-patch', '--no-show-signature', `--format=${format}`, sha]);
  const [hash = sha, an = '', ae = '', ad = '', cn = '', ce = '', cd = '', ...rest] = stdout.split('\0');
  const message = rest.join('\0').replace(/\n+$/, '');
  return {
    sha: hash.trim(), subject: message.split('\n')[0] ?? '', shortMessage: shortMessage(message), message,
    author: { name: an, email: ae, date: ad }, committer: { name: cn, email: ce, date: cd },
  };
}
