// What changed between two versions of an object, as field sets: leaves added, removed or given
// a new value, and granular containers (maps, list items) that appeared or disappeared. Ownership
// moves along these sets on every write.
import type { ListSchemaType, SchemaType } from '../../apimachinery/index.js';
import { insertPath, newFieldSet, recursiveDifference, type FieldSet, type MutableFieldSet } from './field-set.js';
import { fieldElement, type FieldPath } from './path.js';
import { indexItems, isEmptyContainer, resolveNode } from './schema-walk.js';
import { deepEqual, isObject } from './value.js';

/** The fields that differ between two objects. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

interface Out {
  readonly added: MutableFieldSet;
  readonly modified: MutableFieldSet;
  readonly removed: MutableFieldSet;
}

/** Compares `before` with `after` (undefined = absent) through `schema`. */
export function compareObjects(before: unknown, after: unknown, schema: SchemaType): Comparison {
  const out: Out = { added: newFieldSet(), modified: newFieldSet(), removed: newFieldSet() };
  if (before !== undefined || after !== undefined) compareNode(before, after, schema, [], out);
  return out;
}

/** True when nothing differs. */
export function isSame(c: Comparison): boolean {
  return c.added.members.size + c.modified.members.size + c.removed.members.size === 0 &&
    c.added.children.size + c.modified.children.size + c.removed.children.size === 0;
}

/** The comparison without any path in (or below) `ignored`: changes there move no ownership. */
export function excludeFields(c: Comparison, ignored: FieldSet | undefined): Comparison {
  if (ignored === undefined) return c;
  return {
    added: recursiveDifference(c.added, ignored),
    modified: recursiveDifference(c.modified, ignored),
    removed: recursiveDifference(c.removed, ignored),
  };
}

function leaf(lhs: unknown, rhs: unknown, path: FieldPath, out: Out): void {
  if (lhs === undefined) insertPath(out.added, path);
  else if (rhs === undefined) insertPath(out.removed, path);
  else if (!deepEqual(lhs, rhs)) insertPath(out.modified, path);
}

function compareNode(lhs: unknown, rhs: unknown, type: SchemaType, path: FieldPath, out: Out): void {
  const shape = resolveNode(type, lhs, rhs);
  // Two empty containers compare as one leaf, so `{}` versus absent is still a change.
  if (shape.kind === 'leaf' || (isEmptyContainer(lhs) && isEmptyContainer(rhs))) {
    leaf(lhs, rhs, path, out);
    return;
  }
  if (shape.kind === 'map') {
    const l = isObject(lhs) ? lhs : {};
    const r = isObject(rhs) ? rhs : {};
    for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const child = shape.child(key);
      const childPath = [...path, fieldElement(key)];
      compareNode(Object.hasOwn(l, key) ? l[key] : undefined, Object.hasOwn(r, key) ? r[key] : undefined, child.type, childPath, out);
    }
  } else {
    compareLists(lhs, rhs, shape.list, path, out);
  }
  // The container itself appears or disappears with its contents.
  if (lhs === undefined) insertPath(out.added, path);
  else if (rhs === undefined) insertPath(out.removed, path);
}

function compareLists(
  lhs: unknown,
  rhs: unknown,
  list: ListSchemaType,
  path: FieldPath,
  out: Out,
): void {
  const left = indexItems(lhs, list, path);
  const right = indexItems(rhs, list, path);
  for (const [key, { element, item }] of right) {
    compareNode(left.get(key)?.item, item, list.items, [...path, element], out);
  }
  for (const [key, { element, item }] of left) {
    if (!right.has(key)) compareNode(item, undefined, list.items, [...path, element], out);
  }
}
