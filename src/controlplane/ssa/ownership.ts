// How ownership moves on a write, shared by apply and by every other write (structured-merge-diff's
// Updater.update): fields the write adds or changes are taken from their other owners (or, for an
// apply without force, reported as conflicts), fields it removes are dropped from every owner,
// and owners left with nothing lose their entry.
import type { SchemaType } from '../../apimachinery/index.js';
import { compareObjects, excludeFields, type Comparison } from './compare.js';
import { ApplyConflictError, conflictsFrom } from './conflict.js';
import {
  difference,
  emptyFieldSet,
  fieldSetFromPaths,
  intersection,
  isEmptySet,
  union,
  type FieldSet,
} from './field-set.js';
import { managerIdentity, type ManagedFieldsEntry, type ManagerState, type Managers } from './managed-fields.js';
import { makePath } from './path.js';
import { compareStrings, isObject, type JsonObject } from './value.js';

/**
 * Fields no manager ever owns: the type, and metadata the server sets (upstream's stripMeta list).
 * `.metadata` itself is listed, not what is below it, so labels and annotations stay ownable.
 */
export const SERVER_OWNED_FIELDS: FieldSet = fieldSetFromPaths([
  makePath('apiVersion'),
  makePath('kind'),
  makePath('metadata'),
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((field) => makePath('metadata', field)),
]);

/** `set` without the server-owned fields. */
export function stripServerOwned(set: FieldSet): FieldSet {
  return difference(set, SERVER_OWNED_FIELDS);
}

/** A copy of `object` without metadata.managedFields, which never takes part in merging or comparing. */
export function withoutManagedFields(object: JsonObject): JsonObject {
  const metadata = object['metadata'];
  if (!isObject(metadata) || !Object.hasOwn(metadata, 'managedFields')) return object;
  const { managedFields: _dropped, ...rest } = metadata;
  return { ...object, metadata: rest };
}

/** Options of {@link moveOwnership}. */
export interface MoveOwnershipOptions {
  readonly before: unknown;
  readonly after: unknown;
  /** Every manager's state; changed in place. */
  readonly managers: Managers;
  /** The identity of the writer, whose own entry is left alone here. */
  readonly writer: string;
  /** Take conflicting fields instead of failing (always true for non-apply writes). */
  readonly force: boolean;
  readonly ignored: FieldSet | undefined;
  readonly schema: SchemaType;
}

/** Moves ownership from the other managers for a write; throws ApplyConflictError without force. */
export function moveOwnership(options: MoveOwnershipOptions): Comparison {
  const { managers, writer, schema } = options;
  const comparison = excludeFields(compareObjects(options.before, options.after, schema), options.ignored);
  const changed = union(comparison.modified, comparison.added);
  const conflicts = new Map<string, { state: ManagerState; set: FieldSet }>();
  for (const [id, state] of managers) {
    if (id === writer) continue;
    const set = intersection(state.set, changed);
    if (!isEmptySet(set)) conflicts.set(id, { state, set });
  }
  if (!options.force && conflicts.size > 0) throw new ApplyConflictError(conflictsFrom(conflicts));

  for (const [id, state] of [...managers]) {
    if (id === writer) continue;
    const taken = conflicts.get(id)?.set ?? emptyFieldSet();
    const set = difference(difference(state.set, taken), comparison.removed);
    if (isEmptySet(set)) managers.delete(id);
    else managers.set(id, { ...state, set });
  }
  return comparison;
}

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';

const seconds = (state: ManagerState): number => (state.time === undefined ? 0 : Math.floor(Date.parse(state.time) / 1000));

/**
 * Keeps at most ten Update entries: the oldest are folded, per apiVersion, into one
 * `ancient-changes` entry (upstream capManagersManager), so busy objects do not grow without end.
 */
export function capUpdateManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managers].filter(([, s]) => s.operation === 'Update');
  if (updaters.length <= max) return;
  updaters.sort(([idA, a], [idB, b]) => seconds(a) - seconds(b) || compareStrings(idA, idB));
  const firstOfVersion = new Map<string, string>();
  let count = updaters.length;
  for (const [id, state] of updaters) {
    if (count <= max) break;
    const bucketState = { manager: ANCIENT_CHANGES, operation: 'Update' as const, apiVersion: state.apiVersion };
    const bucket = managerIdentity(bucketState);
    const first = firstOfVersion.get(state.apiVersion);
    if (first === undefined || id === bucket) {
      // The bucket itself is never folded into itself (upstream would drop it here).
      if (first === undefined) firstOfVersion.set(state.apiVersion, id);
      continue;
    }
    if (!managers.has(bucket)) {
      managers.set(bucket, { ...bucketState, set: managers.get(first)?.set ?? emptyFieldSet() });
      managers.delete(first);
    }
    const merged = union(state.set, managers.get(bucket)?.set ?? emptyFieldSet());
    managers.set(bucket, { ...bucketState, set: merged, ...(state.time !== undefined ? { time: state.time } : {}) });
    managers.delete(id);
    count--;
  }
}

/** The set of whole top-level fields, for `ignoredFields` (e.g. `['status']` on the main resource). */
export function topLevelFields(names: readonly string[]): FieldSet {
  return fieldSetFromPaths(names.map((name) => makePath(name)));
}

/** `object` with metadata.managedFields set to `entries` (removed when there are none). */
export function withManagedFields(object: JsonObject, entries: readonly ManagedFieldsEntry[]): JsonObject {
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const { managedFields: _old, ...rest } = metadata;
  return { ...object, metadata: entries.length === 0 ? rest : { ...rest, managedFields: [...entries] } };
}
