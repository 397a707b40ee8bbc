// Server-side apply: merge an applied configuration into the live object and record who owns
// what. The steps follow the API server's field manager chain, outermost first: the type check,
// the last-applied bridge for kubectl, then merge, prune, ownership transfer, and the managedFields
// entry of the applier (its time moves only when the object changed).
import type { SchemaType } from '../../apimachinery/index.js';
import { ApplyConflictError } from './conflict.js';
import { SsaBadRequestError } from './errors.js';
import { hasPath, isEmptySet, recursiveDifference, union, type FieldSet } from './field-set.js';
import { fieldsOf } from './fields-of.js';
import { KUBECTL_MANAGER, fieldsAllowedByLastApplied, refreshLastApplied } from './last-applied.js';
import {
  decodeManagers,
  encodeManagers,
  formatTime,
  managerIdentity,
  parseManagedFields,
  type ManagedFieldsEntry,
  type Managers,
} from './managed-fields.js';
import { mergeObjects } from './merge.js';
import { moveOwnership, stripServerOwned, withManagedFields, withoutManagedFields } from './ownership.js';
import { pruneApplied } from './prune.js';
import { cloneJson, deepEqual, isObject, type JsonObject } from './value.js';

/** Options of {@link applyConfiguration}. */
export interface ApplyOptions {
  /** The stored object, or undefined when the apply creates it. */
  readonly live: JsonObject | undefined;
  /** The applied configuration (the request body). */
  readonly config: JsonObject;
  /** The fieldManager query parameter. */
  readonly manager: string;
  /** The group/version the request addresses (`v1`, `apps/v1`). */
  readonly apiVersion: string;
  /** When given, the config's apiVersion and kind must name this kind. */
  readonly kind?: string;
  /** The force query parameter: take conflicting fields instead of failing. */
  readonly force: boolean;
  /** The live object's metadata.managedFields (raw). */
  readonly managedFields: unknown;
  /** The root schema type of the kind. */
  readonly schema: SchemaType;
  readonly now: Date;
  /** `status` or `scale` when applying to a subresource. */
  readonly subresource?: string;
  /** Fields this endpoint resets and never tracks (e.g. `status` on the main resource). */
  readonly ignoredFields?: FieldSet;
}

/** The outcome of an apply. */
export interface ApplyResult {
  /** The object to store, with metadata.managedFields set. */
  readonly object: JsonObject;
  /** The new metadata.managedFields. */
  readonly managedFields: ManagedFieldsEntry[];
  /** Whether the object differs from the live one, managedFields aside. */
  readonly changed: boolean;
}

/** Applies `config` over `live`; throws ApplyConflictError, SsaBadRequestError or SsaInvalidObjectError. */
export function applyConfiguration(options: ApplyOptions): ApplyResult {
  checkRequest(options);
  const live = options.live === undefined ? {} : withoutManagedFields(options.live);
  const managers = decodeManagers(parseManagedFields(options.managedFields));
  let outcome: ApplyOutcome;
  try {
    outcome = applyOnce(options, live, new Map(managers), options.force);
  } catch (err) {
    // kubectl's first server-side apply over a client-side applied object: the conflicts its
    // own last-applied annotation accounts for are not conflicts.
    if (!(err instanceof ApplyConflictError) || options.manager !== KUBECTL_MANAGER) throw err;
    const allowed = fieldsAllowedByLastApplied(live, options.apiVersion, options.schema);
    if (allowed === undefined) throw err;
    const remaining = err.conflicts.filter((c) => !hasPath(allowed, c.path));
    if (remaining.length > 0) throw new ApplyConflictError(remaining);
    outcome = applyOnce(options, live, new Map(managers), true);
  }
  let object = outcome.object;
  if (options.manager === KUBECTL_MANAGER) object = refreshLastApplied(object, options.config);
  const managedFields = encodeManagers(outcome.managers);
  return { object: withManagedFields(cloneJson(object), managedFields), managedFields, changed: !deepEqual(object, live) };
}

interface ApplyOutcome {
  readonly object: JsonObject;
  readonly managers: Managers;
}

function applyOnce(options: ApplyOptions, live: JsonObject, managers: Managers, force: boolean): ApplyOutcome {
  const { schema, ignoredFields: ignored } = options;
  const config = withoutManagedFields(options.config);
  const manager = options.manager === '' ? 'unknown' : options.manager;
  const identity = { manager, operation: 'Apply' as const, apiVersion: options.apiVersion, subresource: options.subresource };
  const id = managerIdentity(identity);
  const previous = managers.get(id);

  const merged = mergeObjects(live, config, schema);
  let set = fieldsOf(config, schema);
  if (ignored !== undefined) set = recursiveDifference(set, ignored);
  managers.set(id, { ...identity, ...timeOf(previous), set });
  const ownedByAnyone = [...managers.values()].reduce((acc, m) => union(acc, m.set), set);
  const pruned = pruneApplied({ merged, lastApplied: previous?.set, ownedByAnyone, schema });
  const object = isObject(pruned) ? pruned : {};

  moveOwnership({ before: live, after: object, managers, writer: id, force, ignored, schema });
  const own = stripServerOwned(set);
  const changed = !deepEqual(live, object);
  if (isEmptySet(own)) managers.delete(id);
  // The applier's time moves only when the object changed (a no-op apply keeps the old time).
  else managers.set(id, { ...identity, ...(changed ? { time: formatTime(options.now) } : timeOf(previous)), set: own });
  return { object: changed ? object : live, managers };
}

function timeOf(state: { time?: string } | undefined): { time?: string } {
  return state?.time === undefined ? {} : { time: state.time };
}

// The request checks the server makes before merging, with its wording.
function checkRequest({ config, apiVersion, kind }: ApplyOptions): void {
  const configVersion = typeof config['apiVersion'] === 'string' ? config['apiVersion'] : '';
  if (kind !== undefined && (configVersion !== apiVersion || config['kind'] !== kind)) {
    const [group, version] = configVersion.includes('/') ? configVersion.split('/', 2) : ['', configVersion];
    const configKind = typeof config['kind'] === 'string' ? config['kind'] : '';
    throw new SsaBadRequestError(`invalid object type: ${group}/${version}, Kind=${configKind}`);
  }
  if (configVersion !== apiVersion) {
    throw new SsaBadRequestError(
      `Incorrect version specified in apply patch. Specified patch version: ${configVersion}, expected: ${apiVersion}`,
    );
  }
  const metadata = config['metadata'];
  if (isObject(metadata) && metadata['managedFields'] !== undefined && metadata['managedFields'] !== null) {
    throw new SsaBadRequestError('metadata.managedFields must be nil', 'Leave metadata.managedFields out of applied configurations.');
  }
}
