// Ownership on every write that is not an apply (create, update, patch): the writer comes to own
// what it added or changed, takes it from everyone else, and what it removed leaves every owner.
// Mirrors the API server's Update chain: a scratch "current operation" entry collects the change,
// server-owned fields are stripped, then it is folded into the writer's Update entry, whose time
// moves only when the write changed something; at most ten Update entries are kept.
import type { SchemaType } from '../../apimachinery/index.js';
import { difference, isEmptySet, recursiveDifference, union, type FieldSet } from './field-set.js';
import {
  decodeManagers,
  encodeManagers,
  formatTime,
  managerIdentity,
  parseManagedFields,
  type ManagedFieldsEntry,
  type Managers,
} from './managed-fields.js';
import { ManagedFieldsInvalidError } from './errors.js';
import { capUpdateManagers, moveOwnership, stripServerOwned, withManagedFields, withoutManagedFields } from './ownership.js';
import { isObject, type JsonObject } from './value.js';

/** Options of {@link recordUpdate}. */
export interface UpdateOptions {
  /** The stored object, or undefined on create. */
  readonly before: JsonObject | undefined;
  /** The object about to be stored. */
  readonly after: JsonObject;
  /** The fieldManager query parameter (or the User-Agent's product, as the server defaults it). */
  readonly manager: string;
  /** The group/version the request addresses. */
  readonly apiVersion: string;
  readonly subresource?: string;
  /** The managedFields to start from: see {@link baseManagedFields}. */
  readonly managedFields: unknown;
  /** The root schema type of the kind. */
  readonly schema: SchemaType;
  readonly now: Date;
  readonly operation?: 'Update';
  /** Fields this endpoint resets and never tracks (e.g. `status` on the main resource). */
  readonly ignoredFields?: FieldSet;
}

/** The outcome of a non-apply write. */
export interface UpdateResult {
  /** `after` with metadata.managedFields set. */
  readonly object: JsonObject;
  /** The new metadata.managedFields. */
  readonly managedFields: ManagedFieldsEntry[];
}

// Never a real manager's identity: JSON identities always start with `{`.
const CURRENT_OPERATION = 'current-operation';

/** Records the ownership changes of a create, update or patch by `manager`. */
export function recordUpdate(options: UpdateOptions): UpdateResult {
  const { schema, ignoredFields: ignored } = options;
  const managers = decodeLenient(options.managedFields);
  const before = options.before === undefined ? {} : withoutManagedFields(options.before);
  const after = withoutManagedFields(options.after);

  const comparison = moveOwnership({ before, after, managers, writer: CURRENT_OPERATION, force: true, ignored, schema });
  let taken = difference(union(comparison.modified, comparison.added), comparison.removed);
  if (ignored !== undefined) taken = recursiveDifference(taken, ignored);
  taken = stripServerOwned(taken);

  if (!isEmptySet(taken)) {
    const manager = options.manager === '' ? 'unknown' : options.manager;
    const identity = { manager, operation: 'Update' as const, apiVersion: options.apiVersion, subresource: options.subresource };
    const id = managerIdentity(identity);
    const previous = managers.get(id)?.set;
    const set = previous === undefined ? taken : union(taken, previous);
    managers.set(id, { ...identity, time: formatTime(options.now), set });
  }
  capUpdateManagers(managers);
  const managedFields = encodeManagers(managers);
  return { object: withManagedFields(options.after, managedFields), managedFields };
}

// Upstream starts from no ownership at all when the stored managedFields cannot be read.
function decodeLenient(raw: unknown): Managers {
  try {
    return decodeManagers(parseManagedFields(raw));
  } catch (err) {
    if (err instanceof ManagedFieldsInvalidError) return new Map();
    throw err;
  }
}

/** Options of {@link baseManagedFields}. */
export interface BaseManagedFieldsOptions {
  /** metadata.managedFields of the stored object. */
  readonly live: unknown;
  /** metadata.managedFields of the object the request sent. */
  readonly requested: unknown;
  readonly subresource?: string;
}

/**
 * Which managedFields a non-apply write starts from (upstream decodeLiveOrNew): `[]` (or one empty
 * entry) resets them; readable, non-empty ones a client sent replace the stored ones (kubectl
 * rewrites them this way when it migrates client-side apply ownership); anything else, and every
 * subresource write, keeps the stored ones.
 */
export function baseManagedFields({ live, requested, subresource }: BaseManagedFieldsOptions): unknown {
  if (subresource !== undefined && subresource !== '') return live;
  if (Array.isArray(requested)) {
    const [first] = requested;
    if (requested.length === 0) return [];
    if (requested.length === 1 && isObject(first) && Object.keys(first).length === 0) return [];
  }
  try {
    const parsed = parseManagedFields(requested);
    return parsed.length > 0 ? parsed : live;
  } catch (err) {
    if (err instanceof ManagedFieldsInvalidError) return live;
    throw err;
  }
}
