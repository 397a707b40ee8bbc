// Field paths: how one step into an object is named (a field, a list-map item by its keys, a set
// item by its value, a list index), the order the API server sorts them in, and the two ways the
// server prints them: as FieldsV1 keys (`f:data`, `k:{"name":"a"}`) and in conflict messages
// (`.spec.containers[name="a"].image`).
import { canonicalJson, compareStrings, compareValues, goValueString, type JsonObject } from './value.js';

/** One key field of a list-map item: `{name: "containerPort", value: 80}`. */
export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

/** One step of a field path. Key fields are kept sorted by name, as the server keeps them. */
export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

/** A path from the object root to one field. */
export type FieldPath = readonly PathElement[];

/** A step into a field of an object or struct. */
export function fieldElement(name: string): PathElement {
  return { kind: 'field', name };
}

/** A step into a list-map item, identified by its key fields (sorted here). */
export function keyElement(fields: Readonly<Record<string, unknown>> | readonly KeyField[]): PathElement {
  const list: KeyField[] = Array.isArray(fields)
    ? [...(fields as readonly KeyField[])]
    : Object.entries(fields as JsonObject).map(([name, value]) => ({ name, value }));
  list.sort((a, b) => compareStrings(a.name, b.name));
  return { kind: 'key', fields: list };
}

/** A step into a set item, identified by its value. */
export function valueElement(value: unknown): PathElement {
  return { kind: 'value', value };
}

/** A step into a list item by position (only ever seen in atomic lists' old FieldsV1). */
export function indexElement(index: number): PathElement {
  return { kind: 'index', index };
}

/** Builds a path from strings (field names) and ready-made elements. */
export function makePath(...parts: ReadonlyArray<string | number | PathElement>): FieldPath {
  return parts.map((part) =>
    typeof part === 'string' ? fieldElement(part) : typeof part === 'number' ? indexElement(part) : part,
  );
}

const KIND_ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** The server's order of path elements: fields, then keys, then values, then indexes. */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return compareStrings(a.name, (b as typeof a).name);
    case 'key':
      return compareKeyFields(a.fields, (b as typeof a).fields);
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index': {
      const other = (b as typeof a).index;
      return a.index === other ? 0 : a.index < other ? -1 : 1;
    }
  }
}

// Key lists compare field by field (name, then value); the shorter list sorts first.
function compareKeyFields(a: readonly KeyField[], b: readonly KeyField[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i] as KeyField;
    const y = b[i] as KeyField;
    const c = compareStrings(x.name, y.name) || compareValues(x.value, y.value);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * The FieldsV1 key of an element (`f:name`, `k:{"a":1}`, `v:"x"`, `i:0`). It is canonical, so it
 * also serves as the element's identity in maps.
 */
export function elementKey(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `f:${element.name}`;
    case 'key':
      return `k:{${element.fields.map((f) => `${JSON.stringify(f.name)}:${canonicalJson(f.value)}`).join(',')}}`;
    case 'value':
      return `v:${canonicalJson(element.value)}`;
    case 'index':
      return `i:${element.index}`;
  }
}

/** One element as the server prints it in messages: `.data`, `[name="a"]`, `[="x"]`, `[0]`. */
export function elementToString(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `.${element.name}`;
    case 'key':
      return `[${element.fields.map((f) => `${f.name}=${goValueString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${goValueString(element.value)}]`;
    case 'index':
      return `[${element.index}]`;
  }
}

/** A path as the server prints it in conflict messages: `.spec.containers[name="a"].image`. */
export function pathToString(path: FieldPath): string {
  return path.map(elementToString).join('');
}
