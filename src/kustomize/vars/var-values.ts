// Reading kustomize `vars` and the value each one names: the resource is found by its objref
// (kind and apiVersion must be equal — an objref without apiVersion matches no versioned
// resource — and the name; the namespace only when given), the field by `fieldref.fieldpath`
// (default `metadata.name`, `a.b[0].c` for list items).
import type { JsonObject } from '../../apimachinery/index.js';
import { KustomizeError } from '../errors.js';
import { describeResource, effectiveNamespace, gvkOf, type OpenApiSchema, type PreviousIds } from '../patch/index.js';

/** A `vars` entry, validated. */
export interface VarDef {
  readonly name: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly objName: string;
  readonly namespace: string;
  readonly fieldPath: string;
}

/** Where vars come from, and the earlier ids of resources (objrefs name resources by any id). */
export interface VarsPlace {
  readonly file: string;
  readonly previous?: (resource: JsonObject) => PreviousIds | undefined;
  /** The resource a var was bound to when its kustomization was accumulated (see findVarTargets); searched for when absent. */
  readonly targetOf?: (varName: string) => JsonObject | undefined;
  /** The build's OpenAPI data (which kinds are cluster-scoped); the built-in one when absent. */
  readonly openapi?: OpenApiSchema;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

// kustomize decodes vars with Go's encoding/json, which matches keys case-insensitively (`fieldPath` works).
function field(o: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(o, key)) return o[key];
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : o[k];
}

// objref: `apiVersion` wins over `group`/`version` (types.Target.GVK).
function groupVersion(ref: Record<string, unknown>): { group: string; version: string } {
  const apiVersion = str(field(ref, 'apiVersion'));
  if (!apiVersion) return { group: str(field(ref, 'group')), version: str(field(ref, 'version')) };
  const parts = apiVersion.split('/');
  return parts.length === 2 ? { group: parts[0]!, version: parts[1]! } : { group: str(field(ref, 'group')), version: apiVersion };
}

/** Validates the `vars` entries (names must be unique). */
export function readVars(vars: readonly unknown[], place: VarsPlace): VarDef[] {
  const seen = new Set<string>();
  return vars.map((v, i) => {
    const o = obj(v);
    const ref = obj(field(o, 'objref'));
    const name = str(field(o, 'name'));
    if (!name) throw new KustomizeError('var has no name', { file: place.file, field: `vars[${i}]` }, { code: 'kustomize.vars' });
    if (seen.has(name)) throw new KustomizeError(`var '${name}' already encountered`, { file: place.file, field: `vars[${i}]` }, { code: 'kustomize.vars' });
    seen.add(name);
    const fieldPath = str(field(obj(field(o, 'fieldref')), 'fieldpath')) || 'metadata.name';
    return { name, kind: str(field(ref, 'kind')), ...groupVersion(ref), objName: str(field(ref, 'name')), namespace: str(field(ref, 'namespace')), fieldPath };
  });
}

/** How a var is named in errors. */
export function describeVar(v: VarDef): string {
  const gv = `${v.version || '[noVer]'}${v.group ? `.${v.group}` : ''}`;
  return `var '${v.name}' (objref ${v.kind || '[noKind]'}.${gv}/${v.objName}${v.namespace ? `.${v.namespace}` : ''}, fieldpath ${v.fieldPath})`;
}

function matches(resource: JsonObject, v: VarDef, { previous, openapi }: VarsPlace): boolean {
  const gvk = gvkOf(resource);
  if (gvk.kind !== v.kind || gvk.group !== v.group || gvk.version !== v.version) return false;
  const meta = obj(resource.metadata);
  const prev = previous?.(resource);
  const ids = [{ name: str(meta.name), namespace: str(meta.namespace) }, ...(prev?.names ?? []).map((n, i) => ({ name: n, namespace: prev!.namespaces[i] ?? '' }))];
  return ids.some((id) => id.name === v.objName && (!v.namespace || effectiveNamespace(gvk, id.namespace, openapi) === effectiveNamespace(gvk, v.namespace, openapi)));
}

// `spec.ports[0].port` → spec, ports, 0, port.
function fieldParts(path: string): string[] {
  return path.split('.').flatMap((p) => p.split(/\[(\d+)\]/).filter((x) => x !== ''));
}

function lookup(resource: JsonObject, path: string): unknown {
  let node: unknown = resource;
  for (const part of fieldParts(path)) {
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (node !== null && typeof node === 'object' && !Array.isArray(node)) node = (node as JsonObject)[part];
    else return undefined;
  }
  return node;
}

function findOne(resources: readonly JsonObject[], v: VarDef, i: number, place: VarsPlace): JsonObject | undefined {
  const found = resources.filter((r) => matches(r, v, place));
  if (found.length > 1) {
    throw new KustomizeError(`found ${found.length} resources matching ${describeVar(v)} (unable to disambiguate): ${found.map(describeResource).join(', ')}`, { file: place.file, field: `vars[${i}]` }, { code: 'kustomize.vars' });
  }
  return found[0];
}

/** The resource each var's objref names among `resources` (kustomize binds vars per kustomization, after its transformers); undefined where none matches. */
export function findVarTargets(resources: readonly JsonObject[], vars: readonly unknown[], where: VarsPlace): (JsonObject | undefined)[] {
  return readVars(vars, where).map((v, i) => findOne(resources, v, i, where));
}

/** The value of every var, by name, read from the one resource its objref names. */
export function varValues(resources: readonly JsonObject[], vars: readonly VarDef[], place: VarsPlace): Map<string, unknown> {
  const values = new Map<string, unknown>();
  vars.forEach((v, i) => {
    const where = { file: place.file, field: `vars[${i}]` };
    const target = place.targetOf?.(v.name) ?? findOne(resources, v, i, place);
    if (!target) throw new KustomizeError(`${describeVar(v)} cannot be mapped to a field in the set of known resources`, where, { code: 'kustomize.vars', hint: 'the objref needs the kind, apiVersion (or group and version) and name of a resource in this build' });
    const value = lookup(target, v.fieldPath);
    if (value === undefined || value === null) throw new KustomizeError(`field specified in ${describeVar(v)} not found in corresponding resource ${describeResource(target)}`, where, { code: 'kustomize.vars' });
    values.set(v.name, value);
  });
  return values;
}
