import { describe, expect, it } from 'vitest';
import { authSecrets, gitAuthFromSecret, parseRemoteUrl } from './auth.js';
import { GitError } from './errors.js';
import { resolveSubmoduleUrl } from './submodules.js';

describe('parseRemoteUrl', () => {
  it('moves credentials out of HTTP URLs', () => {
    expect(parseRemoteUrl('https://bob:pw@example.com/org/repo.git')).toEqual({ url: 'https://example.com/org/repo.git', username: 'bob', password: 'pw', protocol: 'https:' });
  });

  it('keeps the SSH user, which is an address and not a secret', () => {
    expect(parseRemoteUrl('ssh://git@example.com:22/org/repo.git').url).toBe('ssh://git@example.com:22/org/repo.git');
  });

  it('rejects scp-like addresses and other schemes as URLInvalid', () => {
    for (const url of ['git@github.com:org/repo.git', 'file:///etc', 'ext::sh -c touch% /tmp/pwned', 'not a url']) {
      expect(() => parseRemoteUrl(url)).toThrow(expect.objectContaining({ reason: 'URLInvalid' }));
    }
  });
});

describe('gitAuthFromSecret', () => {
  const https = 'https://example.com/repo.git';
  const ssh = 'ssh://git@example.com/repo.git';

  it('reads basic auth, bearer tokens and CAs', () => {
    expect(gitAuthFromSecret(https, { username: 'u', password: 'p', 'ca.crt': 'CA', caFile: 'old' })).toEqual({ username: 'u', password: 'p', caCert: 'CA' });
    expect(gitAuthFromSecret(https, { bearerToken: 't' })).toEqual({ bearerToken: 't' });
    expect(gitAuthFromSecret(https, { 'tls.crt': 'c', 'tls.key': 'k' })).toEqual({ tlsCert: 'c', tlsKey: 'k' });
  });

  it('refuses half or conflicting credentials', () => {
    expect(() => gitAuthFromSecret(https, { username: 'u' })).toThrow(GitError);
    expect(() => gitAuthFromSecret(https, { username: 'u', password: 'p', bearerToken: 't' })).toThrow(GitError);
    expect(() => gitAuthFromSecret(https, { 'tls.crt': 'c' })).toThrow(GitError);
  });

  it('reads SSH keys and refuses passphrases and missing known_hosts', () => {
    expect(gitAuthFromSecret(ssh, { identity: 'KEY', known_hosts: 'KH' })).toEqual({ sshIdentity: 'KEY', sshKnownHosts: 'KH' });
    expect(() => gitAuthFromSecret(ssh, { identity: 'KEY', known_hosts: 'KH', password: 'x' })).toThrow(/passphrase/);
    expect(() => gitAuthFromSecret(ssh, { identity: 'KEY' })).toThrow(/known_hosts/);
  });

  it('lists every secret value for redaction, including the basic token', () => {
    const secrets = authSecrets({ username: 'u', password: 'pass', bearerToken: 'tok' });
    expect(secrets).toEqual(expect.arrayContaining(['pass', 'tok', Buffer.from('u:pass').toString('base64')]));
    expect(secrets).not.toContain('u');
  });
});

describe('resolveSubmoduleUrl', () => {
  it('resolves relative URLs against the superproject like git', () => {
    expect(resolveSubmoduleUrl('http://h/org/app.git', '../lib.git')).toBe('http://h/org/lib.git');
    expect(resolveSubmoduleUrl('http://h/org/app.git/', '../../other/lib.git')).toBe('http://h/other/lib.git');
    expect(resolveSubmoduleUrl('http://h/org/app', './sub')).toBe('http://h/org/app/sub');
    expect(resolveSubmoduleUrl('http://h/org/app.git', 'https://x/y.git')).toBe('https://x/y.git');
  });
});
