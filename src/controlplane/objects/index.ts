// objects: Kubernetes object semantics over the storage backend — stamping, validation,
// optimistic concurrency, finalizers, selectors and lists. It never speaks HTTP.
export { deleteObject, FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type DeleteOptions, type DeleteResult } from './deletion.js';
export type { FieldOwnership, Writer } from './field-ownership.js';
export { parseFieldSelector, fieldValue } from './field-selector.js';
export { asKubeObject, cloneObject, jsonEqual, timestamp, type KubeObject, type ObjectMeta, type OwnerReference } from './kube-object.js';
export { parseLabelSelector, matchesLabels } from './label-selector.js';
export { compileFilter, listObjects, type ListPage, type ListQuery, type ObjectFilter } from './list-query.js';
export { tracksGeneration, type WriteScope } from './object-rules.js';
export { ObjectStore, type KindHooks, type ReadObject, type WriteOptions } from './object-store.js';
