// ssa: server-side apply field management, as the Kubernetes API server does it (structured-merge-
// diff v4 and apimachinery's managedfields): field sets and their FieldsV1 encoding, merging an
// applied configuration, conflicts, pruning, and keeping metadata.managedFields on every write.
// It is a pure library over JSON values and schema types: it must never do I/O, read the clock
// (callers pass `now`), know about storage or HTTP, or import another folder besides lib and the
// schema types.
export { applyConfiguration, type ApplyOptions, type ApplyResult } from './apply.js';
export { recordUpdate, baseManagedFields } from './update.js';
export type { UpdateOptions, UpdateResult, BaseManagedFieldsOptions } from './update.js';
export { fieldsOf } from './fields-of.js';
export { compareObjects, type Comparison } from './compare.js';
export { mergeObjects } from './merge.js';
export { ApplyConflictError, conflictMessage, type ApplyConflict, type ConflictCause } from './conflict.js';
export { SsaBadRequestError, SsaInvalidObjectError, ManagedFieldsInvalidError } from './errors.js';
export {
  parseManagedFields,
  managerIdentity,
  describeManager,
  formatTime,
  type ManagedFieldsEntry,
  type ManagedFieldsOperation,
} from './managed-fields.js';
export { toFieldsV1, fromFieldsV1, FieldsV1Error, type FieldsV1 } from './fields-v1.js';
export {
  emptyFieldSet,
  fieldSetFromPaths,
  union,
  intersection,
  difference,
  recursiveDifference,
  isEmptySet,
  hasPath,
  listPaths,
  setsEqual,
  type FieldSet,
} from './field-set.js';
export {
  fieldElement,
  keyElement,
  valueElement,
  indexElement,
  makePath,
  pathToString,
  elementKey,
  type PathElement,
  type FieldPath,
  type KeyField,
} from './path.js';
export { SERVER_OWNED_FIELDS, topLevelFields, withManagedFields } from './ownership.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
