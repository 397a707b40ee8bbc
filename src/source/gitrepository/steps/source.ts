// Step 2, source (source-controller reconcileSource): credentials, the included repositories'
// artifacts, then the git side — an `ls-remote` first, and a fetch + checkout only when the remote
// revision or the content configuration moved — then signature verification.
import {
  ARTIFACT_IN_STORAGE, ARTIFACT_OUTDATED, AUTHENTICATION_FAILED_REASON, FETCH_FAILED, GIT_OPERATION_FAILED_REASON,
  INCLUDE_UNAVAILABLE, isTrue, NEW_REVISION_REASON, PROGRESSING_REASON, SOURCE_VERIFIED, SUCCEEDED_REASON, URL_INVALID_REASON,
  VERIFICATION_ERROR_REASON, isFalse, type Artifact, type GitRepository,
} from '../../../api/index.js';
import { errorMessage } from '../../../lib/index.js';
import { gitTimeoutMs } from '../context.js';
import { gitAuthFromSecret, parseRemoteUrl, type GitAuth, type GitProxy } from '../../git/auth.js';
import { checkoutResolved } from '../../git/checkout.js';
import { GitError } from '../../git/errors.js';
import { resolveRef } from '../../git/resolve-ref.js';
import { withGitSession } from '../../git/session.js';
import { publicKeysFromSecret, verifyGitSignatures } from '../../git/verify.js';
import type { GitRepositoryPass } from '../context.js';
import { contentConfigChanged, includesDiffer } from '../content-config.js';
import { readSecretData } from '../secrets.js';
import { missingDirectories, sparseDirectories } from '../sparse-checkout.js';
import { StepError } from '../step-error.js';

async function authFor(pass: GitRepositoryPass): Promise<GitAuth | undefined> {
  const { obj, draft, services } = pass;
  const ref = obj.spec.secretRef;
  try {
    const data = ref ? await readSecretData(services.client, obj.metadata.namespace!, ref.name) : undefined;
    return gitAuthFromSecret(obj.spec.url, data);
  } catch (err) {
    const message = ref && /^failed to get secret/.test(errorMessage(err)) ? errorMessage(err) : `failed to configure authentication options: ${errorMessage(err)}`;
    draft.mark(FETCH_FAILED, 'True', AUTHENTICATION_FAILED_REASON, message);
    throw new StepError('generic', AUTHENTICATION_FAILED_REASON, message, { cause: err });
  }
}

/** spec.proxySecretRef: `address` (http, https or socks5 URL), optional `username` and `password`. */
async function proxyFor(pass: GitRepositoryPass): Promise<GitProxy | undefined> {
  const { obj, draft, services } = pass;
  const ref = obj.spec.proxySecretRef;
  if (!ref) return undefined;
  try {
    const data = await readSecretData(services.client, obj.metadata.namespace!, ref.name);
    if (!data.address) throw new Error(`invalid proxy secret '${obj.metadata.namespace}/${ref.name}': key 'address' is missing`);
    return { address: data.address, username: data.username, password: data.password };
  } catch (err) {
    const message = `failed to configure proxy options: ${errorMessage(err)}`;
    draft.mark(FETCH_FAILED, 'True', AUTHENTICATION_FAILED_REASON, message);
    throw new StepError('generic', AUTHENTICATION_FAILED_REASON, message, { cause: err });
  }
}

/** The artifacts of spec.include, waiting (IncludeUnavailable) while one is missing. */
async function includedArtifacts(pass: GitRepositoryPass): Promise<Artifact[]> {
  const { obj, draft, services } = pass;
  const artifacts: Artifact[] = [];
  for (const include of obj.spec.include ?? []) {
    const name = include.repository.name;
    const dep = (await services.client.get({ apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name })) as GitRepository | undefined;
    const [reason, message] = !dep ? ['NotFound', `could not get resource for include '${name}': gitrepositories.source.toolkit.fluxcd.io "${name}" not found`]
      : !dep.status?.artifact ? ['NoArtifact', `no artifact available for include '${name}'`] : [];
    if (reason) {
      draft.mark(INCLUDE_UNAVAILABLE, 'True', reason, message!);
      throw new StepError('waiting', reason, message!, { retryAfterMs: services.dependencyRequeueMs });
    }
    artifacts.push(dep!.status!.artifact!);
  }
  draft.remove(INCLUDE_UNAVAILABLE);
  return artifacts;
}

function fetchFailed(pass: GitRepositoryPass, err: unknown): StepError {
  // Flux says GitOperationFailed for every clone failure; naming bad credentials and bad URLs
  // (AuthenticationFailed, URLInvalid — reasons Flux has) tells the user what to fix.
  const reason = err instanceof GitError ? err.reason : GIT_OPERATION_FAILED_REASON;
  const message = `failed to checkout and determine revision: ${errorMessage(err)}`;
  pass.draft.mark(FETCH_FAILED, 'True', reason, message);
  return new StepError(reason === URL_INVALID_REASON ? 'stalling' : 'generic', reason, message, { cause: err });
}

