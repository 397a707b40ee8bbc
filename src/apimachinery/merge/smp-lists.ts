// Lists under strategic merge patch. A list whose field has the `merge` strategy merges: items
// of objects are matched by the merge key (`$patch: delete` items remove, a `$patch: replace`
// item replaces the whole list), lists of scalars become set unions. Other lists are replaced.
// Order follows strategicpatch: patch items in patch order, interleaved with the items only the
// server has in their live order (new items therefore come first), and `$setElementOrder/<list>`
// (which kubectl sends) overrides both.
// https://github.com/kubernetes/design-proposals-archive/blob/main/cli/preserve-order-in-strategic-merge-patch.md
import type { SchemaType } from '../schema/index.js';
import { StrategicMergePatchError } from './errors.js';
import { goFormat, isJsonObject, type JsonObject } from './json-value.js';
import { fieldMeta, itemMeta, type FieldMeta } from './smp-schema.js';

/** The key of the `$patch` directive. */
export const DIRECTIVE = '$patch';

/** The map half of the engine, which list merging calls back into. */
export interface Merger {
  mergeMap(original: JsonObject, patch: JsonObject, type: SchemaType | undefined): JsonObject;
  /** The value a patch value becomes when merged into nothing. */
  materialize(value: unknown, meta: FieldMeta): unknown;
}

/** The list field named by `$setElementOrder/<field>` or `$deleteFromPrimitiveList/<field>`. */
export function directiveField(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    const what = prefix === '$setElementOrder' ? 'setElementOrder list' : 'primitive list';
    throw new StrategicMergePatchError(prefix === '$setElementOrder' ? 'set-element-order' : 'primitive-list', `invalid patch format of ${what}`);
  }
  return key.slice(slash + 1);
}

// All items of the lists must be of one JSON type, and not lists (strategicpatch sliceElementType).
function holdsObjects(...lists: unknown[][]): boolean {
  let kind: string | undefined;
  for (const item of lists.flat()) {
    const k = Array.isArray(item) ? 'array' : item === null ? 'null' : typeof item;
    if (k === 'array') throw new StrategicMergePatchError('list-of-lists', 'lists of lists are not supported');
    if (kind !== undefined && k !== kind) throw new StrategicMergePatchError('mixed-list', `list element types are not identical: ${goFormat(lists)}`);
    kind = k;
  }
  return kind === 'object';
}

function keyOf(item: unknown, key: string): unknown {
  return isJsonObject(item) ? item[key] : undefined;
}

function requireKey(item: unknown, key: string): JsonObject {
  if (!isJsonObject(item)) throw StrategicMergePatchError.badArgType('map', item);
  if (!Object.hasOwn(item, key)) throw StrategicMergePatchError.noMergeKey(item, key);
  return item;
}

function isDeleteItem(item: unknown): boolean {
  return isJsonObject(item) && item[DIRECTIVE] === 'delete';
}

// Items identify themselves by merge key value (objects) or by value (scalars).
function indexIn(list: unknown[], item: unknown, key: string | undefined): number {
  return key === undefined ? list.indexOf(item) : list.findIndex((other) => keyOf(other, key) === keyOf(item, key));
}

function partition(merged: unknown[], by: unknown[], key: string | undefined): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const item of merged) {
    if (key !== undefined) requireKey(item, key);
    (indexIn(by, item, key) >= 0 ? inBy : rest).push(item);
  }
  return [inBy, rest];
}

// Stable sort by position in `order`; `$patch: delete` items go last, unknown items first.
function sortByOrder(items: unknown[], order: unknown[], key: string | undefined): unknown[] {
  if (key !== undefined) [...items, ...order].forEach((item) => requireKey(item, key));
  const deletes = items.filter(isDeleteItem);
  const ranked = items.filter((item) => !isDeleteItem(item)).map((item, i) => ({ item, i, at: indexIn(order, item, key) }));
  ranked.sort((a, b) => a.at - b.at || a.i - b.i);
  return [...ranked.map((r) => r.item), ...deletes];
}

// Interleaves server-only items (left) into patch items (right): a server item goes first only
// when both are in the live list and it comes first there (strategicpatch mergeSortedSlice).
function mergeSorted(left: unknown[], right: unknown[], serverOrder: unknown[], key: string | undefined): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const li = i < left.length ? indexIn(serverOrder, left[i], key) : -1;
    const ri = j < right.length ? indexIn(serverOrder, right[j], key) : -1;
    const takeLeft = j >= right.length || (i < left.length && li >= 0 && ri >= 0 && li < ri);
    out.push(takeLeft ? left[i++] : right[j++]);
  }
  return out;
}

function normalizeOrder(inPatch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], key: string | undefined): unknown[] {
  return mergeSorted(sortByOrder(serverOnly, serverOrder, key), sortByOrder(inPatch, patchOrder, key), serverOrder, key);
}

// `$patch` items of a merging list: delete matching items, or replace the list.
function applySpecialItems(original: unknown[], patch: unknown[], key: string, items: FieldMeta, merger: Merger): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let base = original;
  let replace = false;
  for (const item of patch) {
    if (!isJsonObject(item) || !Object.hasOwn(item, DIRECTIVE)) {
      plain.push(item);
    } else if (item[DIRECTIVE] === 'delete') {
      const value = requireKey(item, key)[key];
      base = base.filter((other) => keyOf(other, key) !== value);
    } else if (item[DIRECTIVE] === 'replace') {
      replace = true;
    } else if (item[DIRECTIVE] === 'merge') {
      throw new StrategicMergePatchError('bad-patch-type', 'merging lists cannot yet be specified in the patch');
    } else {
      throw StrategicMergePatchError.badPatchType(item[DIRECTIVE], item);
    }
  }
  return replace ? [plain.map((item) => merger.materialize(item, items)), []] : [base, plain];
}

