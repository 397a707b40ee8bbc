// Credentials for a git remote, read from a GitRepository's Secret data (flux-spec §1.1 "Secret
// keys") and checked for the combinations Flux refuses, before any process sees them.
import { GitError } from './errors.js';

/** Credentials for one remote; every field is optional and plain text. */
export interface GitAuth {
  username?: string;
  password?: string;
  bearerToken?: string;
  /** PEM CA bundle to trust for HTTPS (`ca.crt`, or the older `caFile`). */
  caCert?: string;
  /** mTLS client certificate and key (`tls.crt`, `tls.key`). */
  tlsCert?: string;
  tlsKey?: string;
  /** SSH private key (`identity`) and the host keys to trust (`known_hosts`). */
  sshIdentity?: string;
  sshKnownHosts?: string;
}

/** A proxy for HTTP(S) remotes (`spec.proxySecretRef`: address, username, password). */
export interface GitProxy {
  address: string;
  username?: string;
  password?: string;
}

const SCHEMES = new Set(['http:', 'https:', 'ssh:', 'git:']);

/** Parses and checks a remote URL; credentials embedded in it are returned separately, never kept in the URL. */
export function parseRemoteUrl(raw: string): { url: string; username?: string; password?: string; protocol: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new GitError('URLInvalid', `invalid URL '${raw.replace(/\/\/[^/@]*@/, '//***@')}'`, { hint: 'use http(s)://host/path or ssh://user@host:22/path (scp-like git@host:path is not accepted)' });
  }
  if (!SCHEMES.has(parsed.protocol) || parsed.hostname === '') {
    throw new GitError('URLInvalid', `unsupported URL '${parsed.protocol}//${parsed.host}${parsed.pathname}': the scheme must be http, https or ssh`);
  }
  const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  if (parsed.protocol === 'ssh:') {
    // The user name is part of an SSH address (git@host), not a secret; only a password is moved out.
    parsed.password = '';
    return { url: parsed.toString(), password, protocol: parsed.protocol };
  }
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), username, password, protocol: parsed.protocol };
}

/** Builds GitAuth from Secret data (already base64-decoded), refusing what Flux refuses. */
export function gitAuthFromSecret(url: string, data: Record<string, string> | undefined): GitAuth {
  if (!data) return {};
  const { protocol } = parseRemoteUrl(url);
  const auth: GitAuth = {};
  if (protocol === 'ssh:') {
    if (data.password !== undefined && data.identity !== undefined) {
      throw new GitError('AuthenticationFailed', "passphrase-protected SSH keys ('password' beside 'identity') are not supported", { hint: 'use an SSH key without a passphrase' });
    }
    if (data.identity !== undefined && data.known_hosts === undefined) {
      throw new GitError('AuthenticationFailed', "the Secret has an SSH 'identity' but no 'known_hosts'", { hint: 'add the server host keys as known_hosts (ssh-keyscan)' });
    }
    if (data.identity !== undefined) auth.sshIdentity = data.identity;
    if (data.known_hosts !== undefined) auth.sshKnownHosts = data.known_hosts;
    return auth;
  }
  const hasUser = data.username !== undefined;
  const hasPassword = data.password !== undefined;
  if (hasUser !== hasPassword) {
    throw new GitError('AuthenticationFailed', "the Secret must have both 'username' and 'password' for basic authentication");
  }
  if (hasUser && data.bearerToken !== undefined) {
    throw new GitError('AuthenticationFailed', "the Secret has both basic authentication and 'bearerToken'; use one");
  }
  if ((data['tls.crt'] === undefined) !== (data['tls.key'] === undefined)) {
    throw new GitError('AuthenticationFailed', "the Secret must have both 'tls.crt' and 'tls.key' for TLS client authentication");
  }
  if (hasUser) { auth.username = data.username; auth.password = data.password; }
  if (data.bearerToken !== undefined) auth.bearerToken = data.bearerToken;
  const ca = data['ca.crt'] ?? data.caFile; // ca.crt wins (flux-spec §1.1)
  if (ca !== undefined) auth.caCert = ca;
  if (data['tls.crt'] !== undefined) { auth.tlsCert = data['tls.crt']; auth.tlsKey = data['tls.key']; }
  return auth;
}

/** The values that must never appear in a message or log line. */
export function authSecrets(auth: GitAuth, proxy?: GitProxy): string[] {
  const basic = auth.username !== undefined && auth.password !== undefined
    ? [Buffer.from(`${auth.username}:${auth.password}`).toString('base64')] : [];
  return [auth.password, auth.bearerToken, auth.tlsKey, auth.sshIdentity, proxy?.password, ...basic]
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}
