// merge: the patch engines of the API server — RFC 7386 merge patch, RFC 6902 JSON patch and
// Kubernetes strategic merge patch — as pure functions over plain JSON values.
// This folder must never do I/O, know about HTTP, storage or resource types, or modify its
// inputs; failures are typed errors (MergeError) that carry the Status the HTTP layer answers.
export { applyMergePatch } from './merge-patch.js';
export { applyJsonPatch } from './json-patch.js';
export { applyStrategicMergePatch } from './strategic-merge-patch.js';
export { JsonPatchError, MergeError, StrategicMergePatchError } from './errors.js';
export type { MergeErrorReason, StrategicMergePatchErrorKind } from './errors.js';
export type { JsonObject } from './json-value.js';
