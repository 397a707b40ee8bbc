// kube: the client side of the Kubernetes API — kubeconfig loading, a generic object client over
// discovery (CRUD, server-side apply, patches, the status subresource, watches) and informers that
// keep a local cache of a collection. It talks to any API server over HTTP only: it must never
// import the embedded control plane (src/controlplane) nor know about controllers or Flux kinds.
export { KubeClient, type ListPage } from './client.js';
export { KubeApiError, isKubeApiError } from './errors.js';
export { Informer, objectKey, type InformerOptions } from './informer.js';
export { loadKubeConfig, type KubeConfigOptions } from './kubeconfig.js';
export type { WatchHandle } from './watch-stream.js';
export { describeRef, describeType, type KubeObject, type KubeObjectMeta, type ObjectRef, type TypeRef, type WatchEvent } from './types.js';
export { computeStatus, SCHEDULE_WINDOW_MS, type ComputeStatusOptions, type KstatusCondition, type KstatusResult, type KstatusStatus } from './kstatus.js';
