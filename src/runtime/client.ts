// The slice of the Kubernetes client the runtime needs, declared structurally so that the runtime
// depends on a shape, not on src/kube: `KubeClient` from src/kube satisfies `RuntimeClient` as is,
// and unit tests can pass a small in-memory fake.

/** The metadata fields the runtime reads (a subset of Kubernetes' ObjectMeta). */
export interface RuntimeObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  annotations?: Record<string, string>;
}

/** Any Kubernetes object as JSON (the shape of src/kube's KubeObject). */
export interface RuntimeObject {
  apiVersion: string;
  kind: string;
  metadata: RuntimeObjectMeta;
  [key: string]: unknown;
}

/** An object an event is about: any typed Kubernetes object fits (no index signature needed). */
export type EventSubject = Pick<RuntimeObject, 'apiVersion' | 'kind' | 'metadata'>;

/** Names one object (the shape of src/kube's ObjectRef). */
export interface RuntimeObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The KubeClient methods the runtime calls, with KubeClient's signatures. */
export interface RuntimeClient {
  /** Resolves undefined on 404. */
  get(ref: RuntimeObjectRef): Promise<RuntimeObject | undefined>;
  create(obj: RuntimeObject, options?: { dryRun?: boolean; fieldManager?: string }): Promise<RuntimeObject>;
  mergePatch(ref: RuntimeObjectRef, patch: object, options?: { subresource?: 'status'; fieldManager?: string }): Promise<RuntimeObject>;
  /** PUT; rejects with status 409 when the resourceVersion is stale. */
  replace(obj: RuntimeObject, options?: { subresource?: 'status' }): Promise<RuntimeObject>;
}

/** The HTTP status of a failed API call (src/kube's KubeApiError carries it as `status`). */
export function apiErrorStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Names an object for logs and keys: `Kind/namespace/name` (namespace left out when cluster-scoped). */
export function describeRef(ref: RuntimeObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}
