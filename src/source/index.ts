// source: the library half of the source controller — resolve a GitRepository ref with the `git`
// program, fetch it through a per-URL cache, check the tree out, verify signatures, and turn the
// tree into a reproducible tarball artifact stored on disk and served over HTTP. It must never
// put credentials in argv, URLs, messages or logs, never run git through a shell or on the
// repository it lives in, and never reach the control plane other than through its API.
export { gitAuthFromSecret, parseRemoteUrl, type GitAuth, type GitProxy } from './git/auth.js';
export { cacheDirFor } from './git/cache.js';
export { checkoutGitRepository, checkoutResolved, type CheckoutOptions, type CheckoutResult, type CheckoutTarget } from './git/checkout.js';
export { GitError, classifyGitError, redactSecrets, type GitErrorReason } from './git/errors.js';
export { formatTimeout } from './git/exec.js';
export { fetchToCache, type FetchResult } from './git/fetch.js';
export { materializeCommit, readCommitInfo, type CommitInfo, type GitSignature } from './git/materialize.js';
export { listRemoteRefs, resolveRef, type GitRef, type GitRefKind, type RemoteRef, type ResolvedRef } from './git/resolve-ref.js';
export { formatRevision, isCommitSha, parseRevision, shortMessage, type ParsedRevision } from './git/revision.js';
export { selectSemverTag } from './git/semver-tags.js';
export { GitSession, withGitSession, type GitSessionOptions } from './git/session.js';
export { publicKeysFromSecret, verifyGitSignatures, type SignatureCheck, type VerificationMode, type VerificationResult, type VerifyOptions } from './git/verify.js';
export {
  DEFAULT_EXCLUSIONS, SOURCE_IGNORE_FILE, VCS_EXCLUSIONS, buildArtifactFilter, loadArtifactFilter, type ArtifactFilter, type IgnoreLayer,
} from './artifact/ignore.js';
export { buildTarball, writeTarball, type TarballInfo } from './artifact/tarball.js';
export { ArtifactStorage, type ArtifactOwner, type ArtifactRecord, type ArtifactStorageOptions } from './artifact/storage.js';
export { startArtifactServer, type ArtifactServer, type ArtifactServerOptions } from './artifact/server.js';
export { startSourceController, type SourceController, type SourceControllerOptions } from './source-controller.js';
