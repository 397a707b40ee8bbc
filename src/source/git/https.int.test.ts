// Git over HTTPS against real servers on loopback with a throw-away CA: the Secret's `ca.crt`,
// basic credentials, `bearerToken` and `tls.crt`/`tls.key` are what git uses; an untrusted
// server certificate or a missing client certificate fail with a message that says
// "certificate", and no password, token or private key ever shows in an error. Skipped (with
// the reason in its name) on machines without openssl.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepository, startGitHttpServer, tempDir, type GitHttpServer } from '../../../test/support/git-servers.js';
import { OPENSSL_MISSING_MESSAGE, generateTestCertificates, opensslInstalled, type TestCertificates } from '../../../test/support/tls-certificates.js';
import { gitAuthFromSecret } from './auth.js';
import { checkoutGitRepository } from './checkout.js';
import { GitError } from './errors.js';

const hasOpenssl = opensslInstalled();
const USER = 'flux';
const PASSWORD = 'pa55-w0rd-https';
const TOKEN = 'bearer-t0ken-right';
const WRONG_TOKEN = 'bearer-t0ken-wrong';

describe.skipIf(!hasOpenssl)(hasOpenssl ? 'git over HTTPS (test CA on loopback)' : OPENSSL_MISSING_MESSAGE, () => {
  let dir: { path: string; remove(): Promise<void> };
  let repo: TestRepository;
  let commit = '';
  let pki: TestCertificates;
  let stranger: TestCertificates; // another CA, with a client certificate the mTLS server does not accept
  let basic: GitHttpServer;
  let bearer: GitHttpServer;
  let mtls: GitHttpServer;
  let mtls12: GitHttpServer; // TLS 1.2 at most: the refusal comes inside the handshake, and curl words it differently
  let n = 0;
  const target = () => join(dir.path, 'out', String(n++));
  const url = (server: GitHttpServer) => `${server.url}/app.git`;

  /** Checks out main with the auth a Secret with `data` gives; resolves with the target dir. */
  const checkout = async (server: GitHttpServer, data: Record<string, string>) => {
    const out = target();
    const result = await checkoutGitRepository({
      url: url(server), auth: gitAuthFromSecret(url(server), data), ref: { branch: 'main' }, cacheRoot: join(dir.path, 'cache'), targetDir: out,
    });
    expect(result.resolved.revision).toBe(`main@sha1:${commit}`);
    expect(await readFile(join(out, 'deploy/app.yaml'), 'utf8')).toBe('v: 1\n');
    return out;
  };
  const failure = (server: GitHttpServer, data: Record<string, string>) =>
    checkout(server, data).then(() => { throw new Error('the checkout should have failed'); }, (e: unknown) => e as GitError);

  /** Every text a user or a log line could see: no secret value, and not the session's private temp dir either. */
  const expectNothingSecret = (err: GitError) => {
    const keyLines = [pki.client.key, stranger.client.key].flatMap((k) => k.split('\n').filter((l) => l && !l.startsWith('-----')));
    const basicToken = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    for (const text of [err.message, err.hint ?? '', err.stack ?? '']) {
      for (const secret of [PASSWORD, TOKEN, WRONG_TOKEN, basicToken, ...keyLines]) expect(text).not.toContain(secret);
      expect(text).not.toContain('weir-git-');
    }
  };

  beforeAll(async () => {
    dir = await tempDir();
    repo = await TestRepository.create(dir.path, 'app');
    commit = await repo.commit({ 'deploy/app.yaml': 'v: 1\n' }, 'first commit');
    [pki, stranger] = await Promise.all([generateTestCertificates(), generateTestCertificates({ caName: 'stranger-ca', clientName: 'stranger' })]);
    basic = await startGitHttpServer(dir.path, { username: USER, password: PASSWORD, tls: pki.server });
    bearer = await startGitHttpServer(dir.path, { bearerToken: TOKEN, tls: pki.server });
    mtls = await startGitHttpServer(dir.path, { tls: { ...pki.server, ca: pki.ca.cert } });
    mtls12 = await startGitHttpServer(dir.path, { tls: { ...pki.server, ca: pki.ca.cert, maxVersion: 'TLSv1.2' } });
  });

  afterAll(async () => {
    await Promise.all([basic?.close(), bearer?.close(), mtls?.close(), mtls12?.close()]);
    await dir?.remove();
  });

  describe('basic authentication', () => {
    it("checks out when the Secret's ca.crt holds the CA that signed the server certificate", async () => {
      await checkout(basic, { username: USER, password: PASSWORD, 'ca.crt': pki.ca.cert });
      expect(basic.requests.some((r) => r.command === 'fetch' && r.status === 200)).toBe(true);
    });

    it('fails with a certificate error, and sends no credentials, without ca.crt', async () => {
      const before = basic.requests.length;
      const err = await failure(basic, { username: USER, password: PASSWORD });
      expect(err).toBeInstanceOf(GitError);
      expect(err.reason).toBe('GitOperationFailed');
      expect(err.message).toMatch(/^git ls-remote failed: the server's TLS certificate is not trusted: .*certificate/);
      expect(err.hint).toContain('ca.crt');
      expectNothingSecret(err);
      expect(basic.requests.length).toBe(before); // the handshake failed: no HTTP request, no Authorization header
    });

    it("fails the same way when ca.crt holds another CA, without naming the session's files", async () => {
      const err = await failure(basic, { username: USER, password: PASSWORD, 'ca.crt': stranger.ca.cert });
      expect(err).toMatchObject({ reason: 'GitOperationFailed', message: expect.stringContaining('TLS certificate is not trusted') });
      // GnuTLS builds of curl name the CA file; it is shown relative to the session's temp dir, which changes every run.
      if (err.message.includes('CAfile:')) expect(err.message).toContain('CAfile: ca.crt');
      expectNothingSecret(err);
    });
  });

  describe('bearer token', () => {
    it('checks out with the right bearerToken', async () => {
      await checkout(bearer, { bearerToken: TOKEN, 'ca.crt': pki.ca.cert });
      expect(bearer.requests.at(-1)).toMatchObject({ command: 'fetch', status: 200 });
    });

    it('fails as AuthenticationFailed with a wrong bearerToken, naming neither token', async () => {
      const before = bearer.requests.length;
      const err = await failure(bearer, { bearerToken: WRONG_TOKEN, 'ca.crt': pki.ca.cert });
      expect(err).toBeInstanceOf(GitError);
      expect(err.reason).toBe('AuthenticationFailed');
      expect(err.message).toMatch(/^git ls-remote failed: authentication failed: /);
      expect(err.hint).toContain('bearerToken');
      expectNothingSecret(err);
      expect(bearer.requests.slice(before).map((r) => r.status)).toEqual([401]);
    });
  });

  describe('TLS client certificates (mTLS)', () => {
    it("checks out with the Secret's tls.crt and tls.key, and the server sees the client certificate", async () => {
      const before = mtls.requests.length;
      await checkout(mtls, { 'ca.crt': pki.ca.cert, 'tls.crt': pki.client.cert, 'tls.key': pki.client.key });
      const seen = mtls.requests.slice(before);
      expect(seen.length).toBeGreaterThan(0);
      for (const request of seen) expect(request.clientCertificate).toBe(pki.clientName);
    });

    it('fails with a message about a client certificate without tls.crt and tls.key', async () => {
      const before = mtls.requests.length;
      const err = await failure(mtls, { 'ca.crt': pki.ca.cert });
      expect(err).toBeInstanceOf(GitError);
      expect(err.reason).toBe('GitOperationFailed');
      expect(err.message).toMatch(/^git ls-remote failed: the server ended the TLS connection \(it may require a client certificate\): /);
      expect(err.hint).toMatch(/tls\.crt and tls\.key/);
      expectNothingSecret(err);
      expect(mtls.requests.length).toBe(before);
      expect(mtls.tlsErrors.join('\n')).toMatch(/certificate/i);
    });

    it('fails the same way with a client certificate from another CA, without its private key in sight', async () => {
      const err = await failure(mtls, { 'ca.crt': pki.ca.cert, 'tls.crt': stranger.client.cert, 'tls.key': stranger.client.key });
      expect(err).toMatchObject({ reason: 'GitOperationFailed', message: expect.stringContaining('client certificate') });
      expectNothingSecret(err);
    });

    it('says the same under TLS 1.2, where the server refuses inside the handshake', async () => {
      await checkout(mtls12, { 'ca.crt': pki.ca.cert, 'tls.crt': pki.client.cert, 'tls.key': pki.client.key });
      const secrets: Array<Record<string, string>> = [
        { 'ca.crt': pki.ca.cert }, { 'ca.crt': pki.ca.cert, 'tls.crt': stranger.client.cert, 'tls.key': stranger.client.key },
      ];
      for (const data of secrets) {
        const err = await failure(mtls12, data);
        expect(err).toMatchObject({ reason: 'GitOperationFailed', message: expect.stringContaining('(it may require a client certificate)') });
        expectNothingSecret(err);
      }
    });
  });
});
