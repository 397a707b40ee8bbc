// The contract between the object store and field management (managedFields): who owns which
// fields after a write. The implementation lives in ../ssa; the store only calls these.
import type { ResourceType } from '../registry/index.js';
import type { KubeObject } from './kube-object.js';

/** Who is writing, and through which subresource. */
export interface Writer {
  readonly manager: string;
  readonly subresource?: string;
}

/** Keeps metadata.managedFields in step with writes. */
export interface FieldOwnership {
  /** managedFields after a create or update by `writer` (before is undefined on create). */
  recordUpdate(type: ResourceType, before: KubeObject | undefined, after: KubeObject, writer: Writer, now: Date): unknown[] | undefined;
  /** Server-side apply: the merged object (with managedFields set), or a conflict error. */
  apply(type: ResourceType, live: KubeObject | undefined, config: KubeObject, writer: Writer & { force: boolean }, now: Date): KubeObject;
}
