// OpenPGP verification of commits and tags fetched from a real git server, with keys generated
// here by gpg. Skipped (with the reason in its name) on machines without gpg.
import { spawnSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepository, generateGpgKey as generateKey, run, startGitDaemon, tempDir, type TestServer } from '../../../test/support/git-servers.js';
import { checkoutGitRepository, type CheckoutResult } from './checkout.js';
import { publicKeysFromSecret, verifyGitSignatures } from './verify.js';

const hasGpg = spawnSync('gpg', ['--version']).status === 0;

describe.skipIf(!hasGpg)(`signature verification${hasGpg ? '' : ' (skipped: gpg is not installed)'}`, () => {
  let dir: { path: string; remove(): Promise<void> };
  let daemon: TestServer;
  let trusted: Awaited<ReturnType<typeof generateKey>>;
  let stranger: Awaited<ReturnType<typeof generateKey>>;
  const checkouts: Record<string, CheckoutResult> = {};

  beforeAll(async () => {
    dir = await tempDir('weir-verify-');
    trusted = await generateKey(join(dir.path, 'gpg-trusted'), 'Trusted Signer <trusted@example.com>');
    stranger = await generateKey(join(dir.path, 'gpg-stranger'), 'Stranger <stranger@example.com>');
    const repo = await TestRepository.create(dir.path, 'signed');
    await repo.commit({ 'a.txt': 'a' }, 'signed commit', { sign: trusted });
    await repo.tag('v1.0.0', { sign: trusted });
    await repo.tag('v1.0.0-light');
    await repo.commit({ 'b.txt': 'b' }, 'signed by a stranger', { sign: stranger, branch: 'stranger' });
    await repo.commit({ 'c.txt': 'c' }, 'not signed', { branch: 'unsigned' });
    daemon = await startGitDaemon(dir.path);
    const refs = { main: { branch: 'main' }, tag: { tag: 'v1.0.0' }, light: { tag: 'v1.0.0-light' }, stranger: { branch: 'stranger' }, unsigned: { branch: 'unsigned' } };
    for (const [name, ref] of Object.entries(refs)) {
      checkouts[name] = await checkoutGitRepository({ url: `${daemon.url}/signed.git`, ref, cacheRoot: join(dir.path, 'cache'), targetDir: join(dir.path, 'out', name) });
    }
  });

  afterAll(async () => {
    for (const home of [trusted?.gnupgHome, stranger?.gnupgHome]) {
      if (home) await run(['--kill', 'all'], { program: 'gpgconf', env: { PATH: process.env.PATH, GNUPGHOME: home } }).catch(() => undefined);
    }
    await daemon?.close();
    await dir?.remove();
  });

  const verify = (name: string, mode: 'HEAD' | 'Tag' | 'TagAndHEAD', keys = [trusted.armored]) => {
    const c = checkouts[name]!;
    return verifyGitSignatures({ gitDir: c.gitDir, commit: c.commit.sha, tagObject: c.resolved.tagObject, tagName: 'v1.0.0', mode, publicKeys: keys });
  };

  it('verifies a commit signed by a key of the Secret', async () => {
    const result = await verify('main', 'HEAD');
    const keyId = trusted.fingerprint.slice(-16);
    expect(result).toMatchObject({ verified: true, checks: [{ object: 'commit', verified: true, keyId }] });
    expect(result.message).toBe(`verified signature of\n\t- commit '${checkouts.main!.commit.sha}' with key '${keyId}'`);
  });

  it('fails for an unsigned commit and for a signer outside the Secret', async () => {
    const unsigned = await verify('unsigned', 'HEAD');
    expect(unsigned.verified).toBe(false);
    expect(unsigned.message).toContain('no signature found on the commit');
    const foreign = await verify('stranger', 'HEAD');
    expect(foreign.verified).toBe(false);
    expect(foreign.message).toContain('which is not in the verification Secret');
    expect((await verify('stranger', 'HEAD', [trusted.armored, stranger.armored])).verified).toBe(true);
  });

  it('verifies signed tags in Tag and TagAndHEAD modes', async () => {
    expect(await verify('tag', 'Tag')).toMatchObject({ verified: true, checks: [{ object: 'tag', id: 'v1.0.0', verified: true }] });
    expect((await verify('tag', 'TagAndHEAD')).checks.map((c) => c.verified)).toEqual([true, true]);
    const light = await verify('light', 'Tag');
    expect(light.verified).toBe(false);
    expect(light.message).toContain('not an annotated tag');
  });

  it('fails when the Secret holds no usable key', async () => {
    const result = await verify('main', 'HEAD', ['not a key']);
    expect(result.verified).toBe(false);
    expect(result.message).toContain('no valid OpenPGP public key');
  });

  it('fails clearly when gpg is missing', async () => {
    const bin = join(dir.path, 'bin-without-gpg');
    await mkdir(bin, { recursive: true });
    await symlink(spawnSync('sh', ['-c', 'command -v git']).stdout.toString().trim(), join(bin, 'git'));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      await expect(verify('main', 'HEAD')).rejects.toMatchObject({ code: 'source.verify.gpg-missing' });
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('publicKeysFromSecret', () => {
  it('returns PGP keys and refuses SSH signature keys', () => {
    expect(publicKeysFromSecret({ 'b.asc': 'B', 'a.asc': 'A', other: 'C' })).toEqual(['A', 'B', 'C']);
    expect(() => publicKeysFromSecret({ 'dev.sshpub': 'ssh-ed25519 AAAA' })).toThrow(/SSH signature keys/);
  });
});
