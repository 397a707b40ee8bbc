// `spec.verify`: OpenPGP signatures of the commit and/or the annotated tag, checked by `git
// verify-commit` / `git verify-tag` with gpg in a throw-away keyring holding only the keys of the
// verification Secret (nothing from the host's keyrings counts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WeirError } from '../../lib/index.js';
import { runGit } from './exec.js';

/** GitRepository `spec.verify.mode` (`head` is Flux's deprecated spelling of `HEAD`). */
export type VerificationMode = 'HEAD' | 'head' | 'Tag' | 'TagAndHEAD';

/** What to verify and with which keys. */
export interface VerifyOptions {
  /** Repository holding the objects (the cache repository of the checkout). */
  gitDir: string;
  commit: string;
  /** The annotated tag object id (ResolvedRef.tagObject); required by Tag and TagAndHEAD. */
  tagObject?: string;
  /** Tag name for messages. */
  tagName?: string;
  mode?: VerificationMode;
  /** ASCII-armored OpenPGP public keys. */
  publicKeys: readonly string[];
  timeoutMs?: number;
}

/** The check of one signed object. */
export interface SignatureCheck {
  object: 'commit' | 'tag';
  id: string;
  verified: boolean;
  /** 16-hex-digit id of the signer's primary key (as Flux reports it). */
  keyId?: string;
  message: string;
}

/** The outcome for the SourceVerified condition. */
export interface VerificationResult {
  verified: boolean;
  checks: SignatureCheck[];
  /** Flux-style summary for the condition message. */
  message: string;
}

/** The armored PGP keys of a verification Secret; `*.sshpub` (SSH signatures) is refused as unsupported. */
export function publicKeysFromSecret(data: Record<string, string>): string[] {
  const ssh = Object.keys(data).filter((key) => key.endsWith('.sshpub'));
  if (ssh.length > 0) throw new WeirError('source.verify.ssh-unsupported', `SSH signature keys (${ssh.join(', ')}) are not supported yet`, { hint: 'use OpenPGP keys (*.asc)' });
  return Object.keys(data).sort().map((key) => data[key]!);
}

/** Verifies signatures as the mode asks; throws only when gpg itself is missing. */
export async function verifyGitSignatures(options: VerifyOptions): Promise<VerificationResult> {
  const mode = options.mode === 'head' ? 'HEAD' : (options.mode ?? 'HEAD');
  const home = await mkdtemp(join(tmpdir(), 'weir-gpg-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GNUPGHOME: home, HOME: home, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    await requireGpg(env);
    const checks: SignatureCheck[] = [];
    const imported = await importKeys(options.publicKeys, env, timeoutMs);
    if (mode === 'Tag' || mode === 'TagAndHEAD') {
      const name = options.tagName ?? options.tagObject ?? '';
      checks.push(options.tagObject
        ? await verifyObject('tag', options.tagObject, name, options.gitDir, env, timeoutMs)
        : { object: 'tag', id: name, verified: false, message: `cannot verify the tag signature: the reference is not an annotated tag` });
    }
    if (mode === 'HEAD' || mode === 'TagAndHEAD') checks.push(await verifyObject('commit', options.commit, options.commit, options.gitDir, env, timeoutMs));
    if (!imported) checks.forEach((c) => { c.verified = false; c.message = 'no valid OpenPGP public key in the verification Secret'; });
    const verified = checks.length > 0 && checks.every((c) => c.verified);
    const message = verified
      ? `verified signature of\n${checks.map((c) => `\t- ${c.object} '${c.id}' with key '${c.keyId}'`).join('\n')}`
      : checks.filter((c) => !c.verified).map((c) => `signature verification of ${c.object} '${c.id}' failed: ${c.message}`).join('; ');
    return { verified, checks, message };
  } finally {
    await runGit(['--kill', 'all'], { program: 'gpgconf', env, timeoutMs: 5000 }).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  }
}

async function requireGpg(env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await runGit(['--version'], { program: 'gpg', env, timeoutMs: 10_000 });
  } catch (err) {
    throw new WeirError('source.verify.gpg-missing', 'verifying OpenPGP signatures needs gpg, which could not be run', { hint: 'install GnuPG (gpg) on the machine that runs the source controller', cause: err });
  }
}

async function importKeys(keys: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<boolean> {
  let any = false;
  for (const key of keys) {
    const result = await runGit(['--batch', '--no-tty', '--status-fd', '1', '--import'], { program: 'gpg', env, timeoutMs, input: key, okExitCodes: [1, 2] });
    if (/IMPORT_OK|IMPORTED/.test(result.stdout)) any = true;
  }
  return any;
}

async function verifyObject(object: 'commit' | 'tag', oid: string, name: string, gitDir: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<SignatureCheck> {
  const args = ['--git-dir', gitDir, '-c', 'gpg.program=gpg', '-c', 'gpg.format=openpgp', `verify-${object}`, '--raw', oid];
  const result = await runGit(args, { env, timeoutMs, okExitCodes: [1, 128] });
  const status = result.stderr;
  const valid = /^\[GNUPG:\] VALIDSIG (\S+)(?: \S+){8} (\S+)/m.exec(status) ?? /^\[GNUPG:\] VALIDSIG (\S+)/m.exec(status);
  if (result.exitCode === 0 && valid) {
    const primary = (valid[2] ?? valid[1])!;
    return { object, id: name, verified: true, keyId: primary.slice(-16).toUpperCase(), message: 'signature is valid' };
  }
  const noKey = /^\[GNUPG:\] (?:NO_PUBKEY|ERRSIG) (\S+)/m.exec(status);
  const message = /^\[GNUPG:\] BADSIG/m.test(status) ? 'the signature does not match the content'
    : noKey ? `signed with key '${noKey[1]!.toUpperCase()}', which is not in the verification Secret`
    : /\[GNUPG:\]/.test(status) ? 'the signature could not be verified'
    : `no signature found on the ${object}`;
  return { object, id: name, verified: false, message };
}
