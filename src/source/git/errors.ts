// Git failures as Flux reports them: each one classified into the FetchFailed sub-reasons the
// GitRepository conditions use (flux-spec §1.1), with every credential scrubbed first.
import { WeirError } from '../../lib/index.js';

/** The Flux reasons a git failure maps to (`AuthenticationFailed`, `GitOperationFailed`, `URLInvalid`). */
export type GitErrorReason = 'AuthenticationFailed' | 'GitOperationFailed' | 'URLInvalid';

const CODES: Record<GitErrorReason, string> = {
  AuthenticationFailed: 'source.git.auth',
  GitOperationFailed: 'source.git.operation',
  URLInvalid: 'source.git.url',
};

/** A failed git operation; `reason` is the Flux condition reason, the message is already redacted. */
export class GitError extends WeirError {
  /** The Flux reason for the Ready/FetchFailed condition. */
  readonly reason: GitErrorReason;
  /** True when the operation was killed at its timeout. */
  readonly timedOut: boolean;

  constructor(reason: GitErrorReason, message: string, options: { hint?: string; cause?: unknown; timedOut?: boolean } = {}) {
    super(options.timedOut ? 'source.git.timeout' : CODES[reason], message, options);
    this.reason = reason;
    this.timedOut = options.timedOut ?? false;
  }
}

// Messages git, curl and ssh print when the server refused the credentials (or none were given).
const AUTH_PATTERNS = [
  /authentication failed/i, /could not read (username|password)/i, /terminal prompts disabled/i,
  /returned error: 40[13]/i, /http basic: access denied/i, /permission denied \(/i, /permission denied, please try again/i,
  /host key verification failed/i, /invalid username or password/i, /remote: unauthorized/i, /no supported authentication/i,
  /bad credentials/i, /access denied/i,
];
// Messages about the URL itself rather than the server behind it.
const URL_PATTERNS = [
  /unable to find remote helper/i, /unsupported protocol/i, /protocol ['"]?[\w+-]+['"]? is not supported/i,
  /transport '[^']*' not allowed/i, /url malformed/i, /not a valid url/i, /port number ended with/i, /bad port/i,
];

// What OpenSSH prints when the server's host key is not the one in known_hosts (changed or unknown).
const HOST_KEY_PATTERNS = [/host key verification failed/i, /host key for \S+ has changed/i, /no \S+ host key is known for/i];

/** Whether git's stderr says ssh refused the server's host key; classified as AuthenticationFailed too. */
export function isHostKeyFailure(stderr: string): boolean {
  return HOST_KEY_PATTERNS.some((re) => re.test(stderr));
}

// What libcurl prints (OpenSSL and GnuTLS builds) when it does not trust the server's certificate.
const UNTRUSTED_SERVER_PATTERNS = [
  /server certificate verification failed/i, /SSL certificate problem/i, /certificate verify failed/i,
  /no alternative certificate subject name matches/i, /SSL: certificate subject name .* does not match/i,
];
// What it prints when the server ended the connection during or right after the handshake: most
// often a client certificate it wants and did not get (or refused).
const HANDSHAKE_REFUSED_PATTERNS = [
  /TLS fatal alert has been received/i, /alert (certificate required|bad certificate|unknown ca|handshake failure)/i,
  /TLS connection was non-properly terminated/i, /unexpected eof while reading/i, /gnutls_handshake\(\) failed/i, /SSL_connect/i,
];

/** Which side of a TLS failure git's stderr reports: the server's certificate, or a handshake the server refused. */
export type TlsFailure = 'untrusted-server' | 'handshake-refused';

/** Whether git's stderr is a TLS failure, and which; undefined for anything else. */
export function tlsFailure(stderr: string): TlsFailure | undefined {
  if (UNTRUSTED_SERVER_PATTERNS.some((re) => re.test(stderr))) return 'untrusted-server';
  if (HANDSHAKE_REFUSED_PATTERNS.some((re) => re.test(stderr))) return 'handshake-refused';
  return undefined;
}

/** Classifies git's stderr into the Flux reason (authentication, URL, or anything else). */
export function classifyGitError(stderr: string): GitErrorReason {
  if (AUTH_PATTERNS.some((re) => re.test(stderr))) return 'AuthenticationFailed';
  if (URL_PATTERNS.some((re) => re.test(stderr))) return 'URLInvalid';
  return 'GitOperationFailed';
}

/** Replaces every secret (and any `user:password@` in URLs) with `***`; short values are left alone. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1***@');
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join('***');
  return out;
}

/** Picks the lines of git's stderr worth showing (errors first, progress chatter dropped). */
export function summariseStderr(stderr: string): string {
  const lines = stderr.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
  // ssh's own verdicts ("Host key verification failed.", "git@host: Permission denied (publickey).") count as errors.
  const important = lines.filter((l) => /^(fatal|error|remote|ERROR)\b|^ssh:|:\s*(fatal|error)\b|: permission denied \(/i.test(l) || isHostKeyFailure(l));
  const chosen = (important.length > 0 ? important : lines.filter((l) => !/^(warning|hint):/i.test(l))).slice(-4);
  const text = chosen.join('; ');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
