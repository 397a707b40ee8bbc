// Kubernetes strategic merge patch (application/strategic-merge-patch+json), as implemented by
// k8s.io/apimachinery/pkg/util/strategicpatch and used by the API server for built-in kinds:
// maps merge recursively and `null` deletes; lists follow the field's patch strategy (see
// smp-lists.ts); the directives $patch, $retainKeys, $setElementOrder/<list> and
// $deleteFromPrimitiveList/<list> are honoured and never left in the result.
// https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
//
// Where the Go code keeps a raw patch value (a key the original lacks, `$patch: replace`), this
// engine merges the value into nothing instead, which drops its nulls and processes its
// directives; the API server reaches the same result by decoding into typed structs.
import type { SchemaType, StructType } from '../schema/index.js';
import { StrategicMergePatchError } from './errors.js';
import { deepClone, isJsonObject, setOwn, type JsonObject } from './json-value.js';
import { deleteFromPrimitiveList, directiveField, materializeList, mergeListField, orderListsBySetElementOrder, type Merger } from './smp-lists.js';
import { fieldMeta, type FieldMeta } from './smp-schema.js';

const RETAIN_KEYS = '$retainKeys';
const SET_ORDER_PREFIX = '$setElementOrder';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';

function shapeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

// `$patch` on a map: replace it with the patch, or empty it.
function mapDirective(patch: JsonObject, type: SchemaType | undefined): JsonObject {
  const directive = patch.$patch;
  if (directive === 'replace') {
    delete patch.$patch;
    return mergeMap({}, patch, type);
  }
  if (directive === 'delete') return {};
  throw StrategicMergePatchError.badPatchType(directive, patch);
}

// $retainKeys: clear the original's keys that are not listed; every key the patch sets must be listed.
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw new StrategicMergePatchError('retain-keys', 'invalid patch format of retainKeys');
  const keep = new Set(listed);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_PRIMITIVE_PREFIX) || key.startsWith(SET_ORDER_PREFIX)) continue;
    if (!keep.has(key)) throw new StrategicMergePatchError('retain-keys', 'invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

function materialize(value: unknown, meta: FieldMeta): unknown {
  if (isJsonObject(value)) return mergeMap({}, value, meta.type);
  if (Array.isArray(value)) return materializeList(value, meta, MERGER);
  return value;
}

function mergeField(original: JsonObject, key: string, value: unknown, meta: FieldMeta): void {
  if (value === null) {
    delete original[key];
    return;
  }
  const current = Object.hasOwn(original, key) ? original[key] : undefined;
  let merged: unknown;
  if (current === undefined || shapeOf(current) !== shapeOf(value)) merged = materialize(value, meta);
  else if (isJsonObject(value)) merged = meta.strategy === 'replace' ? materialize(value, meta) : mergeMap(current as JsonObject, value, meta.type);
  else if (Array.isArray(value)) merged = mergeListField(current as unknown[], value, meta, MERGER);
  else merged = value;
  setOwn(original, key, merged);
}

// Merges `patch` into `original` in place (both are private copies) and returns the result,
// which is a new object only when a $patch directive replaces the map.
function mergeMap(original: JsonObject, patch: JsonObject, type: SchemaType | undefined): JsonObject {
  if (Object.hasOwn(patch, '$patch')) return mapDirective(patch, type);
  applyRetainKeys(original, patch);
  orderListsBySetElementOrder(original, patch, type, MERGER);
  const deletions: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_PRIMITIVE_PREFIX)) deletions.push([directiveField(key, DELETE_PRIMITIVE_PREFIX), value]);
    else mergeField(original, key, value, fieldMeta(type, key));
  }
  // Deletions come last so that a value both added and deleted ends up deleted.
  for (const [field, values] of deletions) deleteFromPrimitiveList(original, field, values);
  return original;
}

const MERGER: Merger = { mergeMap, materialize };

/** Applies a strategic merge patch to `original` using `schema` (undefined: every field is unknown); neither input is modified. */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: StructType | undefined): JsonObject {
  if (!isJsonObject(patch)) throw new StrategicMergePatchError('bad-json-doc', 'invalid JSON document');
  if (original !== undefined && original !== null && !isJsonObject(original)) throw new StrategicMergePatchError('bad-json-doc', 'invalid JSON document');
  return mergeMap(deepClone(original ?? {}), deepClone(patch), schema);
}

