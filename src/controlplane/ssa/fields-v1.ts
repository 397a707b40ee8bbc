// FieldsV1: the JSON trie metadata.managedFields[].fieldsV1 carries. Each key is a path element
// (`f:`, `k:`, `v:`, `i:`); `{}` marks a member; a node that is a member and also has children
// says so with a `".": {}` entry, written first as the current API server writes it.
import { WeirError } from '../../lib/index.js';
import { insertPath, newFieldSet, sortedNode, type FieldSet, type MutableFieldSet } from './field-set.js';
import {
  compareElements,
  elementKey,
  fieldElement,
  indexElement,
  keyElement,
  valueElement,
  type PathElement,
} from './path.js';
import { isObject, type JsonObject } from './value.js';

/** A FieldsV1 trie, as it appears in JSON. */
export type FieldsV1 = { [key: string]: FieldsV1 };

/** The FieldsV1 text could not be read as a field set. */
export class FieldsV1Error extends WeirError {
  constructor(message: string) {
    super('controlplane.ssa.invalid-fieldsv1', message, {
      hint: 'metadata.managedFields[].fieldsV1 keys look like "f:name", "k:{...}", "v:<json>" or "i:<n>".',
    });
  }
}

/** Serializes a field set exactly as the API server writes fieldsV1. */
export function toFieldsV1(set: FieldSet): FieldsV1 {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): FieldsV1 {
  const out: FieldsV1 = {};
  const { members, children } = sortedNode(set);
  if (includeSelf && (members.length > 0 || children.length > 0)) out['.'] = {};
  // Members and children are written in one merged element order; an element that is both
  // gets its children with a "." marker.
  const childByKey = new Map(children.map((c) => [elementKey(c.element), c]));
  const memberKeys = new Set(members.map(elementKey));
  const ordered = mergeSorted(members, children.map((c) => c.element));
  for (const element of ordered) {
    const key = elementKey(element);
    const child = childByKey.get(key);
    out[key] = child === undefined ? {} : emit(child.set, memberKeys.has(key));
  }
  return out;
}

// The union of member and child elements (an element may be both), in the server's order.
function mergeSorted(members: readonly PathElement[], children: readonly PathElement[]): PathElement[] {
  const byKey = new Map<string, PathElement>();
  for (const element of [...members, ...children]) byKey.set(elementKey(element), element);
  return [...byKey.values()].sort(compareElements);
}

/** Reads a fieldsV1 trie into a field set; throws FieldsV1Error when it is malformed. */
export function fromFieldsV1(value: unknown): FieldSet {
  if (value === null || value === undefined) return newFieldSet();
  if (!isObject(value)) throw new FieldsV1Error('expected object');
  return readNode(value, '').set ?? newFieldSet();
}

// Returns the node's children (undefined when it has none) and whether it is itself a member.
function readNode(node: JsonObject, where: string): { set?: MutableFieldSet; member: boolean } {
  let set: MutableFieldSet | undefined;
  let member = false;
  for (const [key, child] of Object.entries(node)) {
    if (key === '.') {
      member = true;
      continue;
    }
    const element = parseElementKey(key, where);
    if (element === undefined) continue; // unknown element kinds are dropped, as upstream does
    if (child !== null && !isObject(child)) throw new FieldsV1Error(`${where}${key}: expected object`);
    const read = child === null ? { member: true } : readNode(child, `${where}${key}/`);
    set ??= newFieldSet();
    if (read.member) insertPath(set, [element]);
    if (read.set !== undefined) set.children.set(elementKey(element), { element, set: read.set });
  }
  // A node with no children at all (`{}`) is a member.
  return set === undefined ? { member: true } : { set, member };
}

/** Parses one FieldsV1 key; undefined for a well-formed key of an unknown kind. */
export function parseElementKey(key: string, where = ''): PathElement | undefined {
  if (key.length < 2) throw new FieldsV1Error(`${where}${key}: key must be 2 characters long`);
  if (key[1] !== ':') throw new FieldsV1Error(`${where}${key}: missing colon`);
  const body = key.slice(2);
  switch (key[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(parseJson(body, key, where));
    case 'k': {
      const fields = parseJson(body, key, where);
      if (!isObject(fields)) throw new FieldsV1Error(`${where}${key}: key must be a JSON object`);
      return keyElement(fields);
    }
    case 'i':
      if (!/^[+-]?\d+$/.test(body)) throw new FieldsV1Error(`${where}${key}: index must be an integer`);
      return indexElement(Number(body));
    default:
      return undefined;
  }
}

function parseJson(text: string, key: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FieldsV1Error(`${where}${key}: ${(err as Error).message}`);
  }
}
