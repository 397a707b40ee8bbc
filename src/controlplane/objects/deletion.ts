// The delete verb: preconditions, propagation policy and finalizers. An object with finalizers is
// only marked (deletionTimestamp) and goes when the last finalizer is removed; dependents are
// handled by the garbage collector according to the policy.
// https://kubernetes.io/docs/concepts/architecture/garbage-collection/
import { ApiError } from '../api-error.js';
import type { ResourceType } from '../registry/index.js';
import type { KubeObject } from './kube-object.js';
import type { ObjectStore } from './object-store.js';

/** The fields of metav1.DeleteOptions the control plane honours. */
export interface DeleteOptions {
  readonly propagationPolicy?: string;
  readonly orphanDependents?: boolean;
  readonly preconditions?: { uid?: string; resourceVersion?: string };
  readonly dryRun?: boolean;
}

/** Finalizers the API server itself understands. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/** The result of a delete: the last state, and whether the object is gone already. */
export interface DeleteResult {
  readonly object: KubeObject;
  readonly gone: boolean;
}

function policyOf(options: DeleteOptions): string {
  if (options.propagationPolicy !== undefined) {
    if (!['Foreground', 'Background', 'Orphan'].includes(options.propagationPolicy)) {
      throw ApiError.invalid('DeleteOptions', 'meta.k8s.io', '', [
        { reason: 'FieldValueNotSupported', field: 'propagationPolicy', message: `Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"` },
      ]);
    }
    return options.propagationPolicy;
  }
  return options.orphanDependents ? 'Orphan' : 'Background';
}

/** Deletes an object as the DELETE verb does. */
export function deleteObject(store: ObjectStore, type: ResourceType, namespace: string, name: string, options: DeleteOptions): DeleteResult {
  const current = store.read(type, namespace, name);
  const meta = current.object.metadata;
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== meta.uid) {
    throw ApiError.conflict(type, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
    throw ApiError.conflict(type, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`);
  }
  const policy = policyOf(options);
  const finalizers = [...(meta.finalizers ?? [])];
  const policyFinalizer = policy === 'Foreground' ? FOREGROUND_FINALIZER : policy === 'Orphan' ? ORPHAN_FINALIZER : undefined;
  if (policyFinalizer && !finalizers.includes(policyFinalizer)) finalizers.push(policyFinalizer);
  const specFinalizers = type.kind === 'Namespace' && type.group === '' ? ((current.object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []) : [];
  if (finalizers.length === 0 && specFinalizers.length === 0) {
    return { object: store.remove(type, current, options.dryRun), gone: true };
  }
  const object = store.markDeleting(type, current, finalizers, options.dryRun ?? false);
  return { object, gone: false };
}
