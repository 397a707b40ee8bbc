// Ref resolution against a real `git http-backend` (basic auth) and `git daemon`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepository, startGitDaemon, startGitHttpServer, tempDir, type GitHttpServer, type TestServer } from '../../../test/support/git-servers.js';
import { GitError } from './errors.js';
import { resolveRef, type GitRef } from './resolve-ref.js';
import { withGitSession } from './session.js';

let dir: { path: string; remove(): Promise<void> };
let http: GitHttpServer;
let daemon: TestServer;
let repo: TestRepository;
const c = { one: '', two: '', three: '' };
const t = { v1: '' };
const auth = { username: 'flux', password: 'pa55-w0rd-xyz' };

beforeAll(async () => {
  dir = await tempDir();
  repo = await TestRepository.create(dir.path, 'app');
  c.one = await repo.commit({ 'deploy/app.yaml': 'v: 1\n' }, 'first');
  await repo.tag('v0.9.0');
  t.v1 = await repo.tag('v1.0.0', { annotated: true });
  await repo.tag('not-a-version');
  c.two = await repo.commit({ 'deploy/app.yaml': 'v: 2\n' }, 'second');
  await repo.tag('v1.1.0');
  await repo.tag('v2.0.0-rc.1', { annotated: true });
  await repo.createBranch('master', c.one);
  c.three = await repo.commit({ 'feature.txt': 'f' }, 'feature work', { branch: 'feature' });
  await repo.git(['push', '--quiet', 'origin', `${c.three}:refs/pull/1/head`]);
  http = await startGitHttpServer(dir.path, auth);
  daemon = await startGitDaemon(dir.path);
});

afterAll(async () => {
  await http?.close();
  await daemon?.close();
  await dir?.remove();
});

const resolve = (ref: GitRef, url = `${http.url}/app.git`) => withGitSession({ url, auth, timeoutMs: 20_000 }, (s) => resolveRef(s, ref));

describe('resolveRef', () => {
  it('resolves a branch to its tip with a Flux revision', async () => {
    expect(await resolve({ branch: 'main' })).toEqual({ kind: 'branch', commit: c.two, refName: 'refs/heads/main', revision: `main@sha1:${c.two}` });
  });

  it('defaults to the master branch', async () => {
    expect(await resolve({})).toMatchObject({ commit: c.one, revision: `master@sha1:${c.one}` });
  });

  it('resolves lightweight tags, and annotated tags to the peeled commit', async () => {
    expect(await resolve({ tag: 'v0.9.0' })).toEqual({ kind: 'tag', commit: c.one, refName: 'refs/tags/v0.9.0', revision: `v0.9.0@sha1:${c.one}` });
    const annotated = await resolve({ tag: 'v1.0.0' });
    expect(annotated).toMatchObject({ commit: c.one, tagObject: t.v1, revision: `v1.0.0@sha1:${c.one}` });
    expect(t.v1).not.toBe(c.one);
  });

  it('picks the highest semver tag in range, leaving pre-releases out unless asked', async () => {
    expect(await resolve({ semver: '>=1.0.0' })).toMatchObject({ kind: 'semver', commit: c.two, refName: 'refs/tags/v1.1.0', revision: `v1.1.0@sha1:${c.two}` });
    expect(await resolve({ semver: '~1.0' })).toMatchObject({ commit: c.one, revision: `v1.0.0@sha1:${c.one}` });
    expect(await resolve({ semver: '>=2.0.0-0' })).toMatchObject({ commit: c.two, revision: `v2.0.0-rc.1@sha1:${c.two}` });
    await expect(resolve({ semver: '>=3.0.0' })).rejects.toThrow(/no tag .* matches semver range '>=3.0.0'/);
  });

  it('resolves a full reference name and keeps it whole in the revision', async () => {
    expect(await resolve({ name: 'refs/pull/1/head' })).toEqual({ kind: 'name', commit: c.three, refName: 'refs/pull/1/head', revision: `refs/pull/1/head@sha1:${c.three}` });
    expect(await resolve({ name: 'refs/tags/v1.0.0' })).toMatchObject({ commit: c.one, tagObject: t.v1, revision: `v1.0.0@sha1:${c.one}` });
  });

  it('takes a bare commit as given, and a commit with a branch against that branch', async () => {
    expect(await resolve({ commit: c.one })).toEqual({ kind: 'commit', commit: c.one, revision: `sha1:${c.one}` });
    expect(await resolve({ commit: c.one, branch: 'main' })).toEqual({ kind: 'commit', commit: c.one, refName: 'refs/heads/main', revision: `main@sha1:${c.one}`, branchTip: c.two });
    await expect(resolve({ commit: 'abc' })).rejects.toThrow(/not a full commit SHA/);
  });

  it('follows Flux precedence: branch < tag < semver < name < commit', async () => {
    const all = { branch: 'main', tag: 'v0.9.0', semver: '>=1.0.0', name: 'refs/pull/1/head', commit: c.one };
    expect((await resolve({ branch: all.branch, tag: all.tag })).revision).toBe(`v0.9.0@sha1:${c.one}`);
    expect((await resolve({ branch: all.branch, tag: all.tag, semver: all.semver })).revision).toBe(`v1.1.0@sha1:${c.two}`);
    expect((await resolve({ ...all, commit: undefined })).revision).toBe(`refs/pull/1/head@sha1:${c.three}`);
    expect((await resolve(all)).revision).toBe(`main@sha1:${c.one}`);
  });

  it('reports a missing or deleted branch clearly', async () => {
    await repo.createBranch('short-lived', c.one);
    expect((await resolve({ branch: 'short-lived' })).commit).toBe(c.one);
    await repo.deleteBranch('short-lived');
    const err = await resolve({ branch: 'short-lived' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect(err).toMatchObject({ reason: 'GitOperationFailed', message: expect.stringContaining(`couldn't find remote ref "refs/heads/short-lived"`) });
  });

  it('works over git:// (git daemon) too', async () => {
    expect((await resolve({ tag: 'v1.0.0' }, `${daemon.url}/app.git`)).commit).toBe(c.one);
  });
});
