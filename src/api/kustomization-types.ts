// Kustomization kustomize.toolkit.fluxcd.io/v1, field for field as kustomize-controller api/v1
// kustomization_types.go (Flux v2.9) and the fluxcd/pkg kustomize types it embeds.
import type {
  KubeConfigReference, LocalObjectReference, NamespacedObjectKindReference, ObjectMeta, ReconcileStatus,
} from './meta.js';

/** Where the manifests come from; the namespace defaults to the Kustomization's. */
export interface CrossNamespaceSourceReference {
  apiVersion?: string;
  kind: 'OCIRepository' | 'GitRepository' | 'Bucket' | 'ExternalArtifact';
  name: string;
  namespace?: string;
}

/** A Kustomization that must be ready first. */
export interface DependencyReference {
  name: string;
  namespace?: string;
  /** CEL over `self` and `dep` replacing the built-in readiness check. */
  readyExpr?: string;
}

/** Which objects a patch or ignore rule applies to (name fields are regular expressions). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  annotationSelector?: string;
  labelSelector?: string;
}

/** A strategic-merge or JSON 6902 patch, inline YAML. */
export interface Patch {
  patch: string;
  target?: Selector;
}

/** An image override merged by name into kustomize's `images`. */
export interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** CEL health rules for a kind (or all kinds of a group). */
export interface CustomHealthCheck {
  apiVersion: string;
  kind?: string;
  current: string;
  inProgress?: string;
  failed?: string;
}

/** Labels and annotations set on every applied object. */
export interface CommonMetadata {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

/** SOPS decryption settings. */
export interface Decryption {
  provider: 'sops';
  serviceAccountName?: string;
  secretRef?: LocalObjectReference;
}

/** A ConfigMap or Secret whose data are substitution variables. */
export interface SubstituteReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  optional?: boolean;
}

/** Post-build variable substitution. */
export interface PostBuild {
  substitute?: Record<string, string>;
  substituteFrom?: SubstituteReference[];
  /** WithVariables (default): only when a variable exists; Always: even with none. */
  substituteStrategy?: 'WithVariables' | 'Always';
}

/** JSON pointers whose drift is ignored, optionally for some objects only. */
export interface IgnoreRule {
  paths: string[];
  target?: Selector;
}

/** KustomizationSpec. */
export interface KustomizationSpec {
  commonMetadata?: CommonMetadata;
  dependsOn?: DependencyReference[];
  decryption?: Decryption;
  interval: string;
  retryInterval?: string;
  kubeConfig?: KubeConfigReference;
  path?: string;
  postBuild?: PostBuild;
  prune: boolean;
  deletionPolicy?: 'MirrorPrune' | 'Delete' | 'WaitForTermination' | 'Orphan';
  healthChecks?: NamespacedObjectKindReference[];
  namePrefix?: string;
  nameSuffix?: string;
  patches?: Patch[];
  images?: Image[];
  serviceAccountName?: string;
  sourceRef: CrossNamespaceSourceReference;
  suspend?: boolean;
  targetNamespace?: string;
  timeout?: string;
  force?: boolean;
  wait?: boolean;
  components?: string[];
  ignoreMissingComponents?: boolean;
  healthCheckExprs?: CustomHealthCheck[];
  buildMetadata?: Array<'originAnnotations' | 'transformerAnnotations'>;
  ignore?: IgnoreRule[];
}

/** One applied object: id `<namespace>_<name>_<group>_<kind>`, v its version. */
export interface ResourceRef {
  id: string;
  v: string;
}

/** The objects applied by the last reconciliation, in apply order. */
export interface ResourceInventory {
  entries: ResourceRef[];
}

/** One entry of status.history (meta.Snapshot). */
export interface Snapshot {
  digest: string;
  firstReconciled: string;
  lastReconciled: string;
  lastReconciledDuration: string;
  lastReconciledStatus: string;
  totalReconciliations: number;
  metadata?: Record<string, string>;
}

/** KustomizationStatus. */
export interface KustomizationStatus extends ReconcileStatus {
  lastAppliedRevision?: string;
  lastAppliedOriginRevision?: string;
  lastAttemptedRevision?: string;
  inventory?: ResourceInventory;
  /** At most five snapshots, newest first. */
  history?: Snapshot[];
}

/** A Kustomization object. */
export interface Kustomization {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1';
  kind: 'Kustomization';
  metadata: ObjectMeta;
  spec: KustomizationSpec;
  status?: KustomizationStatus;
}
