// The shapes every user of the API client shares: objects of any kind, references to one object
// or to a type of objects, and watch events. Kept structural so that typed Flux objects fit.
import type { ObjectMeta } from '../api/index.js';

/** Object metadata as the client needs it: src/api's ObjectMeta plus the fields only the client reads. */
export interface KubeObjectMeta extends ObjectMeta {
  generateName?: string;
  ownerReferences?: Array<Record<string, unknown>>;
  managedFields?: Array<Record<string, unknown>>;
}

/** An object of any kind, as the API server serves it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

/** Names one object. `namespace` is ignored for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Names a collection: one kind, in one namespace (or all of them), optionally filtered. */
export interface TypeRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** One event of a watch stream; for ERROR, `object` is a Status. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** How messages name an object: `GitRepository/flux-system/podinfo`, or `Namespace/apps`. */
export function describeRef(ref: { kind: string; namespace?: string; name?: string }): string {
  const parts = [ref.kind, ...(ref.namespace ? [ref.namespace] : []), ...(ref.name !== undefined ? [ref.name] : [])];
  return parts.join('/');
}

/** How messages name a collection: `ConfigMap in default`, or `Namespace` for all of them. */
export function describeType(type: TypeRef): string {
  return type.namespace ? `${type.kind} in ${type.namespace}` : type.kind;
}
