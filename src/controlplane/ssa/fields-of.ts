// The fields an object sets: what an applier comes to own. Leaves are members; so are list items
// and the entries of maps that are not struct fields (labels, data), because those can be added
// and removed one by one. Declared struct fields are not members themselves (`.spec` never is).
import type { SchemaType } from '../../apimachinery/index.js';
import { insertPath, newFieldSet, type FieldSet, type MutableFieldSet } from './field-set.js';
import { fieldElement, type FieldPath } from './path.js';
import { entriesOf, itemsOf, listItemElement, resolveNode } from './schema-walk.js';

/** The set of fields `value` sets, read through `schema` (the root type of the object). */
export function fieldsOf(value: unknown, schema: SchemaType): FieldSet {
  const set = newFieldSet();
  walk(value, schema, [], set);
  return set;
}

function walk(value: unknown, type: SchemaType, path: FieldPath, set: MutableFieldSet): void {
  const shape = resolveNode(type, value);
  switch (shape.kind) {
    case 'leaf':
      insertPath(set, path);
      return;
    case 'map':
      for (const [key, child] of entriesOf(value)) {
        const childPath = [...path, fieldElement(key)];
        const { type: childType, named } = shape.child(key);
        walk(child, childType, childPath, set);
        if (!named) insertPath(set, childPath);
      }
      return;
    case 'list':
      itemsOf(value).forEach((item, index) => {
        const itemPath = [...path, listItemElement(shape.list, item, path, index)];
        walk(item, shape.list.items, itemPath, set);
        insertPath(set, itemPath);
      });
      return;
  }
}
