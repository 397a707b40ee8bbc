// Strategic merge patch as kustomize applies it (api/filters/patchstrategicmerge → kyaml merge2):
// maps merge field by field; lists whose schema says `merge` are associative (see
// associative-list.ts), all other lists and scalars are replaced by the patch's; `null` in the
// patch deletes a field; `$patch: delete|replace|merge` works on maps, list items and lists.
// Unlike the API server, kyaml has no `$retainKeys`, `$deleteFromPrimitiveList` or
// `$setElementOrder`: such keys are ordinary fields and end up in the output, as kustomize's do.
import type { JsonObject } from '../../apimachinery/index.js';
import { KustomizeError } from '../errors.js';
import { mergeAssociativeList } from './associative-list.js';
import { fieldSchema, itemSchema, type MergeSchema } from './merge-schema.js';
import { BUILTIN_OPENAPI, type OpenApiSchema } from './openapi-schema.js';
import { describeResource, gvkOf } from './resource-id.js';
import { scalarSourceText } from '../yaml/index.js';
import { isMap, isPresent, kindOf, setField, type NodeKind } from './yaml-node.js';

const DIRECTIVE = '$patch';
const STRATEGIES = new Set(['delete', 'replace', 'merge']);
/** A null that stays in the output (a bare `null` result deletes the field). */
const KEEP_NULL = Symbol('keep null');

interface Walk {
  readonly resource: string;
  readonly path: readonly string[];
  readonly schema: MergeSchema | undefined;
  readonly openapi: OpenApiSchema;
  /** Paths of fields written with no value (`key:`), which kyaml drops when it merges. */
  readonly emptyNulls: ReadonlySet<string>;
}

function child(w: Walk, key: string, schema: MergeSchema | undefined): Walk {
  return { ...w, path: [...w.path, key], schema };
}

const pathKey = (path: readonly string[]) => path.join('\u0000');

// kyaml keeps `key: null` through a merge but drops `key:` (an empty node). Both read as null, so
// the difference is taken from the reader's record of source text before the target is copied.
function findEmptyNulls(value: unknown, path: string[], found: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) findEmptyNulls(item, [...path, '[]'], found);
  } else if (isMap(value)) {
    for (const [key, field] of Object.entries(value)) {
      if (field === null && scalarSourceText(value, key) === undefined) found.add(pathKey([...path, key]));
      else findEmptyNulls(field, [...path, key], found);
    }
  }
  return found;
}

function fail(w: Walk, message: string): never {
  throw new KustomizeError(`${w.resource}: strategic merge patch at ${w.path.join('.') || '<root>'}: ${message}`, { field: w.path.join('.') || undefined }, { code: 'kustomize.patch.strategic-merge' });
}

function checkStrategy(w: Walk, value: unknown): string {
  if (typeof value === 'string' && STRATEGIES.has(value)) return value;
  return fail(w, `unknown ${DIRECTIVE} strategy ${JSON.stringify(value)} (want delete, replace or merge)`);
}

// Reads and removes `$patch` from a patch map, as kyaml does (the patch is a private copy).
function mapDirective(w: Walk, origin: unknown): string | undefined {
  if (!isMap(origin) || !Object.hasOwn(origin, DIRECTIVE)) return undefined;
  const strategy = checkStrategy(w, origin[DIRECTIVE]);
  delete origin[DIRECTIVE];
  return strategy;
}

// A list directive is an item that is exactly `{$patch: …}`; it is removed from the patch list.
function listDirective(w: Walk, origin: unknown[]): string | undefined {
  const item = origin.find((i) => isMap(i) && Object.hasOwn(i, DIRECTIVE));
  if (!isMap(item) || Object.keys(item).length !== 1) return undefined;
  const strategy = checkStrategy(w, item[DIRECTIVE]);
  const rest = origin.filter((i) => isPresent(i) && !(isMap(i) && (Object.keys(i).length === 0 || i[DIRECTIVE] === item[DIRECTIVE])));
  origin.splice(0, origin.length, ...rest);
  return strategy;
}

const KIND_NAMES: Record<NodeKind, string> = { map: 'a map', list: 'a list', scalar: 'a scalar' };