/** Verifies the commit (and tag) signatures when spec.verify asks for it. */
async function verify(pass: GitRepositoryPass): Promise<void> {
  const { obj, draft, services, checkout } = pass;
  const spec = obj.spec.verify;
  if (!spec || !checkout) {
    draft.remove(SOURCE_VERIFIED);
    delete draft.status.sourceVerificationMode;
    return;
  }
  const fail = (message: string, cause?: unknown): never => {
    draft.mark(SOURCE_VERIFIED, 'False', VERIFICATION_ERROR_REASON, message);
    throw new StepError('generic', VERIFICATION_ERROR_REASON, message, { cause });
  };
  let keys: string[] = [];
  try {
    keys = publicKeysFromSecret(await readSecretData(services.client, obj.metadata.namespace!, spec.secretRef.name));
  } catch (err) {
    fail(`PGP public keys secret error: ${errorMessage(err)}`, err);
  }
  const result = await verifyGitSignatures({
    gitDir: checkout.gitDir, commit: checkout.resolved.commit, tagObject: checkout.resolved.tagObject,
    tagName: checkout.resolved.refName?.replace(/^refs\/tags\//, ''), mode: spec.mode, publicKeys: keys,
    timeoutMs: gitTimeoutMs(obj),
  }).catch((err: unknown) => fail(`signature verification failed: ${errorMessage(err)}`, err));
  if (!result.verified) fail(result.message);
  draft.mark(SOURCE_VERIFIED, 'True', SUCCEEDED_REASON, result.message);
  draft.status.sourceVerificationMode = spec.mode ?? 'HEAD';
}

/** Reconciles the source: sets pass.checkout (or pass.unchanged) and pass.includes. */
export async function reconcileSource(pass: GitRepositoryPass): Promise<void> {
  const { obj, draft, services } = pass;
  if (isFalse(draft.status.conditions, SOURCE_VERIFIED)) draft.remove(SOURCE_VERIFIED);
  try {
    parseRemoteUrl(obj.spec.url);
  } catch (err) {
    throw fetchFailed(pass, err);
  }
  const provider = obj.spec.provider ?? 'generic';
  if (provider !== 'generic') {
    // GitHub App and cloud workload identity need their token services; refuse rather than fetch anonymously.
    const message = `provider '${provider}' is not supported by Weir yet: use provider 'generic' with a secretRef`;
    draft.mark(FETCH_FAILED, 'True', 'InvalidProviderConfiguration', message);
    throw new StepError('stalling', 'InvalidProviderConfiguration', message);
  }
  const proxy = await proxyFor(pass);
  const auth = await authFor(pass);
  pass.includes = await includedArtifacts(pass);
  if (includesDiffer(pass.includes, draft.status.includedArtifacts)) {
    const message = 'included artifacts differ from last observed includes';
    if (draft.status.includedArtifacts) draft.mark(ARTIFACT_OUTDATED, 'True', 'IncludeChange', message);
    draft.progressing(true, PROGRESSING_REASON, `building artifact: ${message}`);
    await draft.write();
  }
  draft.remove(ARTIFACT_OUTDATED);

  const artifact = draft.status.artifact;
  const canSkip = artifact !== undefined && isTrue(draft.status.conditions, ARTIFACT_IN_STORAGE) && !obj.spec.verify && !contentConfigChanged(obj, draft.status, pass.includes);
  const timeoutMs = gitTimeoutMs(obj);
  try {
    await withGitSession({ url: obj.spec.url, auth, proxy, timeoutMs }, async (session) => {
      const resolved = await resolveRef(session, obj.spec.ref);
      // The remote has not moved and nothing else feeds the artifact: no fetch at all.
      if (canSkip && resolved.revision === artifact.revision) {
        pass.unchanged = true;
        return;
      }
      pass.checkout = await checkoutResolved(session, resolved, { cacheRoot: services.cacheRoot, targetDir: pass.dir, recurseSubmodules: obj.spec.recurseSubmodules });
    });
  } catch (err) {
    throw fetchFailed(pass, err);
  }
  draft.remove(FETCH_FAILED);
  if (pass.unchanged) {
    draft.mark(ARTIFACT_IN_STORAGE, 'True', SUCCEEDED_REASON, `stored artifact for revision '${artifact!.revision}'`);
    return;
  }
  pass.log.debug({ url: obj.spec.url, revision: pass.checkout!.resolved.revision }, 'git repository checked out');
  const missing = await missingDirectories(pass.dir, sparseDirectories(obj.spec.sparseCheckout));
  if (missing.length) {
    const message = `failed to sparse checkout directories : ${missing.map((d) => `'${d}'`).join(', ')} not found in the repository`;
    draft.mark(FETCH_FAILED, 'True', GIT_OPERATION_FAILED_REASON, message);
    throw new StepError('generic', GIT_OPERATION_FAILED_REASON, message);
  }
  await verify(pass);
  const revision = pass.checkout!.resolved.revision;
  if (artifact?.revision !== revision) {
    const message = `new upstream revision '${revision}'`;
    if (artifact) draft.mark(ARTIFACT_OUTDATED, 'True', NEW_REVISION_REASON, message);
    draft.progressing(true, PROGRESSING_REASON, `building artifact: ${message}`);
    await draft.write();
  }
}
