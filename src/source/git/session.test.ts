// How credentials reach git: environment and 0600 files in a private dir, never argv or URLs.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlackholeServer, type TestServer } from '../../../test/support/git-servers.js';
import { GitError } from './errors.js';
import { listRemoteRefs } from './resolve-ref.js';
import { GitSession, withGitSession } from './session.js';

let scratch: string;
beforeAll(async () => { scratch = await mkdtemp(join(tmpdir(), 'weir-session-')); });
afterAll(async () => { await rm(scratch, { recursive: true, force: true }); });

const configOf = (env: NodeJS.ProcessEnv) => Object.fromEntries(
  Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`]!, env[`GIT_CONFIG_VALUE_${i}`]!]),
);

describe('GitSession', () => {
  it('isolates git from user and system configuration', async () => {
    await withGitSession({ url: 'https://example.com/repo.git' }, async (session) => {
      const env = session.env();
      expect(env).toMatchObject({ GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'http:https:ssh:git' });
      expect(env.HOME!.startsWith(session.dir)).toBe(true);
      expect(env.SSH_AUTH_SOCK).toBeUndefined();
      expect(session.credentialsId).toBe('');
    });
  });

  it('sends basic credentials as a header scoped to the remote origin, and writes the CA to a 0600 file', async () => {
    const session = await GitSession.open({ url: 'https://example.com:8443/org/repo.git', auth: { username: 'bob', password: 'hunter2!', caCert: 'PEM' } });
    try {
      const config = configOf(session.env());
      expect(config['http.https://example.com:8443/.extraHeader']).toBe(`Authorization: Basic ${Buffer.from('bob:hunter2!').toString('base64')}`);
      expect(await readFile(config['http.sslCAInfo']!, 'utf8')).toBe('PEM\n');
      expect((await stat(config['http.sslCAInfo']!)).mode & 0o777).toBe(0o600);
      expect(session.url).toBe('https://example.com:8443/org/repo.git');
      expect(session.credentialsId).not.toBe('');
    } finally {
      await session.close();
    }
    await expect(stat(session.dir)).rejects.toThrow();
  });

  it('sends bearer tokens as an Authorization header', async () => {
    await withGitSession({ url: 'https://example.com/repo.git', auth: { bearerToken: 'tok-123' } }, async (session) => {
      expect(configOf(session.env())['http.https://example.com/.extraHeader']).toBe('Authorization: Bearer tok-123');
    });
  });

  it('never shows the password in the command line of running processes', async () => {
    const hole: TestServer = await startBlackholeServer();
    const controller = new AbortController();
    try {
      const password = 'visible-in-ps-would-be-bad';
      const pending = withGitSession({ url: `${hole.url}/repo.git`, auth: { username: 'u', password }, signal: controller.signal, timeoutMs: 10_000 },
        (session) => listRemoteRefs(session)).catch((e: unknown) => e);
      let ps = '';
      for (let i = 0; i < 100 && !ps.includes(`${hole.url}/repo.git`); i++) {
        await new Promise((r) => setTimeout(r, 50));
        ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
      }
      expect(ps).toContain(`${hole.url}/repo.git`); // git is running…
      expect(ps).not.toContain(password); // …without the password in sight
      expect(ps).not.toContain(Buffer.from(`u:${password}`).toString('base64'));
      controller.abort();
      expect(await pending).toBeInstanceOf(GitError);
    } finally {
      await hole.close();
    }
  });

  it('runs ssh with the Secret identity, its known_hosts only, and no agent', async () => {
    const bin = join(scratch, 'bin');
    const log = join(scratch, 'ssh.log');
    execFileSync('mkdir', ['-p', bin]);
    await writeFile(join(bin, 'ssh'), [
      '#!/bin/sh', `printf '%s\\n' "$@" > '${log}'`, 'prev=""',
      `for a in "$@"; do if [ "$prev" = "-i" ]; then stat -c %a "$a" > '${log}.mode'; cat "$a" > '${log}.key'; fi; prev="$a"; done`,
      'echo "git@example.com: Permission denied (publickey)." >&2', 'exit 255', '',
    ].join('\n'), { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      const err = await withGitSession({ url: 'ssh://git@example.com:2222/org/repo.git', auth: { sshIdentity: 'PRIVATE-KEY', sshKnownHosts: 'example.com ssh-ed25519 AAAA' } },
        (session) => listRemoteRefs(session)).catch((e: unknown) => e);
      expect(err).toMatchObject({ reason: 'AuthenticationFailed' });
      const args = (await readFile(log, 'utf8')).split('\n');
      expect(args).toEqual(expect.arrayContaining(['IdentitiesOnly=yes', 'StrictHostKeyChecking=yes', 'IdentityAgent=none', 'BatchMode=yes', 'git@example.com']));
      expect(args.some((a) => a.startsWith('UserKnownHostsFile=/'))).toBe(true);
      expect(await readFile(`${log}.key`, 'utf8')).toBe('PRIVATE-KEY\n');
      expect((await readFile(`${log}.mode`, 'utf8')).trim()).toBe('600');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('refuses an SSH remote without known_hosts before running anything', async () => {
    await expect(GitSession.open({ url: 'ssh://git@example.com/org/repo.git', auth: { sshIdentity: 'PRIVATE-KEY' } }))
      .rejects.toMatchObject({ reason: 'AuthenticationFailed', message: expect.stringContaining('no known_hosts') });
    await expect(GitSession.open({ url: 'ssh://git@example.com/org/repo.git', auth: { sshKnownHosts: ' \n' } })).rejects.toMatchObject({ reason: 'AuthenticationFailed' });
  });

  it('rejects invalid URLs before running anything', async () => {
    await expect(GitSession.open({ url: 'git@github.com:org/repo.git' })).rejects.toMatchObject({ reason: 'URLInvalid' });
  });
});
