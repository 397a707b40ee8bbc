// Names Flux fixes in its API: groups, the finalizer, annotations, condition types and reasons
// (fluxcd/pkg apis/meta, source-controller api/v1 condition_types.go, kustomize-controller
// api/v1 condition_types.go). Kept verbatim: users and tools match on these strings.

/** API group of the sources (GitRepository, OCIRepository, Bucket, …). */
export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
/** API group of Kustomization. */
export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
/** apiVersion of GitRepository. */
export const GIT_REPOSITORY_API_VERSION = 'source.toolkit.fluxcd.io/v1';
/** apiVersion of Kustomization. */
export const KUSTOMIZATION_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';

/** Added on the first reconciliation so that deletion waits for the controller's clean-up. */
export const FINALIZER = 'finalizers.fluxcd.io';
/** Any new value asks for a reconciliation now; echoed into status.lastHandledReconcileAt. */
export const REQUESTED_AT_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';
/** HelmRelease: force a release when equal to requestedAt. */
export const FORCE_AT_ANNOTATION = 'reconcile.fluxcd.io/forceAt';
/** HelmRelease: reset remediation retries when equal to requestedAt. */
export const RESET_AT_ANNOTATION = 'reconcile.fluxcd.io/resetAt';
/** Secrets and ConfigMaps labelled `Enabled` re-trigger the objects that reference them. */
export const WATCH_LABEL = 'reconcile.fluxcd.io/watch';

// Condition types of the sources (negative polarity except ArtifactInStorage and SourceVerified).
/** True once the artifact is stored. */
export const ARTIFACT_IN_STORAGE = 'ArtifactInStorage';
/** Negative polarity: the stored artifact is behind the upstream revision. */
export const ARTIFACT_OUTDATED = 'ArtifactOutdated';
/** Negative polarity: fetching the upstream failed. */
export const FETCH_FAILED = 'FetchFailed';
/** Negative polarity: an included GitRepository is missing or has no artifact. */
export const INCLUDE_UNAVAILABLE = 'IncludeUnavailable';
/** Bi-polar: True when the signature check passed, False when it failed; absent when disabled. */
export const SOURCE_VERIFIED = 'SourceVerified';
/** Negative polarity: a storage operation failed. */
export const STORAGE_OPERATION_FAILED = 'StorageOperationFailed';
/** Negative polarity: building the artifact failed. */
export const BUILD_FAILED = 'BuildFailed';

// Reasons shared by all controllers (fluxcd/pkg apis/meta).
/** The operation succeeded. */
export const SUCCEEDED_REASON = 'Succeeded';
/** The operation failed. */
export const FAILED_REASON = 'Failed';
/** A reconciliation is underway. */
export const PROGRESSING_REASON = 'Progressing';
/** A reconciliation failed and will be retried. */
export const PROGRESSING_WITH_RETRY_REASON = 'ProgressingWithRetry';
/** A dependency is not ready yet. */
export const DEPENDENCY_NOT_READY_REASON = 'DependencyNotReady';
/** A cross-namespace reference was refused. */
export const ACCESS_DENIED_REASON = 'AccessDenied';
/** A CEL expression does not compile. */
export const INVALID_CEL_EXPRESSION_REASON = 'InvalidCELExpression';
/** The spec needs a feature gate that is off. */
export const FEATURE_GATE_DISABLED_REASON = 'FeatureGateDisabled';
/** The reconciliation is suspended. */
export const SUSPENDED_REASON = 'Suspended';
/** Kustomization: applied successfully. */
export const RECONCILIATION_SUCCEEDED_REASON = 'ReconciliationSucceeded';
/** Kustomization: apply failed. */
export const RECONCILIATION_FAILED_REASON = 'ReconciliationFailed';
/** Kustomization: a health check failed. */
export const HEALTH_CHECK_FAILED_REASON = 'HealthCheckFailed';
/** Kustomization: a health check was cancelled by a new revision. */
export const HEALTH_CHECK_CANCELED_REASON = 'HealthCheckCanceled';

// Reasons of source-controller.
/** The upstream has a revision the artifact does not. */
export const NEW_REVISION_REASON = 'NewRevision';
/** A Git operation succeeded. */
export const GIT_OPERATION_SUCCEEDED_REASON = 'GitOperationSucceeded';
/** A Git operation (clone, checkout, …) failed. */
export const GIT_OPERATION_FAILED_REASON = 'GitOperationFailed';
/** The credentials are missing or were refused. */
export const AUTHENTICATION_FAILED_REASON = 'AuthenticationFailed';
/** The source URL cannot be used. */
export const URL_INVALID_REASON = 'URLInvalid';
/** The source's signature verification failed. */
export const VERIFICATION_ERROR_REASON = 'VerificationError';
/** Creating a storage directory failed. */
export const DIRECTORY_CREATION_FAILED_REASON = 'DirectoryCreationFailed';
/** A stat on a path failed. */
export const STAT_OPERATION_FAILED_REASON = 'StatOperationFailed';
/** A read failed. */
export const READ_OPERATION_FAILED_REASON = 'ReadOperationFailed';
/** The storage lock could not be acquired. */
export const ACQUIRE_LOCK_FAILED_REASON = 'AcquireLockFailed';
/** A path is not allowed. */
export const INVALID_PATH_REASON = 'InvalidPath';
/** Writing the archive failed. */
export const ARCHIVE_OPERATION_FAILED_REASON = 'ArchiveOperationFailed';
/** Updating the latest symlink failed. */
export const SYMLINK_UPDATE_FAILED_REASON = 'SymlinkUpdateFailed';
/** The artifact already matches the upstream (also a trace event reason). */
export const ARTIFACT_UP_TO_DATE_REASON = 'ArtifactUpToDate';
/** Event reason when a new artifact was stored. */
export const NEW_ARTIFACT_REASON = 'NewArtifact';

// Reasons of kustomize-controller.
/** The source artifact could not be fetched, or the path is missing. */
export const ARTIFACT_FAILED_REASON = 'ArtifactFailed';
/** kustomize build or post-build failed. */
export const BUILD_FAILED_REASON = 'BuildFailed';
/** Garbage collection failed. */
export const PRUNE_FAILED_REASON = 'PruneFailed';

/** The value of the requestedAt annotation, if any. */
export function requestedAt(metadata: { annotations?: Record<string, string> | undefined }): string | undefined {
  return metadata.annotations?.[REQUESTED_AT_ANNOTATION];
}
