// Removes fields from an object: every member of the set goes with everything below it (a map
// entry, a struct field, a list item). A granular container emptied this way goes too, where the
// API server would leave a null that its typed encoding then drops.
import type { SchemaType } from '../../apimachinery/index.js';
import { hasPath, isEmptySet, withPrefix, type FieldSet } from './field-set.js';
import { fieldElement, type FieldPath } from './path.js';
import { itemsOf, listItemElement, resolveNode } from './schema-walk.js';
import { isObject, type JsonObject } from './value.js';

/** `value` without the fields in `toRemove` (undefined when nothing is left of a container). */
export function removeFields(value: unknown, toRemove: FieldSet, schema: SchemaType): unknown {
  return isEmptySet(toRemove) ? value : removeNode(value, toRemove, schema, []);
}

function removeNode(value: unknown, toRemove: FieldSet, type: SchemaType, path: FieldPath): unknown {
  const shape = resolveNode(type, value);
  if (shape.kind === 'map' && isObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const element = fieldElement(key);
      if (hasPath(toRemove, [element])) continue;
      const below = withPrefix(toRemove, element);
      const kept = isEmptySet(below) ? child : removeNode(child, below, shape.child(key).type, [...path, element]);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length === 0 && Object.keys(value).length > 0 ? undefined : out;
  }
  if (shape.kind === 'list' && Array.isArray(value)) {
    const out: unknown[] = [];
    itemsOf(value).forEach((item, index) => {
      const element = listItemElement(shape.list, item, path, index);
      if (hasPath(toRemove, [element])) return;
      const below = withPrefix(toRemove, element);
      const kept = isEmptySet(below) ? item : removeNode(item, below, shape.list.items, [...path, element]);
      if (kept !== undefined) out.push(kept);
    });
    return out.length === 0 && value.length > 0 ? undefined : out;
  }
  return value; // leaves, atomic values and nulls have nothing below them to remove
}
