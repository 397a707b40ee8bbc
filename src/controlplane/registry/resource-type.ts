// What the control plane knows about one served resource: its names, scope, verbs and extras.

/** A printer column as a CRD declares it (additionalPrinterColumns). */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly jsonPath: string;
}

/** Where a resource's scale subresource reads and writes replicas. */
export interface ScaleSubresource {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

/** One served resource in one version. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  /** Lower-case plural: the path segment (`deployments`). */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  /** Writes to `status` go through the status subresource only, and change no generation. */
  readonly statusSubresource: boolean;
  readonly scale?: ScaleSubresource;
  /** Served from a CustomResourceDefinition (no strategic merge patch; JSON schema from the CRD). */
  readonly custom: boolean;
  /** Create-only kinds answered by the server and never stored (SelfSubjectAccessReview…). */
  readonly virtual?: boolean;
  readonly printerColumns?: readonly PrinterColumn[];
  /** The CRD's openAPIV3Schema for this version, when it has one. */
  readonly openAPIV3Schema?: unknown;
  /**
   * Storage revision at which a CRD's version was registered: objects stored after it were
   * pruned and defaulted with this schema when written; older ones are completed when read.
   */
  readonly registeredAt?: number;
}

/** The verbs of an ordinary stored resource. */
export const STORED_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

/** `apps/v1` or `v1` for the core group. */
export function groupVersionOf(type: { group: string; version: string }): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** Storage is shared by every version of a resource: one key space per group and plural. */
export function storagePrefix(type: { group: string; plural: string }): string {
  return `${type.group === '' ? 'core' : type.group}/${type.plural}/`;
}
