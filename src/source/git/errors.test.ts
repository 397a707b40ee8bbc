import { describe, expect, it } from 'vitest';
import { classifyGitError, isHostKeyFailure, redactSecrets, summariseStderr, tlsFailure } from './errors.js';

describe('classifyGitError', () => {
  it('recognises refused credentials', () => {
    expect(classifyGitError("fatal: Authentication failed for 'https://example.com/x.git/'")).toBe('AuthenticationFailed');
    expect(classifyGitError("fatal: could not read Username for 'https://example.com': terminal prompts disabled")).toBe('AuthenticationFailed');
    expect(classifyGitError('git@example.com: Permission denied (publickey).')).toBe('AuthenticationFailed');
    expect(classifyGitError('Host key verification failed.')).toBe('AuthenticationFailed');
  });

  it('recognises bad URLs', () => {
    expect(classifyGitError("fatal: transport 'file' not allowed")).toBe('URLInvalid');
    expect(classifyGitError("git: 'remote-foo' is not a git command.\nfatal: Unable to find remote helper for 'foo'")).toBe('URLInvalid');
  });

  it('calls everything else a git operation failure', () => {
    expect(classifyGitError('fatal: unable to access: Failed to connect to 127.0.0.1 port 1: Connection refused')).toBe('GitOperationFailed');
    expect(classifyGitError("fatal: couldn't find remote ref refs/heads/nope")).toBe('GitOperationFailed');
  });
});

describe('isHostKeyFailure', () => {
  it('recognises a changed or unknown host key, and nothing else', () => {
    expect(isHostKeyFailure('Host key for [127.0.0.1]:2222 has changed and you have requested strict checking.')).toBe(true);
    expect(isHostKeyFailure('No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.')).toBe(true);
    expect(isHostKeyFailure('git@example.com: Permission denied (publickey).')).toBe(false);
  });
});

describe('tlsFailure', () => {
  it("recognises a server certificate that is not trusted, from GnuTLS and OpenSSL builds of curl", () => {
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': server certificate verification failed. CAfile: none CRLfile: none")).toBe('untrusted-server');
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': SSL certificate problem: unable to get local issuer certificate")).toBe('untrusted-server');
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': SSL: no alternative certificate subject name matches target host name 'h'")).toBe('untrusted-server');
  });

  it('recognises a handshake the server ended (a client certificate missing or refused)', () => {
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': GnuTLS recv error (-12): A TLS fatal alert has been received.")).toBe('handshake-refused');
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': OpenSSL/3.0.19: error:0A00045C:SSL routines::tlsv13 alert certificate required")).toBe('handshake-refused');
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': gnutls_handshake() failed: Handshake failed")).toBe('handshake-refused');
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': OpenSSL SSL_read: error:0A000126:SSL routines::unexpected eof while reading, errno 0")).toBe('handshake-refused');
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to h:443")).toBe('handshake-refused');
  });

  it('ignores everything else', () => {
    expect(tlsFailure("fatal: unable to access 'https://h/x.git/': Failed to connect to h port 443: Connection refused")).toBeUndefined();
    expect(tlsFailure("fatal: could not read Username for 'https://h': terminal prompts disabled")).toBeUndefined();
  });
});

describe('redactSecrets', () => {
  it('removes secret values and URL credentials', () => {
    const text = "fatal: Authentication failed for 'https://bob:hunter22@example.com/x.git' token=s3cr3t-token";
    const out = redactSecrets(text, ['s3cr3t-token', 'hunter22']);
    expect(out).not.toContain('hunter22');
    expect(out).not.toContain('s3cr3t-token');
    expect(out).toContain('https://***@example.com/x.git');
  });
});

describe('summariseStderr', () => {
  it('keeps the error lines and drops progress and hints', () => {
    expect(summariseStderr('hint: something\nReceiving objects: 10%\nfatal: it broke\n')).toBe('fatal: it broke');
  });

  it("keeps ssh's verdicts beside git's", () => {
    expect(summariseStderr('ssh: connect to host h port 22: Connection refused\nfatal: Could not read from remote repository.\n'))
      .toBe('ssh: connect to host h port 22: Connection refused; fatal: Could not read from remote repository.');
    const stderr = '@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n  ssh-keygen -f "/tmp/x/known_hosts" -R "[h]:22"\nHost key verification failed.\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\n';
    expect(summariseStderr(stderr)).toBe('Host key verification failed.; fatal: Could not read from remote repository.');
    expect(summariseStderr('git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.\n'))
      .toBe('git@h: Permission denied (publickey).; fatal: Could not read from remote repository.');
  });
});
