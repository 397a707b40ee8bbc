// Merges an applied configuration into the live object: maps and structs field by field, list
// maps by key and sets by value (keeping the live order for items the config does not mention and
// the config's order for the ones it does), atomic values replaced whole. Nothing is removed here;
// removal is pruning's job (prune.ts).
import type { ListSchemaType, SchemaType } from '../../apimachinery/index.js';
import { SsaInvalidObjectError } from './errors.js';
import { elementKey, fieldElement, pathToString, type FieldPath } from './path.js';
import { indexItems, isEmptyContainer, itemsOf, listItemElement, resolveNode } from './schema-walk.js';
import { isObject, type JsonObject } from './value.js';

/** `config` merged over `live` (either may be undefined = absent). */
export function mergeObjects(live: unknown, config: unknown, schema: SchemaType): unknown {
  return mergeNode(live, config, schema, []);
}

function mergeNode(lhs: unknown, rhs: unknown, type: SchemaType, path: FieldPath): unknown {
  if (rhs === undefined) return lhs;
  const shape = resolveNode(type, lhs, rhs);
  if (shape.kind === 'list') rejectDuplicates(rhs, shape.list, path);
  if (shape.kind === 'leaf' || (isEmptyContainer(lhs) && isEmptyContainer(rhs))) return rhs;
  // Descend even when the live side is absent: the applied list items are checked on the way.
  return shape.kind === 'map' ? mergeMaps(lhs, rhs, shape.child, path) : mergeLists(lhs, rhs, shape.list, path);
}

function mergeMaps(lhs: unknown, rhs: unknown, child: (key: string) => { type: SchemaType }, path: FieldPath): unknown {
  const l: JsonObject = isObject(lhs) ? lhs : {};
  const r: JsonObject = isObject(rhs) ? rhs : {};
  const out: JsonObject = {};
  for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
    const value = mergeNode(
      Object.hasOwn(l, key) ? l[key] : undefined,
      Object.hasOwn(r, key) ? r[key] : undefined,
      child(key).type,
      [...path, fieldElement(key)],
    );
    if (value !== undefined) out[key] = value;
  }
  return out;
}

// An applied list may not name the same item twice (the live object may: it is kept as it is).
function rejectDuplicates(rhs: unknown, list: ListSchemaType, path: FieldPath): void {
  const seen = new Set<string>();
  itemsOf(rhs).forEach((item, index) => {
    const element = listItemElement(list, item, path, index);
    const key = elementKey(element);
    if (seen.has(key)) {
      throw new SsaInvalidObjectError(`${pathToString(path)}: duplicate entries for key ${pathToString([element])}`);
    }
    seen.add(key);
  });
}

/**
 * Merges two granular lists. Items only the live list has keep their place; items the config
 * names come in the config's order, each merged with its live counterpart.
 */
function mergeLists(lhs: unknown, rhs: unknown, list: ListSchemaType, path: FieldPath): unknown[] {
  const left = [...indexItems(lhs, list, path)];
  const right = [...indexItems(rhs, list, path)];
  const leftByKey = new Map(left);
  const rightByKey = new Map(right);
  const shared = right.map(([key]) => key).filter((key) => leftByKey.has(key));
  let nextShared = 0;
  const out: unknown[] = [];
  const take = (key: string): void => {
    const l = leftByKey.get(key);
    const r = rightByKey.get(key);
    const element = (r ?? l)!.element;
    out.push(mergeNode(l?.item, r?.item, list.items, [...path, element]));
    if (shared[nextShared] === key) nextShared++;
  };
  let li = 0;
  let ri = 0;
  while (li < left.length || ri < right.length) {
    const lKey = left[li]?.[0];
    const rKey = right[ri]?.[0];
    if (lKey !== undefined && lKey === rKey) {
      take(lKey);
      li++;
      ri++;
      continue;
    }
    if (lKey !== undefined && !rightByKey.has(lKey)) {
      take(lKey); // only in the live list: stays where it is
      li++;
      continue;
    }
    if (lKey !== undefined && (rKey === undefined || shared[nextShared] !== lKey)) {
      li++; // in both, but the config puts it later: it is taken when the config reaches it
      continue;
    }
    if (rKey !== undefined) {
      take(rKey);
      ri++;
    }
  }
  return out;
}
