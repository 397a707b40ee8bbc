// Types every Flux kind shares: object metadata, references and the artifact (fluxcd/pkg apis/meta).
import type { Condition } from './conditions.js';

/** The metadata Weir reads and writes on Flux objects (a subset of metav1.ObjectMeta). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
}

/** A referent in the same namespace. */
export interface LocalObjectReference {
  name: string;
}

/** A referent that may live in another namespace (defaults to the referrer's). */
export interface NamespacedObjectReference {
  name: string;
  namespace?: string;
}

/** A typed referent in any namespace (health checks). */
export interface NamespacedObjectKindReference {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** A key of a Secret in the same namespace (`key` defaults per use). */
export interface SecretKeyReference {
  name: string;
  key?: string;
}

/** Where a remote cluster's kubeconfig comes from: exactly one of the two. */
export interface KubeConfigReference {
  secretRef?: SecretKeyReference;
  configMapRef?: LocalObjectReference;
}

/** The output of a source reconciliation, served over HTTP by source-controller. */
export interface Artifact {
  /** `<lowercase kind>/<namespace>/<name>/<file>` relative to the storage root. */
  path: string;
  url: string;
  revision: string;
  /** `<algorithm>:<hex>`, e.g. `sha256:…`. */
  digest?: string;
  lastUpdateTime: string;
  size?: number;
  metadata?: Record<string, string>;
}

/** Status fields every reconciled kind carries. */
export interface ReconcileStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** The last requestedAt annotation value the controller handled. */
  lastHandledReconcileAt?: string;
}
