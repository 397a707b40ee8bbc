// Git over SSH against a real OpenSSH server on loopback: the Secret's identity and known_hosts
// are what ssh uses, a wrong host key or an unknown client key fail as AuthenticationFailed
// with no key material in sight, and an SSH remote without known_hosts is refused before any
// connection. Skipped (with the reason in its name) on machines without sshd.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SSHD_MISSING_MESSAGE, TestRepository, generateSshKey, sshdInstalled, startGitSshServer, tempDir, type GitSshServer, type SshKeyPair,
} from '../../../test/support/git-servers.js';
import { gitAuthFromSecret, type GitAuth } from './auth.js';
import { checkoutGitRepository } from './checkout.js';
import { GitError } from './errors.js';

const hasSshd = sshdInstalled();

describe.skipIf(!hasSshd)(hasSshd ? 'git over SSH (sshd on loopback)' : SSHD_MISSING_MESSAGE, () => {
  let dir: { path: string; remove(): Promise<void> };
  let sshd: GitSshServer;
  let repo: TestRepository;
  let stranger: SshKeyPair;
  const c = { one: '', two: '' };
  let n = 0;
  const target = () => join(dir.path, 'out', String(n++));
  const cacheRoot = () => join(dir.path, 'cache');
  const url = () => sshd.repoUrl(repo.bareDir);
  const secret = (data: Record<string, string>): GitAuth => gitAuthFromSecret(url(), data);
  const logins = () => sshd.log().match(/^Accepted publickey for /gm)?.length ?? 0;
  const failure = (auth: GitAuth) =>
    checkoutGitRepository({ url: url(), auth, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: target() })
      .then(() => { throw new Error('the checkout should have failed'); }, (e: unknown) => e as GitError);

  beforeAll(async () => {
    dir = await tempDir();
    repo = await TestRepository.create(dir.path, 'app');
    c.one = await repo.commit({ 'deploy/app.yaml': 'v: 1\n', 'run.sh': { content: '#!/bin/sh\n', mode: 0o755 } }, 'first commit');
    await repo.tag('v1.0.0', { annotated: true });
    c.two = await repo.commit({ 'deploy/app.yaml': 'v: 2\n' }, 'second commit');
    sshd = await startGitSshServer();
    stranger = await generateSshKey(dir.path, 'stranger');
  });

  afterAll(async () => {
    await sshd?.close();
    await dir?.remove();
  });

  it('refuses an SSH remote without known_hosts before connecting', async () => {
    const before = sshd.connections();
    expect(() => secret({ identity: sshd.identity })).toThrow(expect.objectContaining({ reason: 'AuthenticationFailed', message: expect.stringContaining("no 'known_hosts'") }));
    const err = await failure({ sshIdentity: sshd.identity });
    expect(err).toBeInstanceOf(GitError);
    expect(err).toMatchObject({ reason: 'AuthenticationFailed', message: expect.stringContaining('no known_hosts') });
    await new Promise((r) => setTimeout(r, 200)); // a connection would have been logged by now
    expect(sshd.connections()).toBe(before);
  });

  it('checks out a branch and a tag with the Secret identity and known_hosts', async () => {
    const auth = secret({ identity: sshd.identity, known_hosts: sshd.knownHosts });
    const out = target();
    const result = await checkoutGitRepository({ url: url(), auth, ref: { branch: 'main' }, cacheRoot: cacheRoot(), targetDir: out });
    expect(result.resolved.revision).toBe(`main@sha1:${c.two}`);
    expect(result.commit).toMatchObject({ sha: c.two, subject: 'second commit' });
    expect(await readFile(join(out, 'deploy/app.yaml'), 'utf8')).toBe('v: 2\n');
    expect((await stat(join(out, 'run.sh'))).mode & 0o111).not.toBe(0);
    const tagged = target();
    const tag = await checkoutGitRepository({ url: url(), auth, ref: { tag: 'v1.0.0' }, cacheRoot: cacheRoot(), targetDir: tagged });
    expect(tag.resolved.revision).toBe(`v1.0.0@sha1:${c.one}`);
    expect(await readFile(join(tagged, 'deploy/app.yaml'), 'utf8')).toBe('v: 1\n');
    expect(sshd.log()).toMatch(/Accepted publickey for /);
  });

  it('fails with a host-key error, as AuthenticationFailed, when known_hosts holds another key', async () => {
    const before = logins();
    const impostor = await generateSshKey(dir.path, 'impostor');
    const changed = await failure(secret({ identity: sshd.identity, known_hosts: `[127.0.0.1]:${sshd.port} ${impostor.publicKey}` }));
    expect(changed).toBeInstanceOf(GitError);
    expect(changed.reason).toBe('AuthenticationFailed');
    expect(changed.message).toMatch(/^git ls-remote failed: host key verification failed: /);
    expect(changed.message).toContain(`Host key for [127.0.0.1]:${sshd.port} has changed`);
    expect(changed.hint).toMatch(/known_hosts/);
    expect(changed.message).not.toContain('weir-git-'); // not the session's private paths either
    // known_hosts for another host (or port) only: the key is unknown rather than changed.
    const unknown = await failure(secret({ identity: sshd.identity, known_hosts: sshd.knownHosts.replace(/^\[127\.0\.0\.1\]:\d+/, 'git.example.com') }));
    expect(unknown).toMatchObject({ reason: 'AuthenticationFailed', message: expect.stringContaining(`No ED25519 host key is known for [127.0.0.1]:${sshd.port}`) });
    expect(logins()).toBe(before); // refused before authentication
  });

  it('fails as AuthenticationFailed for a client key that is not authorised, without key material in the message', async () => {
    const err = await failure(secret({ identity: stranger.privateKey, known_hosts: sshd.knownHosts }));
    expect(err).toBeInstanceOf(GitError);
    expect(err.reason).toBe('AuthenticationFailed');
    expect(err.message).toMatch(/^git ls-remote failed: authentication failed: .*Permission denied \(publickey\)/);
    const keyLines = stranger.privateKey.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const text of [err.message, err.hint ?? '', err.stack ?? '']) {
      for (const line of keyLines) expect(text).not.toContain(line);
      expect(text).not.toContain(stranger.publicKey.split(' ')[1]);
    }
    expect(sshd.log()).toMatch(/Failed publickey for /);
  });
});
