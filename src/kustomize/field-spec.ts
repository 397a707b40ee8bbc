// Field specs: "this path, in resources of this group/version/kind" — the data every builtin
// transformer is configured with (kustomize api/types/fieldspec.go, api/filters/fsslice).
import { isObject, splitApiVersion, type JsonObject } from './resource.js';

/** A path in resources of a kind; `create` adds the field when it is missing. */
export interface FieldSpec {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly path: string;
  readonly create?: boolean;
}

/** Reads field specs in kustomize's configuration format (`create` or `create: true`). */
export function toFieldSpecs(value: unknown): FieldSpec[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((v) => ({
    group: str(v.group), version: str(v.version), kind: str(v.kind),
    path: str(v.path) ?? '', create: v.create === true,
  }));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Whether the spec's group/version/kind select the object (empty parts select anything). */
export function specSelects(spec: FieldSpec, obj: JsonObject): boolean {
  if (spec.kind && spec.kind !== obj.kind) return false;
  if (!spec.group && !spec.version) return true;
  const { group, version } = splitApiVersion(obj.apiVersion);
  return (!spec.group || spec.group === group) && (!spec.version || spec.version === version);
}

const splitCache = new Map<string, string[]>();

/** Splits a field spec path on `/`, keeping `\/` as a literal slash and dropping `[]` (cached: specs repeat). */
export function splitPath(path: string): string[] {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = path.split(/(?<!\\)\//).map((p) => p.replace(/\\\//g, '/'))
      .map((p) => (p.endsWith('[]') ? p.slice(0, -2) : p)).filter((p) => p !== '');
    splitCache.set(path, parts);
  }
  return parts;
}

/** Called at each field a spec reaches; returns the new value, or undefined to leave it. */
export type FieldVisitor = (value: unknown, parent: JsonObject, key: string) => unknown;

/** What a missing last field is created as (kustomize's CreateKind). */
export type CreateKind = 'map' | 'string';

/** Visits every field a spec reaches in obj, creating it on the way when the spec says so. */
export function visitField(obj: JsonObject, spec: FieldSpec, visit: FieldVisitor, createKind: CreateKind): void {
  walk(obj, splitPath(spec.path), 0, spec.create === true, visit, createKind);
}

function walk(node: unknown, parts: string[], i: number, create: boolean, visit: FieldVisitor, kind: CreateKind): void {
  if (Array.isArray(node)) {
    // A sequence on the way: the rest of the path applies to each element.
    for (const item of node) walk(item, parts, i, create, visit, kind);
    return;
  }
  if (!isObject(node)) return;
  const key = parts[i]!;
  const last = i === parts.length - 1;
  let value = node[key];
  if (value === undefined || value === null) {
    if (!create) return;
    if (last) {
      const created = visit(kind === 'map' ? {} : undefined, node, key);
      if (created !== undefined) node[key] = created;
      return;
    }
    value = node[key] = {};
  }
  if (!last) return walk(value, parts, i + 1, create, visit, kind);
  const next = visit(value, node, key);
  if (next !== undefined) node[key] = next;
}

/** Applies every spec that selects obj. */
export function visitFields(obj: JsonObject, specs: readonly FieldSpec[], visit: FieldVisitor, createKind: CreateKind = 'string'): void {
  for (const spec of specs) if (specSelects(spec, obj)) visitField(obj, spec, visit, createKind);
}