function mergeByKey(base: unknown[], patch: unknown[], key: string, items: FieldMeta, merger: Merger): unknown[] {
  const merged = [...base];
  for (const item of patch) {
    const value = requireKey(item, key)[key];
    const at = merged.findIndex((other) => isJsonObject(other) && Object.hasOwn(other, key) && other[key] === value);
    if (at >= 0) merged[at] = merger.mergeMap(merged[at] as JsonObject, item as JsonObject, items.type);
    else merged.push(merger.materialize(item, items));
  }
  return merged;
}

function mergeSlice(original: unknown[], patch: unknown[], meta: FieldMeta, merger: Merger): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  if (!holdsObjects(original, patch)) {
    const union = [...original, ...patch].filter((v, i, all) => all.indexOf(v) === i);
    const [inPatch, serverOnly] = partition(union, patch, undefined);
    return normalizeOrder(inPatch, serverOnly, patch, original, undefined);
  }
  const key = meta.mergeKey;
  if (key === undefined) throw new StrategicMergePatchError('no-merge-key', 'cannot merge lists without merge key for type map');
  const items = itemMeta(meta);
  const [base, plain] = applySpecialItems(original, patch, key, items, merger);
  const merged = mergeByKey(base, plain, key, items, merger);
  const [inPatch, serverOnly] = partition(merged, plain, key);
  return normalizeOrder(inPatch, serverOnly, plain, base, key);
}

/** The list a patch list becomes when the field has no value yet. */
export function materializeList(patch: unknown[], meta: FieldMeta, merger: Merger): unknown[] {
  if (meta.strategy === 'merge') return mergeSlice([], patch, meta, merger);
  const items = itemMeta(meta);
  return patch.map((item) => merger.materialize(item, items));
}

/** Merges a patch list into the current list following the field's patch strategy. */
export function mergeListField(current: unknown[], patch: unknown[], meta: FieldMeta, merger: Merger): unknown[] {
  return meta.strategy === 'merge' ? mergeSlice(current, patch, meta, merger) : materializeList(patch, meta, merger);
}

// The items of the patch list must appear in the $setElementOrder list, in the same order
// (strategicpatch validatePatchWithSetOrderList).
function checkOrderList(patch: unknown[], order: unknown[], key: string | undefined): void {
  if (order.length === 0 || patch.length === 0) return;
  const kept = key === undefined ? patch : patch.filter((item) => !isDeleteItem(item));
  let p = 0;
  let o = 0;
  while (p < kept.length && o < order.length) {
    const item = kept[p];
    if (isJsonObject(item) && Object.hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (key === undefined ? item === order[o] : requireKey(item, key)[key] === requireKey(order[o], key)[key]) p++;
    o++;
  }
  if (p < kept.length) {
    throw new StrategicMergePatchError('set-element-order', `The order in patch list:\n${goFormat(patch)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`);
  }
}

function orderedList(merged: unknown[], order: unknown[], live: unknown[], meta: FieldMeta): unknown[] {
  const objects = merged.some(isJsonObject);
  // Objects without a merge key cannot be matched against the order list.
  if (objects && meta.mergeKey === undefined) return merged;
  const key = objects ? meta.mergeKey : undefined;
  const [inOrder, serverOnly] = partition(merged, order, key);
  return normalizeOrder(inOrder, serverOnly, order, live, key);
}

function listOrUndefined(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw StrategicMergePatchError.badArgType('list', value);
  return value;
}

/** Processes every `$setElementOrder/<list>` of a patch map: merges that list now, in the order given, and removes both keys from the patch. */
export function orderListsBySetElementOrder(original: JsonObject, patch: JsonObject, type: SchemaType | undefined, merger: Merger): void {
  for (const directive of Object.keys(patch).filter((k) => k.startsWith('$setElementOrder'))) {
    const order = patch[directive];
    delete patch[directive];
    const field = directiveField(directive, '$setElementOrder');
    if (!Array.isArray(order)) throw StrategicMergePatchError.badArgType('list', order);
    const meta = fieldMeta(type, field);
    const current = listOrUndefined(original[field]);
    const patchList = listOrUndefined(patch[field]);
    const objects = holdsObjects(order, patchList ?? []);
    if (!objects || meta.mergeKey !== undefined) checkOrderList(patchList ?? [], order, objects ? meta.mergeKey : undefined);
    let merged: unknown[];
    if (current && patchList) merged = mergeListField(current, patchList, meta, merger);
    else if (patchList) merged = materializeList(patchList, meta, merger);
    else if (current) merged = current;
    else continue;
    // A null list stays in the patch, where it deletes the field.
    if (patchList) delete patch[field];
    original[field] = orderedList(merged, order, current ?? [], meta);
  }
}

/** `$deleteFromPrimitiveList/<field>`: removes the listed scalars from the field's list. */
export function deleteFromPrimitiveList(original: JsonObject, field: string, values: unknown): void {
  // As in strategicpatch, a null deletion list deletes the whole field.
  if (values === null) {
    delete original[field];
    return;
  }
  const current = original[field];
  if (!Array.isArray(current) || !Array.isArray(values)) return;
  if (holdsObjects(current, values)) throw new StrategicMergePatchError('primitive-list', 'invalid patch format of primitive list');
  original[field] = current.filter((item) => !values.includes(item));
}
