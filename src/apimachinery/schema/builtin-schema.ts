// The structural schema of the built-in kinds, built from builtin-schema.json.
//
// README — where the data comes from and how to regenerate it:
//   builtin-schema.json is generated, never edited by hand. scripts/generate-builtin-schema.mjs
//   reads the Kubernetes v1.13.4 OpenAPI (swagger 2.0) document published in the npm package
//   kubernetes-client@9.0.0 (lib/specs/swagger-1.13.json.gz), keeps only the definitions
//   reachable from the root kinds and only their structure, and applies
//   builtin-schema-overlay.json: the hand-maintained list of what changed after 1.13 (newer
//   group-versions, new fields with merge keys, list-type and map-type markers of Kubernetes
//   1.3x), each entry naming the upstream file it was checked against. To change the data, edit
//   the overlay and run `node scripts/generate-builtin-schema.mjs --spec <swagger-1.13.json[.gz]>`.
//   Scalars keep their JSON type (`string`, `integer`, `number`, `boolean`, `int-or-string`,
//   `quantity`) for the OpenAPI documents; definition names are kept for the same reason.
//
// The JSON is parsed with the module, but the type graph is built on first use and then shared.
import data from './builtin-schema.json' with { type: 'json' };
import type { FieldSchema, GroupVersionKind, ListSchemaType, MapType, ScalarFormat, ScalarType, SchemaType, StructType, UntypedType } from './types.js';

/** A type in builtin-schema.json: a scalar format (or `scalar`), `untyped`, a definition name, or a list/map/ref object. */
type TypeRef = string | { list: TypeRef; listType?: ListSchemaType['listType']; mapKeys?: string[] } | { map: TypeRef; atomic?: boolean } | { ref: string; atomic: boolean };
type FieldRef = TypeRef | { type: TypeRef; patchStrategy?: string; patchMergeKey?: string; default?: unknown };
interface TableFile {
  readonly kinds: Record<string, string>;
  readonly types: Record<string, { fields: Record<string, FieldRef>; atomic?: boolean }>;
}

const SCALAR: ScalarType = Object.freeze({ kind: 'scalar' });
const UNTYPED: UntypedType = Object.freeze({ kind: 'untyped' });
const FORMATS: readonly ScalarFormat[] = ['string', 'integer', 'number', 'boolean', 'int-or-string', 'quantity'];
/** One shared node per scalar format. */
const SCALARS = new Map<string, ScalarType>(FORMATS.map((format) => [format, Object.freeze({ kind: 'scalar', format })]));
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

// Structs under construction: created empty first so that cyclic definitions (JSONSchemaProps)
// can point at each other, then filled in.
interface Graph {
  readonly table: TableFile;
  readonly structs: Map<string, StructType>;
  /** The definition name of each struct's field table (atomic variants share it). */
  readonly names: WeakMap<object, string>;
}

let graph: Graph | undefined;

function load(): Graph {
  graph ??= { table: data as unknown as TableFile, structs: new Map(), names: new WeakMap() };
  return graph;
}

function structNamed(g: Graph, name: string): StructType {
  const existing = g.structs.get(name);
  if (existing) return existing;
  const def = g.table.types[name];
  if (!def) throw new Error(`builtin-schema.json: no type ${name}`);
  const fields: Record<string, FieldSchema> = {};
  const struct: StructType = def.atomic ? { kind: 'struct', fields, atomic: true } : { kind: 'struct', fields };
  g.structs.set(name, struct);
  g.names.set(fields, name);
  for (const [field, ref] of Object.entries(def.fields)) fields[field] = fieldOf(g, ref);
  return struct;
}

function typeOf(g: Graph, ref: TypeRef): SchemaType {
  if (ref === 'scalar') return SCALAR;
  if (ref === 'untyped') return UNTYPED;
  if (typeof ref === 'string' && SCALARS.has(ref)) return SCALARS.get(ref)!;
  if (typeof ref === 'string') return structNamed(g, ref);
  if ('list' in ref) {
    const list: ListSchemaType = { kind: 'list', items: typeOf(g, ref.list), listType: ref.listType ?? 'atomic' };
    return ref.mapKeys ? { ...list, mapKeys: ref.mapKeys } : list;
  }
  if ('map' in ref) {
    const map: MapType = { kind: 'map', values: typeOf(g, ref.map) };
    return ref.atomic ? { ...map, atomic: true } : map;
  }
  // A field that overrides the struct's own map type (PersistentVolumeSpec.claimRef is granular).
  const target = structNamed(g, ref.ref);
  return ref.atomic ? { kind: 'struct', fields: target.fields, atomic: true } : { kind: 'struct', fields: target.fields };
}

function fieldOf(g: Graph, ref: FieldRef): FieldSchema {
  if (typeof ref === 'object' && 'type' in ref) {
    const field: { type: SchemaType; patchStrategies?: string[]; patchMergeKey?: string; default?: unknown } = { type: typeOf(g, ref.type) };
    if (ref.patchStrategy) field.patchStrategies = ref.patchStrategy.split(',');
    if (ref.patchMergeKey) field.patchMergeKey = ref.patchMergeKey;
    if (ref.default !== undefined) field.default = ref.default;
    return field;
  }
  return { type: typeOf(g, ref) };
}

function kindKey(gvk: GroupVersionKind): string {
  return `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`;
}

/** The structural schema of a built-in kind, or undefined when Weir ships none for it. */
export function builtinSchemaFor(gvk: GroupVersionKind): StructType | undefined {
  const g = load();
  const name = g.table.kinds[kindKey(gvk)];
  return name ? structNamed(g, name) : undefined;
}

/** The built-in struct of a definition name (`io.k8s.api.core.v1.PodSpec`), if Weir ships it. */
export function builtinSchemaNamed(name: string): StructType | undefined {
  const g = load();
  return Object.hasOwn(g.table.types, name) ? structNamed(g, name) : undefined;
}

/** The definition name of a built-in struct (`io.k8s.api.apps.v1.DeploymentSpec`), if it is one. */
export function builtinTypeName(type: StructType): string | undefined {
  return load().names.get(type.fields);
}

/** The kinds that have a built-in schema. */
export function builtinSchemaKinds(): GroupVersionKind[] {
  return Object.keys(load().table.kinds).map((key) => {
    const parts = key.split('/');
    const kind = parts.pop()!;
    const version = parts.pop()!;
    return { group: parts.join('/'), version, kind };
  });
}

/** The schema of metav1.ObjectMeta, shared by every object (custom resources included). */
export function objectMetaSchema(): StructType {
  return structNamed(load(), OBJECT_META);
}

/** The shared scalar and untyped nodes, for schema builders outside this file. */
export const scalarSchema: ScalarType = SCALAR;
/** See scalarSchema. */
export const untypedSchema: UntypedType = UNTYPED;
