// What strategic merge patch needs to know about a field: its type, its patch strategy and its
// merge key. Fields without a schema (unknown to Weir) get none, so they merge like JSON merge
// patch: objects recursively, lists replaced.
import type { FieldSchema, SchemaType } from '../schema/index.js';
import { StrategicMergePatchError } from './errors.js';

/** How one field merges. */
export interface FieldMeta {
  /** The field's type; undefined when the schema does not know the field. */
  readonly type: SchemaType | undefined;
  /** `merge` merges lists by key (or as sets), `replace` replaces maps whole; undefined is the default. */
  readonly strategy: 'merge' | 'replace' | undefined;
  /** x-kubernetes-patch-merge-key. */
  readonly mergeKey: string | undefined;
}

/** A field nothing is known about. */
export const UNKNOWN_FIELD: FieldMeta = { type: undefined, strategy: undefined, mergeKey: undefined };

function lookup(parent: SchemaType | undefined, key: string): FieldSchema | undefined {
  if (parent?.kind === 'struct') return parent.fields[key] ?? (parent.otherFields ? { type: parent.otherFields } : undefined);
  if (parent?.kind === 'map') return { type: parent.values };
  return undefined;
}

// retainKeys is handled by the $retainKeys directive the patch carries; at most one other
// strategy may remain (extractRetainKeysPatchStrategy in k8s.io/apimachinery strategicpatch).
function strategyOf(strategies: readonly string[] = []): FieldMeta['strategy'] {
  const rest = strategies.filter((s) => s !== 'retainKeys');
  if (rest.length > 1) throw new StrategicMergePatchError('patch-strategy', `unexpected patch strategy: [${strategies.join(' ')}]`);
  return rest[0] === 'merge' || rest[0] === 'replace' ? rest[0] : undefined;
}

/** The merge metadata of `key` inside a value of type `parent`. */
export function fieldMeta(parent: SchemaType | undefined, key: string): FieldMeta {
  const field = lookup(parent, key);
  if (!field) return UNKNOWN_FIELD;
  return { type: field.type, strategy: strategyOf(field.patchStrategies), mergeKey: field.patchMergeKey };
}

/** The merge metadata of the items of a list field (items carry no strategy of their own). */
export function itemMeta(list: FieldMeta): FieldMeta {
  return list.type?.kind === 'list' ? { ...UNKNOWN_FIELD, type: list.type.items } : UNKNOWN_FIELD;
}
