// Real git servers on loopback for tests — `git daemon` (git://), `git http-backend` behind a
// small CGI bridge (HTTP or HTTPS; basic auth, bearer token or client certificates), and
// OpenSSH's sshd with generated keys — plus repositories that tests shape commit by commit.
// Everything runs with an isolated git environment, in temp dirs, and is torn down by close().
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, connect, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';

/** The environment every test git command runs with: no user/system config, fixed identity and dates. */
export function testGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'author@example.com', GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com', LC_ALL: 'C', ...extra,
  };
}

/** Runs a program (git by default) and returns its trimmed stdout; rejects with stderr on failure. */
export function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; program?: string; input?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.program ?? 'git', args, { cwd: options.cwd, env: options.env ?? testGitEnv() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.on('error', () => undefined); // git may exit before reading its input
    child.stdin.end(options.input ?? '');
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${options.program ?? 'git'} ${args.join(' ')} failed (${code}): ${err}`))));
  });
}

/** A file to commit: text or bytes, or either with a mode (0o755 for executables); null deletes the file. */
export type TestFile = string | Buffer | { content: string | Buffer; mode: number } | null;

/** Signs commits and tags with a key from a test keyring. */
export interface TestSigner {
  gnupgHome: string;
  keyId: string;
}

/** Generates a passphrase-less OpenPGP signing key in its own keyring (home), as a TestSigner with its armored public key. */
export async function generateGpgKey(home: string, uid: string): Promise<TestSigner & { fingerprint: string; armored: string }> {
  await mkdir(home, { recursive: true, mode: 0o700 });
  const env = { PATH: process.env.PATH, GNUPGHOME: home };
  await run(['--batch', '--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign', 'never'], { program: 'gpg', env });
  const colons = await run(['--batch', '--with-colons', '--list-keys'], { program: 'gpg', env });
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(colons)![1]!;
  const armored = await run(['--batch', '--armor', '--export', fingerprint], { program: 'gpg', env });
  return { gnupgHome: home, keyId: fingerprint, fingerprint, armored };
}

/** A bare repository (what servers serve) plus a working clone that pushes to it. */
export class TestRepository {
  private constructor(readonly name: string, readonly bareDir: string, readonly workDir: string) {}

  /** Creates `<root>/<name>.git` (served) with its working clone, on branch `defaultBranch` (default main). */
  static async create(root: string, name: string, options: { defaultBranch?: string } = {}): Promise<TestRepository> {
    const bareDir = join(root, `${name}.git`);
    const workDir = join(root, '.work', name);
    await mkdir(dirname(workDir), { recursive: true });
    const branch = options.defaultBranch ?? 'main';
    await run(['init', '--quiet', '--bare', `--initial-branch=${branch}`, bareDir]);
    for (const [k, v] of [['uploadpack.allowFilter', 'true'], ['uploadpack.allowAnySHA1InWant', 'true'], ['http.receivepack', 'true']]) {
      await run(['--git-dir', bareDir, 'config', k!, v!]);
    }
    await run(['init', '--quiet', `--initial-branch=${branch}`, workDir]);
    await run(['remote', 'add', 'origin', bareDir], { cwd: workDir });
    return new TestRepository(name, bareDir, workDir);
  }

  /** Runs git in the working clone. */
  git(args: string[], env?: Record<string, string>): Promise<string> {
    return run(args, { cwd: this.workDir, env: testGitEnv(env) });
  }

  /** Writes files, commits them on `branch` (default: current) and pushes; returns the commit id. */
  async commit(files: Record<string, TestFile>, message: string, options: { branch?: string; sign?: TestSigner; force?: boolean } = {}): Promise<string> {
    if (options.branch) await this.git(['checkout', '--quiet', '-B', options.branch]);
    for (const [path, file] of Object.entries(files)) {
      const full = join(this.workDir, path);
      if (file === null) { await rm(full, { force: true }); continue; }
      await mkdir(dirname(full), { recursive: true });
      if (typeof file === 'string' || Buffer.isBuffer(file)) { await writeFile(full, file); continue; }
      await writeFile(full, file.content);
      await chmod(full, file.mode);
    }
    await this.git(['add', '--all']);
    await this.git([...signArgs(options.sign), 'commit', '--quiet', '--allow-empty', ...(options.sign ? ['-S'] : []), '-m', message], signEnv(options.sign));
    const branch = await this.git(['rev-parse', '--abbrev-ref', 'HEAD']);
    await this.git(['push', '--quiet', ...(options.force ? ['--force'] : []), 'origin', `HEAD:refs/heads/${branch}`]);
    return this.git(['rev-parse', 'HEAD']);
  }

  /** Stages a submodule (gitlink + .gitmodules entry) for the next commit(); `url` may be relative (`../lib.git`). */
  async stageSubmodule(path: string, url: string, commit: string): Promise<void> {
    await this.git(['config', '-f', '.gitmodules', `submodule.${path}.path`, path]);
    await this.git(['config', '-f', '.gitmodules', `submodule.${path}.url`, url]);
    // The (empty) directory must exist, or `git add --all` would stage the gitlink's removal.
    await mkdir(join(this.workDir, path), { recursive: true });
    await this.git(['update-index', '--add', '--cacheinfo', `160000,${commit},${path}`]);
  }

  /** Replaces the tip of `branch` with a new commit and force-pushes it (history rewritten). */
  async forcePush(branch: string, files: Record<string, TestFile>, message: string): Promise<string> {
    await this.git(['checkout', '--quiet', branch]);
    await this.git(['reset', '--quiet', '--hard', 'HEAD~1']);
    return this.commit(files, message, { force: true });
  }

  /** Creates and pushes a branch at `from` (default HEAD). */
  async createBranch(name: string, from = 'HEAD'): Promise<void> {
    await this.git(['branch', '--force', name, from]);
    await this.git(['push', '--quiet', 'origin', `refs/heads/${name}:refs/heads/${name}`]);
  }

  /** Deletes a branch on the server. */
  async deleteBranch(name: string): Promise<void> {
    await this.git(['push', '--quiet', 'origin', '--delete', name]);
  }

  /** Tags `target` (default HEAD), lightweight or annotated (optionally signed), and pushes; returns the tag's object id. */
  async tag(name: string, options: { annotated?: boolean; message?: string; target?: string; sign?: TestSigner } = {}): Promise<string> {
    const kind = options.sign ? ['-s'] : options.annotated ? ['-a'] : [];
    const message = kind.length > 0 ? ['-m', options.message ?? `release ${name}`] : [];
    await this.git([...signArgs(options.sign), 'tag', '--force', ...kind, ...message, name, options.target ?? 'HEAD'], signEnv(options.sign));
    await this.git(['push', '--quiet', '--force', 'origin', `refs/tags/${name}:refs/tags/${name}`]);
    return this.git(['rev-parse', `refs/tags/${name}`]);
  }

  /** The commit a local branch or tag points to. */
  rev(ref: string): Promise<string> {
    return this.git(['rev-parse', `${ref}^{commit}`]);
  }
}

function signArgs(sign?: TestSigner): string[] {
  return sign ? ['-c', 'gpg.program=gpg', '-c', `user.signingkey=${sign.keyId}`] : [];
}
function signEnv(sign?: TestSigner): Record<string, string> | undefined {
  return sign ? { GNUPGHOME: sign.gnupgHome } : undefined;
}

/** A running test server. */
export interface TestServer {
  /** Base URL; a repository `<name>` is at `${url}/<name>.git`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `git daemon` serving every repository under baseDir at git://127.0.0.1:<port>/. */
export async function startGitDaemon(baseDir: string): Promise<TestServer> {
  const port = await closedPort();
  const child = spawn('git', ['daemon', '--listen=127.0.0.1', `--port=${port}`, '--export-all', '--reuseaddr', '--informative-errors', `--base-path=${baseDir}`, baseDir],
    { env: testGitEnv(), detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await waitForPort(port);
  return {
    url: `git://127.0.0.1:${port}`, port,
    async close() {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
      await exited;
    },
  };
}

