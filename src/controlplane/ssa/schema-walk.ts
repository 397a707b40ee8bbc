// How each node of an object is treated for field management, decided by its schema type and,
// for `untyped` nodes, by the value itself (objects are granular maps, lists are atomic, as the
// API server deduces for schemaless custom resources).
import type { ListSchemaType, SchemaType } from '../../apimachinery/index.js';
import { SsaInvalidObjectError } from './errors.js';
import { insertPath, newFieldSet, type FieldSet, type MutableFieldSet } from './field-set.js';
import { elementKey, keyElement, pathToString, valueElement, type FieldPath, type KeyField, type PathElement } from './path.js';
import { isObject } from './value.js';

/** The type of a child of a map node, and whether it is a declared (named) struct field. */
export interface ChildType {
  readonly type: SchemaType;
  readonly named: boolean;
}

/** How a node is walked: as one leaf, as a map of children, or as a granular (set or map) list. */
export type NodeShape =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'map'; readonly child: (key: string) => ChildType }
  | { readonly kind: 'list'; readonly list: ListSchemaType };

/** The type of anything the schema says nothing about. */
export const UNTYPED: SchemaType = { kind: 'untyped' };

const LEAF: NodeShape = { kind: 'leaf' };

// A granular container accepts its own JSON shape, or null / absent (treated as empty).
function allAre(values: readonly unknown[], test: (v: unknown) => boolean): boolean {
  return values.every((v) => v === undefined || v === null || test(v));
}

/**
 * The shape of a node holding `values` (one per side of a merge or comparison; undefined = absent).
 * Values that contradict the schema are treated as leaves rather than rejected: validation is not
 * this library's job, and a whole-value replacement is the safe reading.
 */
export function resolveNode(type: SchemaType, ...values: unknown[]): NodeShape {
  switch (type.kind) {
    case 'scalar':
      return LEAF;
    case 'untyped':
      return allAre(values, isObject) ? { kind: 'map', child: () => ({ type: UNTYPED, named: false }) } : LEAF;
    case 'struct': {
      if (type.atomic === true || !allAre(values, isObject)) return LEAF;
      const other = type.otherFields ?? UNTYPED;
      return {
        kind: 'map',
        child: (key) => {
          const field = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
          return field === undefined ? { type: other, named: false } : { type: field.type, named: true };
        },
      };
    }
    case 'map':
      if (type.atomic === true || !allAre(values, isObject)) return LEAF;
      return { kind: 'map', child: () => ({ type: type.values, named: false }) };
    case 'list':
      if (type.listType === 'atomic' || !allAre(values, Array.isArray)) return LEAF;
      return { kind: 'list', list: type };
  }
}

/** True for null, undefined, `{}` and `[]`: containers the server treats as one leaf value. */
export function isEmptyContainer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/** The entries of a map node's value (none for null or absent). */
export function entriesOf(value: unknown): Array<[string, unknown]> {
  return isObject(value) ? Object.entries(value) : [];
}

/** The items of a list node's value (none for null or absent). */
export function itemsOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The element naming one item of a set or list-map; throws when the item cannot be named. */
export function listItemElement(list: ListSchemaType, item: unknown, path: FieldPath, index: number): PathElement {
  const fail = (message: string): never => {
    throw new SsaInvalidObjectError(`${pathToString(path)}: element ${index}: ${message}`);
  };
  const keys = list.listType === 'map' ? (list.mapKeys ?? []) : [];
  if (keys.length === 0) {
    // A set (or a map list without keys, which the server also treats as a set).
    if (isObject(item)) return fail("associative list without keys has an element that's a map type");
    if (Array.isArray(item)) return fail('not supported: associative list with lists as elements');
    if (item === null || item === undefined) return fail("associative list without keys has an element that's an explicit null");
    return valueElement(item);
  }
  if (item === null || item === undefined) return fail('associative list with keys may not have a null element');
  if (!isObject(item)) return fail('associative list with keys may not have non-map elements');
  const fields: KeyField[] = keys.map((name) => {
    if (Object.hasOwn(item, name)) return { name, value: item[name] };
    const fallback = keyDefault(list.items, name);
    if (fallback !== undefined) return { name, value: fallback };
    return fail(`associative list with keys has an element that omits key field "${name}" (and doesn't have default value)`);
  });
  return keyElement(fields);
}

/**
 * The schema default of a key field, which stands in for a missing key (upstream keys a container
 * port without `protocol` as TCP this way). FieldSchema has no `default` yet; one is read if present.
 */
function keyDefault(items: SchemaType, name: string): unknown {
  if (items.kind !== 'struct') return undefined;
  const field = items.fields[name] as { readonly default?: unknown } | undefined;
  return field?.default ?? undefined;
}

/** The type of a child reached by `element` from a node of `type`, or undefined if unknown. */
export function childTypeOf(type: SchemaType, element: PathElement): SchemaType | undefined {
  if (element.kind === 'field') {
    if (type.kind === 'struct') return type.fields[element.name]?.type ?? type.otherFields ?? UNTYPED;
    if (type.kind === 'map') return type.values;
    if (type.kind === 'untyped') return UNTYPED;
    return undefined;
  }
  return type.kind === 'list' ? type.items : undefined;
}

/**
 * Adds, as members, the declared struct fields that lead to members (`.spec` when `.spec.x` is in
 * the set). Field sets leave them out, but pruning must be able to remove them as whole fields.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: SchemaType | undefined): FieldSet {
  const out: MutableFieldSet = newFieldSet();
  for (const [key, element] of set.members) out.members.set(key, element);
  for (const [key, child] of set.children) {
    if (type?.kind === 'struct' && child.element.kind === 'field' && Object.hasOwn(type.fields, child.element.name)) {
      insertPath(out, [child.element]);
    }
    const childType = type === undefined ? undefined : childTypeOf(type, child.element);
    out.children.set(key, { element: child.element, set: ensureNamedFieldsAreMembers(child.set, childType) as MutableFieldSet });
  }
  return out;
}

/** A granular list's items by element key; later duplicates of a key are ignored. */
export function indexItems(
  value: unknown,
  list: ListSchemaType,
  path: FieldPath,
): Map<string, { element: PathElement; item: unknown }> {
  const byKey = new Map<string, { element: PathElement; item: unknown }>();
  itemsOf(value).forEach((item, index) => {
    const element = listItemElement(list, item, path, index);
    const key = elementKey(element);
    if (!byKey.has(key)) byKey.set(key, { element, item });
  });
  return byKey;
}
