// api: Flux's API as data — the types of the Flux kinds (GitRepository, Kustomization), their
// defaults and the validation their CRD schema enforces, the CRDs Weir installs, the constants
// Flux fixes (finalizer, annotations, condition types, reasons) and Flux's exact condition
// semantics (transition times, order, Reconciling/Stalled, the Ready summary).
// It is pure: it must never do I/O (no network, files, processes, clocks — callers pass `now`),
// and it depends only on lib and apimachinery.

// Conditions (fluxcd/pkg runtime/conditions).
export {
  // Types and the three condition types every kind has, plus Healthy.
  type Condition, type ConditionStatus, type ConditionInput, type ConditionChange, READY, RECONCILING, STALLED, HEALTHY,
  // conditionTime: metav1.Time text of a Date; compareConditions: Flux's sort order.
  conditionTime, compareConditions,
  // findCondition / setCondition / removeCondition: read, set (transition-time rules, sorted), delete.
  findCondition, setCondition, removeCondition,
  // markTrue/False/Unknown: setCondition with that status.
  markTrue, markFalse, markUnknown,
  // markReconciling: Reconciling=True and Stalled removed; markStalled: Stalled=True and Reconciling removed.
  markReconciling, markStalled,
  // markReady / markNotReady: Ready=True / Ready=False.
  markReady, markNotReady,
  // Getters as fluxcd/pkg: isUnknown is true for a missing condition; isReady needs neither stalled nor reconciling.
  isTrue, isFalse, isUnknown, isStalled, isReconciling, isReady,
} from './conditions.js';
export {
  // ConditionSummary: what a kind folds into Ready; GIT_REPOSITORY_READY_SUMMARY: source-controller's for GitRepository.
  type ConditionSummary, GIT_REPOSITORY_READY_SUMMARY,
  // summaryCondition: the merged target condition; summarizeConditions: sets it (SetSummary + bi-polarity).
  summaryCondition, summarizeConditions,
  // finalizeSourceConditions: end of a source reconcile (ComputeReconcileResult + summary) for a ReconcileOutcome.
  type ReconcileOutcome, type SettledConditions, finalizeSourceConditions,
  // finalizeAppliedConditions: kustomize-controller's finalizeStatus (Ready=True drops Reconciling, observes the generation).
  finalizeAppliedConditions,
} from './summarize.js';

// Constants: groups, apiVersions, finalizer, annotations, condition types and reasons; requestedAt reads the annotation.
export * from './constants.js';

// Shared types: ObjectMeta, references, Artifact, the common status fields.
export type {
  ObjectMeta, LocalObjectReference, NamespacedObjectReference, NamespacedObjectKindReference, SecretKeyReference,
  KubeConfigReference, Artifact, ReconcileStatus,
} from './meta.js';

// GitRepository: the types, the defaults (schema + source-controller) and the CRD's validation.
export type {
  GitRepository, GitRepositorySpec, GitRepositoryStatus, GitRepositoryRef, GitRepositoryInclude, GitRepositoryVerification,
  GitProvider, GitVerificationMode,
} from './gitrepository-types.js';
export { DEFAULT_GIT_BRANCH, gitRepositoryWithDefaults, validateGitRepository } from './gitrepository.js';

// Kustomization: the types, the defaults (schema + kustomize-controller getters) and the CRD's validation.
export type {
  Kustomization, KustomizationSpec, KustomizationStatus, CrossNamespaceSourceReference, DependencyReference, Selector, Patch,
  Image, CustomHealthCheck, CommonMetadata, Decryption, PostBuild, SubstituteReference, IgnoreRule, ResourceRef,
  ResourceInventory, Snapshot,
} from './kustomization-types.js';
export { kustomizationWithDefaults, validateKustomization, kustomizationTimeoutMs, kustomizationRetryIntervalMs } from './kustomization.js';

// Schemas: the OpenAPI node type, structural defaulting and validation (the engine is apimachinery's), the schemas of each kind.
export { type JSONSchemaProps, type CelRules, applySchemaDefaults, validateSchema } from '../apimachinery/index.js';
export { DURATION_PATTERN, TIMEOUT_PATTERN } from './schema-parts.js';
export { gitRepositorySchema } from './gitrepository-schema.js';
export { kustomizationSchema } from './kustomization-schema.js';

// CRDs: fluxCrds() for installation; one function per kind; the stand-ins of their CEL rules (for the control plane).
export { fluxCrds, gitRepositoryCrd, kustomizationCrd, FLUX_CEL_RULES } from './crds.js';