/** One request the HTTP git server saw. */
export interface GitHttpRequest {
  method: string;
  path: string;
  query: string;
  /** The protocol v2 command of an upload-pack POST (`ls-refs`, `fetch`), when readable. */
  command?: string;
  status?: number;
  /** The CN of the TLS client certificate the request came with (mTLS servers only). */
  clientCertificate?: string;
}

/** The HTTP server handle: also lists the requests it served. */
export interface GitHttpServer extends TestServer {
  requests: GitHttpRequest[];
  /** TLS handshakes the server refused (mTLS without a client certificate, a client that distrusts the server). */
  tlsErrors: string[];
}

/** How the HTTP git server authenticates clients. */
export interface GitHttpServerOptions {
  /** Require HTTP basic credentials. */
  username?: string;
  password?: string;
  /** Require `Authorization: Bearer <bearerToken>` (instead of basic credentials when both are set). */
  bearerToken?: string;
  /**
   * Serve HTTPS with this PEM key and certificate; with `ca`, also require a client certificate signed by it (mTLS).
   * `maxVersion` caps the protocol: TLS 1.2 refuses a client certificate inside the handshake, TLS 1.3 only after
   * the client has finished it (so curl words the two differently).
   */
  tls?: { key: string; cert: string; ca?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' };
}

/** Starts `git http-backend` behind a CGI bridge over HTTP or HTTPS, optionally requiring credentials or a client certificate. */
export async function startGitHttpServer(projectRoot: string, options: GitHttpServerOptions = {}): Promise<GitHttpServer> {
  const requests: GitHttpRequest[] = [];
  const tlsErrors: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record: GitHttpRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.search.slice(1) };
    if (req.socket instanceof TLSSocket) record.clientCertificate = stringField(req.socket.getPeerCertificate().subject?.CN);
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    const challenge = authChallenge(options, req.headers.authorization);
    if (challenge !== undefined) {
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Type': 'text/plain' }).end('unauthorized\n');
      return;
    }
    serveCgi(projectRoot, req, res, url, record, options.bearerToken === undefined ? options.username : 'bearer');
  };
  const tls = options.tls;
  if (tls) {
    // With a CA, the handshake itself fails without a client certificate signed by it, as Apache's `SSLVerifyClient require`.
    const server = createHttpsServer({
      key: tls.key, cert: tls.cert, maxVersion: tls.maxVersion,
      ...(tls.ca !== undefined ? { ca: tls.ca, requestCert: true, rejectUnauthorized: true } : {}),
    }, handler);
    server.on('tlsClientError', (err: Error) => tlsErrors.push(err.message));
    const front = await listenLingering(server);
    return { url: `https://127.0.0.1:${front.port}`, port: front.port, requests, tlsErrors, close: front.close };
  }
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`, port, requests, tlsErrors,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * Accepts TCP on a free loopback port and hands each connection to the HTTPS server as a stream
 * that closes the way Apache and nginx do ("lingering close"): FIN after the last TLS record, then
 * read until the client closes. Node resets the socket the moment it refuses a client certificate,
 * and the reset discards its TLS alert before the client reads it, so curl would report a broken
 * pipe or a reset instead of the refusal, depending on timing.
 */
async function listenLingering(server: HttpsServer): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const front = createNetServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    server.emit('connection', lingeringStream(raw));
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    port: (front.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      front.close(() => resolve());
    }),
  };
}

function lingeringStream(raw: Socket): Duplex {
  const stream = new Duplex({
    read: () => void raw.resume(),
    write: (chunk: Buffer, _encoding, done) => void raw.write(chunk, done),
    final: (done) => { raw.end(); done(); },
    destroy: (err, done) => {
      raw.end();
      raw.resume(); // drain whatever the client still sends: unread data is what turns a close into a reset
      setTimeout(() => raw.destroy(), 5_000).unref();
      done(err);
    },
  });
  raw.on('data', (chunk: Buffer) => { if (!stream.destroyed && !stream.push(chunk)) raw.pause(); });
  raw.on('end', () => { if (!stream.destroyed) stream.push(null); });
  raw.on('error', () => stream.destroy());
  raw.on('close', () => stream.destroy());
  return stream;
}

/** The WWW-Authenticate challenge to answer with, or undefined when the Authorization header is the expected one. */
function authChallenge(options: GitHttpServerOptions, authorization: string | undefined): string | undefined {
  if (options.bearerToken !== undefined) return authorization === `Bearer ${options.bearerToken}` ? undefined : 'Bearer realm="weir-test"';
  if (options.username === undefined) return undefined;
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  return authorization === expected ? undefined : 'Basic realm="weir-test"';
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function serveCgi(root: string, req: IncomingMessage, res: ServerResponse, url: URL, record: GitHttpRequest, user?: string): void {
  const env: NodeJS.ProcessEnv = {
    ...testGitEnv(), GIT_PROJECT_ROOT: root, GIT_HTTP_EXPORT_ALL: '1', REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname), QUERY_STRING: url.search.slice(1), CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1', REMOTE_USER: user ?? '',
  };
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
  if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
  const child = spawn('git', ['http-backend'], { env });
  let sniffed = false;
  req.on('data', (chunk: Buffer) => {
    if (sniffed) return;
    sniffed = true;
    if (!req.headers['content-encoding']) record.command = /command=([a-z-]+)/.exec(chunk.subarray(0, 200).toString('latin1'))?.[1];
  });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) { res.write(chunk); return; }
    head = Buffer.concat([head, chunk]);
    const text = head.toString('latin1');
    const end = text.search(/\r?\n\r?\n/);
    if (end < 0) return;
    headersDone = true;
    const separator = /\r?\n\r?\n/.exec(text.slice(end))![0].length;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of text.slice(0, end).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + separator));
  });
  child.on('close', () => { if (!headersDone) res.writeHead(502); res.end(); });
}

/** Debian's OpenSSH server (package openssh-server). */
export const SSHD_PATH = '/usr/sbin/sshd';
/** Why the SSH suites are skipped (and what startGitSshServer throws) on a machine without sshd. */
export const SSHD_MISSING_MESSAGE = `sshd not installed (${SSHD_PATH}; apt-get install openssh-server): skipping the git-over-SSH tests`;

/** Whether an executable sshd is installed. */
export function sshdInstalled(): boolean {
  try { accessSync(SSHD_PATH, constants.X_OK); return true; } catch { return false; }
}

/** An unencrypted ed25519 key pair in OpenSSH formats. */
export interface SshKeyPair {
  /** The `-----BEGIN OPENSSH PRIVATE KEY-----` file (a Secret's `identity`). */
  privateKey: string;
  /** `ssh-ed25519 AAAA…` (without a comment). */
  publicKey: string;
}

/** Generates an ed25519 key pair with ssh-keygen, leaving `<dir>/<name>` and `<name>.pub` behind. */
export async function generateSshKey(dir: string, name: string): Promise<SshKeyPair> {
  const file = join(dir, name);
  await run(['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file], { program: 'ssh-keygen' });
  const publicKey = (await readFile(`${file}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  return { privateKey: await readFile(file, 'utf8'), publicKey };
}

