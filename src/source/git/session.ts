// A private place to run git for one remote: its own HOME (no user or system config leaks in),
// credentials handed over through environment variables and 0600 files in a 0700 temp dir,
// never through argv (visible in `ps`) or the URL. Closing the session deletes all of it.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authSecrets, parseRemoteUrl, type GitAuth, type GitProxy } from './auth.js';
import { GitError } from './errors.js';
import { runGit, type GitResult } from './exec.js';

/** How to reach one remote. */
export interface GitSessionOptions {
  url: string;
  auth?: GitAuth;
  proxy?: GitProxy;
  /** Per-command timeout (GitRepository `spec.timeout`); default 60s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Per-call overrides for GitSession.run. */
export interface SessionRunOptions {
  cwd?: string;
  timeoutMs?: number;
  okExitCodes?: readonly number[];
  input?: string | Buffer;
  extraEnv?: Record<string, string>;
  program?: string;
}

// Protocols git may use, also for submodules: `file` and `ext::` would read the controller's disk or run commands.
const ALLOWED_PROTOCOLS = 'http:https:ssh:git';
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/** What a session and the sessions derived from it (forUrl) share. */
interface SessionState {
  dir: string;
  env: NodeJS.ProcessEnv;
  secrets: readonly string[];
  credentialsId: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Only the session that created the temp dir removes it. */
  owner: boolean;
}

/** Single-quotes a path for GIT_SSH_COMMAND, which git hands to a shell. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Owns the temp dir and the environment every git command of one remote runs with. */
export class GitSession {
  /** The remote URL without credentials (what is passed to git and shown in messages). */
  readonly url: string;
  /** The private temp dir (HOME, credential files, throw-away indexes). */
  readonly dir: string;
  readonly timeoutMs: number;
  /** Values redacted from every error. */
  readonly secrets: readonly string[];
  /** A hash of the credentials ('' without any), so caches are never shared across different Secrets. */
  readonly credentialsId: string;
  private readonly state: SessionState;

  private constructor(url: string, state: SessionState) {
    this.url = url;
    this.state = state;
    this.dir = state.dir;
    this.timeoutMs = state.timeoutMs;
    this.secrets = state.secrets;
    this.credentialsId = state.credentialsId;
  }

  /** Validates the URL, writes the credential files and builds the environment. */
  static async open(options: GitSessionOptions): Promise<GitSession> {
    const remote = parseRemoteUrl(options.url);
    const auth: GitAuth = { ...options.auth };
    // As fluxcd/pkg's AuthOptions.Validate: without known_hosts no host key can be trusted, so do not even connect.
    if (remote.protocol === 'ssh:' && !auth.sshKnownHosts?.trim()) {
      throw new GitError('AuthenticationFailed', `${remote.url}: no known_hosts to verify the SSH server's host key against`,
        { hint: "add the server's host keys to the Secret as known_hosts (ssh-keyscan -p <port> <host>)" });
    }
    if (remote.username !== undefined && remote.password !== undefined && auth.username === undefined && auth.bearerToken === undefined) {
      auth.username = remote.username;
      auth.password = remote.password;
    }
    const dir = await mkdtemp(join(tmpdir(), 'weir-git-'));
    try {
      const { env, config } = await buildEnvironment(dir, remote.url, auth, options.proxy);
      config.forEach(([key, value], i) => { env[`GIT_CONFIG_KEY_${i}`] = key; env[`GIT_CONFIG_VALUE_${i}`] = value; });
      env.GIT_CONFIG_COUNT = String(config.length);
      const hasCredentials = Object.keys(auth).length > 0 || options.proxy !== undefined;
      const credentialsId = hasCredentials ? createHash('sha256').update(JSON.stringify([auth, options.proxy ?? null])).digest('hex') : '';
      const secrets = authSecrets(auth, options.proxy);
      return new GitSession(remote.url, { dir, env, secrets, credentialsId, timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal, owner: true });
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** The full environment of a command (for callers that spawn helpers such as gpg). */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...this.state.env, ...extra };
  }

