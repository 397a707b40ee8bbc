// Pruning after an apply: a field goes when the applier set it last time, does not set it now,
// and no manager (applier or updater, the applier's new set included) owns it any more. Follows
// structured-merge-diff's Updater.prune: remove what the applier owned, add back what someone
// owns, then add back anything the applier never owned.
import type { SchemaType } from '../../apimachinery/index.js';
import { difference, intersection, isEmptySet, union, type FieldSet } from './field-set.js';
import { fieldsOf } from './fields-of.js';
import { removeFields } from './remove.js';
import { ensureNamedFieldsAreMembers } from './schema-walk.js';

/** Options of {@link pruneApplied}. */
export interface PruneOptions {
  /** The merged object (live with the config applied). */
  readonly merged: unknown;
  /** What the applier owned before this apply. */
  readonly lastApplied: FieldSet | undefined;
  /** Union of every manager's set after this apply (the applier's new set included). */
  readonly ownedByAnyone: FieldSet;
  readonly schema: SchemaType;
}

/** The merged object without the fields the applier dropped and nobody else owns. */
export function pruneApplied({ merged, lastApplied, ownedByAnyone, schema }: PruneOptions): unknown {
  if (lastApplied === undefined || isEmptySet(lastApplied)) return merged;
  // Struct fields are made members so that a whole dropped field (`.spec.strategy`) can go.
  const named = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, schema);
  const last = named(lastApplied);
  const mergedSet = named(fieldsOf(merged, schema));

  const stripped = removeFields(merged, last, schema);
  const unowned = difference(mergedSet, union(named(fieldsOf(stripped, schema)), named(ownedByAnyone)));
  const ownedKept = removeFields(merged, unowned, schema);

  // Only what the applier itself owned last time may go; anything else is put back.
  const gone = intersection(difference(mergedSet, named(fieldsOf(ownedKept, schema))), last);
  return removeFields(merged, gone, schema);
}
