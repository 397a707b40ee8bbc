// Fetching through the cache and checking out, against real git servers on loopback.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TestRepository, closedPort, run, startBlackholeServer, startGitDaemon, startGitHttpServer, tempDir, testGitEnv, type GitHttpServer, type TestServer,
} from '../../../test/support/git-servers.js';
import { cacheDirFor } from './cache.js';
import { checkoutGitRepository, checkoutResolved } from './checkout.js';
import { GitError } from './errors.js';
import { fetchToCache } from './fetch.js';
import { resolveRef } from './resolve-ref.js';
import { withGitSession } from './session.js';

let dir: { path: string; remove(): Promise<void> };
let http: GitHttpServer;
let daemon: TestServer;
let repo: TestRepository;
const c = { one: '', two: '' };
const auth = { username: 'flux', password: 'pa55-w0rd-xyz' };
let n = 0;
const target = () => join(dir.path, 'out', String(n++));
const cacheRoot = () => join(dir.path, 'cache');

beforeAll(async () => {
  dir = await tempDir();
  repo = await TestRepository.create(dir.path, 'app');
  c.one = await repo.commit({ 'deploy/app.yaml': 'v: 1\n', 'run.sh': { content: '#!/bin/sh\n', mode: 0o755 } }, 'first commit');
  await repo.tag('v1.0.0', { annotated: true });
  c.two = await repo.commit({ 'deploy/app.yaml': 'v: 2\n' }, 'Second commit with a subject that is longer than fifty characters\n\nbody');
  http = await startGitHttpServer(dir.path, auth);
  daemon = await startGitDaemon(dir.path);
});

afterAll(async () => {
  await http?.close();
  await daemon?.close();
  await dir?.remove();
});

const url = (name = 'app') => `${http.url}/${name}.git`;

