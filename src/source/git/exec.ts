// Runs one `git` process: argument arrays only (never a shell), a hard timeout that kills the
// whole process group (git forks git-remote-http, ssh, upload-pack), and redacted errors.
import { spawn } from 'node:child_process';
import { GitError, classifyGitError, isHostKeyFailure, redactSecrets, summariseStderr, tlsFailure } from './errors.js';

/** What a finished git command printed. */
export interface GitOutput {
  stdout: string;
  stderr: string;
}

/** Options for one git invocation. */
export interface RunGitOptions {
  /** The complete environment (sessions build it; nothing is inherited). */
  env: NodeJS.ProcessEnv;
  /** Killed (with its children) after this long. */
  timeoutMs: number;
  cwd?: string;
  /** Values to scrub from any message built from git's output. */
  secrets?: readonly string[];
  /**
   * The session's temp dir, cut from messages: curl names the CA file in it (`CAfile: /tmp/weir-git-…/ca.crt`),
   * and a path that changes on every attempt would make every failed reconcile a new condition message and event.
   */
  privateDir?: string;
  /** Written to stdin, then stdin is closed. */
  input?: string | Buffer;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okExitCodes?: readonly number[];
  /** Aborts the command like a timeout does. */
  signal?: AbortSignal;
  /** The program to run (default `git`); verification runs `gpg` through the same path. */
  program?: string;
}

/** A git result that includes the exit code (for commands whose non-zero codes mean "no"). */
export interface GitResult extends GitOutput {
  exitCode: number;
}

const AUTH_HINT = 'check the Secret in spec.secretRef: username and password, bearerToken, or identity and known_hosts for SSH';
const HOST_KEY_HINT = "put the server's current host key in the Secret's known_hosts, for the host and port of the URL (ssh-keyscan -p <port> <host>)";
const UNTRUSTED_SERVER_HINT = "put the PEM certificate of the CA that signed the server's certificate in the Secret as ca.crt";
const HANDSHAKE_HINT = 'if the server requires a client certificate (mTLS), put one it accepts in the Secret as tls.crt and tls.key';

/** Formats a timeout the way users write them: 60000 → "60s", 1500 → "1500ms". */
export function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The subcommand for messages: `git -C x -c a=b fetch …` → "git fetch". */
function describe(program: string, args: readonly string[]): string {
  if (program !== 'git') return program;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-C' || arg === '-c' || arg === '--git-dir' || arg === '--work-tree') { i++; continue; }
    if (!arg.startsWith('-')) return `git ${arg}`;
  }
  return 'git';
}

/** Runs git and resolves with its output; rejects with a classified, redacted GitError. */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  const program = options.program ?? 'git';
  const what = describe(program, args);
  const secrets = options.secrets ?? [];
  return new Promise((resolvePromise, reject) => {
    // detached: a new process group we can kill as a whole, and no controlling terminal to prompt on.
    const child = spawn(program, [...args], { cwd: options.cwd, env: options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let stopped: 'timeout' | 'abort' | undefined;
    const killGroup = () => {
      try { if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    };
    const timer = setTimeout(() => { stopped = 'timeout'; killGroup(); }, options.timeoutMs);
    const onAbort = () => { stopped = 'abort'; killGroup(); };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined); // the process may exit before reading its input
    child.stdin.end(options.input ?? '');
    const finish = () => { clearTimeout(timer); options.signal?.removeEventListener('abort', onAbort); };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      const hint = error.code === 'ENOENT' ? `install ${program} and make sure it is on PATH` : undefined;
      reject(new GitError('GitOperationFailed', `${what} could not start: ${error.message}`, { hint, cause: error }));
    });
    child.on('close', (code) => {
      finish();
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (stopped === 'timeout') {
        reject(new GitError('GitOperationFailed', `${what} timed out after ${formatTimeout(options.timeoutMs)}`, { timedOut: true, hint: 'check that the server is reachable, or raise spec.timeout' }));
        return;
      }
      if (stopped === 'abort') { reject(new GitError('GitOperationFailed', `${what} was cancelled`)); return; }
      const exitCode = code ?? -1;
      if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) { resolvePromise({ stdout, stderr, exitCode }); return; }
      const shown = options.privateDir ? stderr.split(`${options.privateDir}/`).join('') : stderr;
      reject(failure(what, { stderr: redactSecrets(shown, secrets), exitCode, secrets }));
    });
  });
}

/** The error of a failed command: refused credentials, rejected host keys and TLS certificate trouble are said so up front. */
function failure(what: string, run: { stderr: string; exitCode: number; secrets: readonly string[] }): GitError {
  const detail = summariseStderr(run.stderr) || `exit code ${run.exitCode}`;
  const reason = classifyGitError(run.stderr);
  const tls = reason === 'GitOperationFailed' ? tlsFailure(run.stderr) : undefined;
  // GnuTLS reports a missing client certificate as "A TLS fatal alert has been received", which names no cause.
  if (tls === 'untrusted-server') {
    return new GitError(reason, redactSecrets(`${what} failed: the server's TLS certificate is not trusted: ${detail}`, run.secrets), { hint: UNTRUSTED_SERVER_HINT });
  }
  if (tls === 'handshake-refused') {
    const message = `${what} failed: the server ended the TLS connection (it may require a client certificate): ${detail}`;
    return new GitError(reason, redactSecrets(message, run.secrets), { hint: HANDSHAKE_HINT });
  }
  if (reason !== 'AuthenticationFailed') return new GitError(reason, redactSecrets(`${what} failed: ${detail}`, run.secrets));
  // git's own wording ("could not read Username … terminal prompts disabled") hides that the credentials were refused.
  const hostKey = isHostKeyFailure(run.stderr);
  const message = `${what} failed: ${hostKey ? 'host key verification failed' : 'authentication failed'}: ${detail}`;
  return new GitError(reason, redactSecrets(message, run.secrets), { hint: hostKey ? HOST_KEY_HINT : AUTH_HINT });
}