  /** Runs `git <args>` (or options.program) in this session. */
  run(args: readonly string[], options: SessionRunOptions = {}): Promise<GitResult> {
    return runGit(args, {
      env: this.env(options.extraEnv), timeoutMs: options.timeoutMs ?? this.timeoutMs, cwd: options.cwd,
      secrets: this.secrets, privateDir: this.dir, input: options.input, okExitCodes: options.okExitCodes, signal: this.state.signal, program: options.program,
    });
  }

  /**
   * The same credentials and temp dir for another URL (a submodule); HTTP headers stay scoped to
   * the first remote's origin. Closing the derived session is a no-op.
   */
  forUrl(url: string): GitSession {
    return new GitSession(parseRemoteUrl(url).url, { ...this.state, owner: false });
  }

  /** Removes the temp dir and every credential file in it. */
  async close(): Promise<void> {
    if (this.state.owner) await rm(this.dir, { recursive: true, force: true });
  }
}

/** Opens a session, runs fn, and always closes the session. */
export async function withGitSession<T>(options: GitSessionOptions, fn: (session: GitSession) => Promise<T>): Promise<T> {
  const session = await GitSession.open(options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

async function buildEnvironment(dir: string, url: string, auth: GitAuth, proxy: GitProxy | undefined) {
  const home = join(dir, 'home');
  await mkdir(home, { mode: 0o700 });
  await writeFile(join(dir, 'gitconfig'), '', { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'), GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS, LC_ALL: 'C', LANG: 'C',
  };
  if (!proxy) for (const name of PROXY_VARS) if (process.env[name]) env[name] = process.env[name];
  const config: Array<[string, string]> = [['protocol.version', '2'], ['credential.helper', '']];
  const origin = `${new URL(url).protocol}//${new URL(url).host}/`;
  // Scoped to the remote's origin so that submodules on other hosts never receive the header.
  if (auth.bearerToken !== undefined) config.push([`http.${origin}.extraHeader`, `Authorization: Bearer ${auth.bearerToken}`]);
  else if (auth.username !== undefined && auth.password !== undefined) {
    const token = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    config.push([`http.${origin}.extraHeader`, `Authorization: Basic ${token}`]);
  }
  if (auth.caCert !== undefined) config.push(['http.sslCAInfo', await secretFile(dir, 'ca.crt', auth.caCert)]);
  if (auth.tlsCert !== undefined && auth.tlsKey !== undefined) {
    config.push(['http.sslCert', await secretFile(dir, 'tls.crt', auth.tlsCert)], ['http.sslKey', await secretFile(dir, 'tls.key', auth.tlsKey)]);
  }
  if (proxy) config.push(['http.proxy', proxyUrl(proxy)]);
  // Always set, so that an SSH submodule of an HTTPS remote fails closed on host-key checking.
  env.GIT_SSH_COMMAND = await sshCommand(dir, auth);
  return { env, config };
}

async function secretFile(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600 });
  return path;
}

// Host keys are always checked against the Secret's known_hosts only; no agent, no user ssh config.
async function sshCommand(dir: string, auth: GitAuth): Promise<string> {
  const knownHosts = await secretFile(dir, 'known_hosts', auth.sshKnownHosts ?? '');
  const parts = ['ssh', '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentityAgent=none', '-o', 'IdentitiesOnly=yes',
    '-o', `UserKnownHostsFile=${shellQuote(knownHosts)}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes'];
  if (auth.sshIdentity !== undefined) parts.push('-i', shellQuote(await secretFile(dir, 'identity', auth.sshIdentity)));
  return parts.join(' ');
}

function proxyUrl(proxy: GitProxy): string {
  const parsed = new URL(proxy.address);
  if (proxy.username !== undefined) parsed.username = encodeURIComponent(proxy.username);
  if (proxy.password !== undefined) parsed.password = encodeURIComponent(proxy.password);
  return parsed.toString();
}