describe('checkoutGitRepository', () => {
  it('checks out a branch tip with a shallow fetch and reports the commit', async () => {
    const out = target();
    const root = join(dir.path, 'cache-shallow');
    const result = await checkoutGitRepository({ url: url(), auth, ref: { branch: 'main' }, cacheRoot: root, targetDir: out });
    expect(result.resolved.revision).toBe(`main@sha1:${c.two}`);
    expect(result.commit).toMatchObject({ sha: c.two, subject: 'Second commit with a subject that is longer than fifty characters', shortMessage: 'Second commit with a subject that is longer than f...' });
    expect(result.commit.author).toMatchObject({ name: 'Test Author', email: 'author@example.com' });
    expect(await readFile(join(out, 'deploy/app.yaml'), 'utf8')).toBe('v: 2\n');
    expect((await stat(join(out, 'run.sh'))).mode & 0o111).not.toBe(0);
    expect(await readdir(out)).not.toContain('.git');
    const gitDir = await withGitSession({ url: url(), auth }, async (s) => cacheDirFor(root, s.url, s.credentialsId));
    expect(await run(['--git-dir', gitDir, 'rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(await run(['--git-dir', gitDir, 'rev-list', '--count', c.two])).toBe('1');
  });

  it('reuses the cache: a second fetch of the same commit transfers nothing', async () => {
    await withGitSession({ url: url(), auth }, async (session) => {
      const resolved = await resolveRef(session, { tag: 'v1.0.0' });
      expect((await fetchToCache(session, resolved, cacheRoot())).transferred).toBe(true);
      const before = http.requests.length;
      const again = await checkoutResolved(session, await resolveRef(session, { tag: 'v1.0.0' }), { cacheRoot: cacheRoot(), targetDir: target() });
      expect(again.transferred).toBe(false);
      const during = http.requests.slice(before);
      expect(during.filter((r) => r.command === 'fetch')).toEqual([]);
      expect(during.every((r) => r.command === 'ls-refs' || r.method === 'GET')).toBe(true);
    });
  });

  it('checks out a commit that is not a branch tip, proving it belongs to the branch', async () => {
    const out = target();
    const result = await checkoutGitRepository({ url: url(), auth, ref: { branch: 'main', commit: c.one }, cacheRoot: cacheRoot(), targetDir: out });
    expect(result.resolved.revision).toBe(`main@sha1:${c.one}`);
    expect(await readFile(join(out, 'deploy/app.yaml'), 'utf8')).toBe('v: 1\n');
    // The history came without blobs (partial clone); a second checkout still transfers nothing.
    const before = http.requests.length;
    const again = await checkoutGitRepository({ url: url(), auth, ref: { branch: 'main', commit: c.one }, cacheRoot: cacheRoot(), targetDir: target() });
    expect(again.transferred).toBe(false);
    expect(http.requests.slice(before).filter((r) => r.command === 'fetch')).toEqual([]);
    const bare = await checkoutGitRepository({ url: url(), auth, ref: { commit: c.one }, cacheRoot: join(dir.path, 'cache-commit'), targetDir: target() });
    expect(bare.resolved.revision).toBe(`sha1:${c.one}`);
  });

  it('refuses a commit that is not in the branch, or does not exist', async () => {
    const other = await repo.commit({ 'x.txt': 'x' }, 'on a side branch', { branch: 'side' });
    await repo.git(['checkout', '--quiet', 'main']);
    await expect(checkoutGitRepository({ url: url(), auth, ref: { branch: 'main', commit: other }, cacheRoot: cacheRoot(), targetDir: target() }))
      .rejects.toThrow(`commit '${other}' is not in branch 'main'`);
    await expect(checkoutGitRepository({ url: url(), auth, ref: { commit: 'f'.repeat(40) }, cacheRoot: cacheRoot(), targetDir: target() }))
      .rejects.toThrow(/not found/);
  });

  it('follows a force-pushed branch to its new commit', async () => {
    const forced = await TestRepository.create(dir.path, 'forced');
    await forced.commit({ 'a.txt': 'a' }, 'a');
    const old = await forced.commit({ 'b.txt': 'old' }, 'b');
    const first = await checkoutGitRepository({ url: url('forced'), auth, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: target() });
    expect(first.commit.sha).toBe(old);
    const rewritten = await forced.forcePush('main', { 'b.txt': 'new' }, 'b rewritten');
    const out = target();
    const second = await checkoutGitRepository({ url: url('forced'), auth, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: out });
    expect(second.commit.sha).toBe(rewritten);
    expect(second.resolved.revision).toBe(`main@sha1:${rewritten}`);
    expect(await readFile(join(out, 'b.txt'), 'utf8')).toBe('new');
  });

  it('works over git:// (git daemon)', async () => {
    const out = target();
    const result = await checkoutGitRepository({ url: `${daemon.url}/app.git`, ref: { tag: 'v1.0.0' }, cacheRoot: cacheRoot(), targetDir: out });
    expect(result.commit.sha).toBe(c.one);
    expect(await readFile(join(out, 'deploy/app.yaml'), 'utf8')).toBe('v: 1\n');
  });

  it('checks out submodules when asked, through the same cache', async () => {
    const lib = await TestRepository.create(dir.path, 'lib');
    const libSha = await lib.commit({ 'lib.txt': 'library' }, 'lib');
    const parent = await TestRepository.create(dir.path, 'parent');
    await parent.stageSubmodule('vendor/lib', '../lib.git', libSha);
    await parent.commit({ 'main.txt': 'main' }, 'with submodule');
    const withSubs = target();
    await checkoutGitRepository({ url: url('parent'), auth, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: withSubs, recurseSubmodules: true });
    expect(await readFile(join(withSubs, 'vendor/lib/lib.txt'), 'utf8')).toBe('library');
    const without = target();
    await checkoutGitRepository({ url: url('parent'), auth, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: without });
    expect(await readFile(join(without, 'main.txt'), 'utf8')).toBe('main');
    expect(await readdir(join(without, 'vendor/lib')).catch(() => [])).toEqual([]);
  });
});

describe('git failures', () => {
  it('classifies wrong credentials as AuthenticationFailed without leaking the password', async () => {
    const wrong = { username: 'flux', password: 'not-the-password-123' };
    const err = await checkoutGitRepository({ url: url(), auth: wrong, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: target() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).reason).toBe('AuthenticationFailed');
    expect((err as GitError).message).not.toContain(wrong.password);
    expect((err as GitError).message).not.toContain(Buffer.from(`flux:${wrong.password}`).toString('base64'));
    const none = await checkoutGitRepository({ url: url(), ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: target() }).catch((e: unknown) => e);
    expect((none as GitError).reason).toBe('AuthenticationFailed');
  });

  it('takes credentials out of the URL and keeps them out of messages', async () => {
    const withCreds = url().replace('http://', `http://flux:${auth.password}@`);
    const ok = await checkoutGitRepository({ url: withCreds, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: target() });
    expect(ok.commit.sha).toBe(c.two);
    const err = await checkoutGitRepository({ url: withCreds, ref: { branch: 'gone' }, cacheRoot: cacheRoot(), targetDir: target() }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('refs/heads/gone');
    expect((err as Error).message).not.toContain(auth.password);
  });

  it('fails fast on a closed port', async () => {
    const port = await closedPort();
    const started = Date.now();
    const err = await checkoutGitRepository({ url: `http://127.0.0.1:${port}/app.git`, cacheRoot: cacheRoot(), targetDir: target(), timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'GitOperationFailed', timedOut: false });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('kills git at the timeout when the server accepts and never answers', async () => {
    const hole = await startBlackholeServer();
    try {
      const started = Date.now();
      const err = await checkoutGitRepository({ url: `${hole.url}/app.git`, cacheRoot: cacheRoot(), targetDir: target(), timeoutMs: 1500 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ reason: 'GitOperationFailed', timedOut: true, message: 'git ls-remote timed out after 1500ms' });
      expect(Date.now() - started).toBeLessThan(5000);
      const fetchErr = await withGitSession({ url: `${hole.url}/app.git`, timeoutMs: 2000 }, (s) =>
        fetchToCache(s, { kind: 'branch', commit: c.one, refName: 'refs/heads/main', revision: `main@sha1:${c.one}` }, cacheRoot())).catch((e: unknown) => e);
      expect((fetchErr as Error).message).toBe('git fetch timed out after 2s');
    } finally {
      await hole.close();
    }
  });
});

describe('test git servers', () => {
  it('serve pushes of annotated tags that peel as expected', async () => {
    const peeled = await run(['ls-remote', url().replace('http://', `http://flux:${auth.password}@`), 'refs/tags/v1.0.0^{}'], { env: testGitEnv() });
    expect(peeled.split('\t')[0]).toBe(c.one);
  });
});