function checkKinds(w: Walk, want: NodeKind, dest: unknown, origin: unknown): void {
  for (const [who, value] of [['resource', dest], ['patch', origin]] as const) {
    const kind = kindOf(value);
    if (kind && kind !== want) fail(w, `the ${who} has ${KIND_NAMES[kind]} where ${KIND_NAMES[want]} is expected`);
  }
}

// kyaml's Walker.GetSchema: a node its parent gives no schema to is looked up by its own
// apiVersion and kind (the resource's first, then the patch's), at the root and below it alike
// (an object embedded in a custom resource merges like a top-level one).
function ownSchema(w: Walk, node: unknown): MergeSchema | undefined {
  if (!isMap(node) || typeof node.apiVersion !== 'string' || node.apiVersion === '' || typeof node.kind !== 'string' || node.kind === '') return undefined;
  return w.openapi.resourceSchema(gvkOf(node));
}

function walk(w: Walk, dest: unknown, origin: unknown): unknown {
  if (!w.schema) {
    const schema = ownSchema(w, dest) ?? ownSchema(w, origin);
    if (schema) w = { ...w, schema };
  }
  const kind = kindOf(dest) ?? kindOf(origin);
  if (kind) checkKinds(w, kind, dest, origin);
  if (kind === 'list') return w.schema?.associative ? walkAssociative(w, dest, origin) : origin !== undefined ? origin : dest;
  if (kind === 'scalar') return origin !== undefined ? origin : dest;
  return walkMap(w, dest, origin);
}

// The map the fields are merged into, or a final answer (undefined deletes).
function mapBase(w: Walk, dest: unknown, origin: unknown): { base: JsonObject } | { done: unknown } {
  if (!isPresent(dest)) {
    if (mapDirective(w, origin) === 'delete') return { done: undefined };
    // A null the patch does not touch is kept, unless it was an empty node (every other null deletes its field).
    if (origin === undefined && dest === null) return { done: w.emptyNulls.has(pathKey(w.path)) ? undefined : KEEP_NULL };
    return isMap(origin) ? { base: origin } : { done: undefined };
  }
  if (origin === null) return { done: undefined };
  const strategy = mapDirective(w, origin);
  if (strategy === 'delete') return { done: undefined };
  return { base: strategy === 'replace' ? (origin as JsonObject) : (dest as JsonObject) };
}

function walkMap(w: Walk, dest: unknown, origin: unknown): unknown {
  const start = mapBase(w, dest, origin);
  if ('done' in start) return start.done;
  const base = start.base;
  const patch = isMap(origin) ? origin : {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(patch)])) {
    const value = walk(child(w, key, fieldSchema(w.schema, key)), base[key], patch[key]);
    if (value === undefined || value === null) delete base[key];
    else setField(base, key, value === KEEP_NULL ? null : value);
  }
  return base;
}

function walkAssociative(w: Walk, dest: unknown, origin: unknown): unknown {
  let list: unknown[];
  if (!isPresent(dest)) {
    if (!Array.isArray(origin)) return undefined;
    list = origin;
  } else {
    if (origin === null) return undefined;
    const strategy = Array.isArray(origin) ? listDirective(w, origin) : undefined;
    if (strategy === 'delete') return undefined;
    list = strategy === 'replace' ? (origin as unknown[]) : (dest as unknown[]);
  }
  const item = child(w, '[]', itemSchema(w.schema));
  return mergeAssociativeList(list, origin, w.schema?.keys ?? [], (d, o) => {
    const value = walk(item, d, o);
    return value === KEEP_NULL ? null : value;
  });
}

/** Strategic merge patch with kustomize's (kyaml merge2) semantics, merge keys and strategies from `openapi` (the build's schema; the built-in one by default); returns undefined when the patch deletes the whole resource (`$patch: delete`). Only merges: keeping the resource's name, kind and namespace (kustomize's ApplySmPatch) is the caller's policy. */
export function applyStrategicMerge(target: JsonObject, patch: JsonObject, openapi: OpenApiSchema = BUILTIN_OPENAPI): JsonObject | undefined {
  const w: Walk = { resource: describeResource(target), path: [], schema: undefined, openapi, emptyNulls: findEmptyNulls(target, [], new Set()) };
  const result = walk(w, structuredClone(target), structuredClone(patch));
  return isMap(result) && Object.keys(result).length > 0 ? result : undefined;
}