/** A running sshd that lets one generated client key in and runs git's upload-pack for it. */
export interface GitSshServer extends TestServer {
  /** `ssh://<user>@127.0.0.1:<port>`; repositories are addressed by absolute path (see repoUrl). */
  url: string;
  /** The account sshd logs the client in as: the user running the tests. */
  user: string;
  /** The client key sshd accepts (a Secret's `identity`). */
  identity: string;
  /** `[127.0.0.1]:<port> ssh-ed25519 AAAA…`, the server's host key (a Secret's `known_hosts`). */
  knownHosts: string;
  /** The URL of a bare repository on this machine. */
  repoUrl(bareDir: string): string;
  /** How many TCP connections sshd has accepted so far. */
  connections(): number;
  /** What sshd logged (LogLevel VERBOSE), for failure messages. */
  log(): string;
}

/**
 * Starts sshd in the foreground as the current user, on a free loopback port, with a generated
 * host key and one authorised client key. No ForceCommand: the client's `git-upload-pack '<path>'`
 * runs through the user's shell like on any git host. Throws SSHD_MISSING_MESSAGE without sshd.
 */
export async function startGitSshServer(): Promise<GitSshServer> {
  if (!sshdInstalled()) throw new Error(SSHD_MISSING_MESSAGE);
  const dir = await mkdtemp(join(tmpdir(), 'weir-sshd-'));
  try {
    const [host, client] = [await generateSshKey(dir, 'host_ed25519'), await generateSshKey(dir, 'client_ed25519')];
    await writeFile(join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
    // Run as root, sshd insists on its privilege-separation directory (made by Debian's service unit).
    if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    const port = await closedPort();
    const config = join(dir, 'sshd_config');
    await writeFile(config, sshdConfig(dir, port));
    const child = spawn(SSHD_PATH, ['-D', '-e', '-f', config], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    await waitForLog(() => log, exited, /Server listening on 127\.0\.0\.1 port/);
    const user = userInfo().username;
    return {
      url: `ssh://${user}@127.0.0.1:${port}`, port, user, identity: client.privateKey,
      knownHosts: `[127.0.0.1]:${port} ${host.publicKey}`,
      repoUrl: (bareDir) => `ssh://${user}@127.0.0.1:${port}${bareDir}`,
      connections: () => log.match(/^Connection from /gm)?.length ?? 0,
      log: () => log,
      async close() {
        try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
        await exited;
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function sshdConfig(dir: string, port: number): string {
  return [
    'ListenAddress 127.0.0.1', `Port ${port}`, `HostKey ${join(dir, 'host_ed25519')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'PubkeyAuthentication yes', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'StrictModes no', 'UsePAM no',
    // git sends GIT_PROTOCOL=version=2 through SendEnv; accepting it gives protocol v2 like real hosts.
    'AcceptEnv GIT_PROTOCOL', 'PrintMotd no', 'LogLevel VERBOSE', '',
  ].join('\n');
}

async function waitForLog(log: () => string, exited: Promise<void>, ready: RegExp, timeoutMs = 10_000): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(log())) {
    if (gone) throw new Error(`sshd exited before listening: ${log().trim()}`);
    if (Date.now() > deadline) throw new Error(`sshd did not start within ${timeoutMs}ms: ${log().trim()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP server that accepts connections and never answers (to test timeouts). */
export async function startBlackholeServer(): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); socket.on('error', () => undefined); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`, port,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

/** A fresh temp dir, removed by the returned cleanup. */
export async function tempDir(prefix = 'weir-test-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
