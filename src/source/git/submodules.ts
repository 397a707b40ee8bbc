// `spec.recurseSubmodules`: every gitlink of the commit is fetched through the same cache (one
// bare repository per submodule URL) and checked out in place, recursively. Submodule URLs go
// through the same scheme check as the main URL, so `file://` or `ext::` submodules are refused.
import { join, normalize } from 'node:path';
import { GitError } from './errors.js';
import { fetchToCache } from './fetch.js';
import { materializeCommit } from './materialize.js';
import { formatRevision } from './revision.js';
import type { GitSession } from './session.js';

const MAX_DEPTH = 8;

/** Resolves a `.gitmodules` URL; `./x` and `../x` are relative to the superproject's URL, as git does. */
export function resolveSubmoduleUrl(parentUrl: string, url: string): string {
  if (!url.startsWith('./') && !url.startsWith('../')) return url;
  const parsed = new URL(parentUrl);
  const segments = parsed.pathname.replace(/\/+$/, '').split('/');
  let rest = url;
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../')) { rest = rest.slice(3); segments.pop(); }
    else break;
  }
  parsed.pathname = [...segments, rest].join('/');
  return parsed.toString();
}

/** Gitlinks of a commit: path → commit id. */
async function gitlinks(session: GitSession, gitDir: string, sha: string): Promise<Map<string, string>> {
  const { stdout } = await session.run(['--git-dir', gitDir, 'ls-tree', '-r', '-z', sha]);
  const links = new Map<string, string>();
  for (const entry of stdout.split('\0')) {
    const match = /^160000 commit ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match) links.set(match[2]!, match[1]!);
  }
  return links;
}

/** `.gitmodules` of a commit: path → URL. */
async function submoduleUrls(session: GitSession, gitDir: string, sha: string): Promise<Map<string, string>> {
  const result = await session.run(['--git-dir', gitDir, 'config', '--blob', `${sha}:.gitmodules`, '--get-regexp', '^submodule\\..*\\.(path|url)$'], { okExitCodes: [1] });
  const byName = new Map<string, { path?: string; url?: string }>();
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const match = /^submodule\.(.+)\.(path|url) (.*)$/.exec(line);
    if (!match) continue;
    const entry = byName.get(match[1]!) ?? {};
    entry[match[2] as 'path' | 'url'] = match[3]!;
    byName.set(match[1]!, entry);
  }
  const urls = new Map<string, string>();
  for (const { path, url } of byName.values()) if (path && url) urls.set(path, url);
  return urls;
}

/** Checks out every submodule of `sha` under targetDir, fetching each through the cache. */
export async function checkoutSubmodules(session: GitSession, gitDir: string, sha: string, targetDir: string, cacheRoot: string, depth = 0): Promise<void> {
  const links = await gitlinks(session, gitDir, sha);
  if (links.size === 0) return;
  if (depth >= MAX_DEPTH) throw new GitError('GitOperationFailed', `submodules nested deeper than ${MAX_DEPTH} levels in '${session.url}'`);
  const urls = await submoduleUrls(session, gitDir, sha);
  for (const [path, commit] of links) {
    const rawUrl = urls.get(path);
    if (rawUrl === undefined) throw new GitError('GitOperationFailed', `submodule '${path}' has no URL in .gitmodules`);
    const safePath = normalize(path);
    if (safePath.startsWith('..') || safePath.startsWith('/')) throw new GitError('GitOperationFailed', `submodule path '${path}' escapes the repository`);
    const sub = session.forUrl(resolveSubmoduleUrl(session.url, rawUrl));
    const resolved = { kind: 'commit' as const, commit, revision: formatRevision(undefined, commit) };
    const { gitDir: subDir } = await fetchToCache(sub, resolved, cacheRoot);
    await materializeCommit(sub, subDir, commit, join(targetDir, safePath));
    await checkoutSubmodules(sub, subDir, commit, join(targetDir, safePath), cacheRoot, depth + 1);
  }
}
