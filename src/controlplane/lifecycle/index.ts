// lifecycle: what the API server and kube-controller-manager do on their own after writes —
// CRD establishment and cleanup, namespace termination, garbage collection through
// ownerReferences. It acts only through the object store, never over HTTP.
export { CRD_CLEANUP_FINALIZER, establishCrd, resourceTypesOfCrd, validateCrd } from './crd.js';
export { CrdController, CRD_PREFIX } from './crd-controller.js';
export { GarbageCollector } from './garbage-collector.js';
export { KIND_HOOKS } from './kind-hooks.js';
export { NamespaceController } from './namespace-controller.js';
