// The schema view kyaml's merge walker has of a field: whether a list is associative (its patch
// strategy says `merge`) and which keys identify its items (x-kubernetes-list-map-keys when the
// schema has them, else the patch merge key). Two sources: Weir's built-in table (the default,
// standing for kyaml's Kubernetes 1.21 schema) and OpenAPI documents given with `openapi:`, read
// node by node as kyaml reads them (openapi.ResourceSchema Field, Elements and
// PatchStrategyAndKeyList). Kinds without a schema (custom resources) have none: their lists are
// replaced whole, as `kubectl kustomize` does.
import { builtinSchemaFor, builtinTypeName, type FieldSchema, type SchemaType, type StructType } from '../../apimachinery/index.js';
import type { ResourceGvk } from './resource-id.js';
import { isMap } from './yaml-node.js';

type Node = { readonly [key: string]: unknown };

/** What a `$ref` names: a node of an OpenAPI document, or (when the built-in schema was loaded first) a built-in type. */
export type Definition = { readonly node: Node } | { readonly type: StructType };

/** Resolves `#/definitions/<name>/…` against every definition the build's schema has loaded. */
export type DefinitionLookup = (pointer: readonly string[]) => Definition | undefined;

interface Common {
  /** The list's patch strategy includes `merge`. */
  readonly associative: boolean;
  /** The keys identifying list items ([] for lists of scalars). */
  readonly keys: readonly string[];
}

/** What the merge walker knows about one node: a built-in type or an OpenAPI document node. */
export type MergeSchema = (Common & { readonly type: SchemaType }) | (Common & { readonly node: Node; readonly defs: DefinitionLookup });

function fromField(field: FieldSchema | undefined): MergeSchema | undefined {
  if (!field) return undefined;
  const associative = field.patchStrategies?.includes('merge') ?? false;
  const mapKeys = field.type.kind === 'list' ? field.type.mapKeys : undefined;
  const keys = mapKeys && mapKeys.length > 0 ? mapKeys : field.patchMergeKey ? [field.patchMergeKey] : [];
  return { type: field.type, associative, keys };
}

// Group-versions kyaml's schema (Kubernetes 1.21) still has but Weir's table does not, mapped to
// the same structure in a version Weir ships (checked with `kubectl kustomize`).
const ALIASES: Record<string, ResourceGvk> = {
  'batch/v1beta1/CronJob': { group: 'batch', version: 'v1', kind: 'CronJob' },
};

/** The built-in schema of a whole resource, when Weir ships one for its kind. */
export function builtinRootSchema(gvk: ResourceGvk): MergeSchema | undefined {
  const type = builtinSchemaFor(ALIASES[`${gvk.group}/${gvk.version}/${gvk.kind}`] ?? gvk);
  return type ? { type, associative: false, keys: [] } : undefined;
}

// Merge lists added to Kubernetes after 1.21: kyaml's schema does not know them, so kustomize
// replaces them whole (checked with `kubectl kustomize`).
const NEWER_THAN_KYAML = new Set([
  'io.k8s.api.core.v1.PodSpec.resourceClaims',
  'io.k8s.api.core.v1.PodSpec.schedulingGates',
  'io.k8s.api.core.v1.PodStatus.hostIPs',
  'io.k8s.api.core.v1.PodStatus.resourceClaimStatuses',
  'io.k8s.api.admissionregistration.v1.MutatingWebhook.matchConditions',
  'io.k8s.api.admissionregistration.v1.ValidatingWebhook.matchConditions',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.x-kubernetes-validations',
]);

function structField(type: Extract<SchemaType, { kind: 'struct' }>, key: string): FieldSchema | undefined {
  const field = type.fields[key];
  if (!field) return type.otherFields ? { type: type.otherFields } : undefined;
  return NEWER_THAN_KYAML.has(`${builtinTypeName(type)}.${key}`) ? { type: field.type } : field;
}

// ---- OpenAPI document nodes, read as kyaml reads them ----

/** The JSON pointer of a `$ref` (its fragment; `#/definitions/a~1b` names `a/b`). */
function pointerOf(ref: string): string[] {
  const fragment = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : '';
  return fragment.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

// kyaml follows `$ref`s until a node has none; what else the referring node says is dropped.
// A reference that resolves to nothing leaves the field without a schema.
function resolve(node: Node, defs: DefinitionLookup): Definition | undefined {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string' && current.$ref !== ''; hops++) {
    const target = hops < 100 ? defs(pointerOf(current.$ref)) : undefined;
    if (!target || 'type' in target) return target;
    current = target.node;
  }
  return { node: current };
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined);

// kyaml's PatchStrategyAndKeyList: without a patch strategy a list has no keys.
function fromDefinition(def: Definition | undefined, defs: DefinitionLookup): MergeSchema | undefined {
  if (!def) return undefined;
  if ('type' in def) return { type: def.type, associative: false, keys: [] };
  const { node } = def;
  const strategy = node['x-kubernetes-patch-strategy'];
  if (typeof strategy !== 'string') return { node, defs, associative: false, keys: [] };
  const mapKeys = strings(node['x-kubernetes-list-map-keys']);
  const mergeKey = node['x-kubernetes-patch-merge-key'];
  const keys = mapKeys ?? (typeof mergeKey === 'string' ? [mergeKey] : []);
  return { node, defs, associative: strategy.split(',').includes('merge'), keys };
}

/** The schema of a whole resource from an OpenAPI document's definition (not resolved, as kyaml indexes it). */
export function documentRootSchema(node: Node, defs: DefinitionLookup): MergeSchema {
  return { node, defs, associative: false, keys: [] };
}

function documentField(node: Node, key: string, defs: DefinitionLookup): MergeSchema | undefined {
  const properties = node.properties;
  let field = isMap(properties) && Object.hasOwn(properties, key) && isMap(properties[key]) ? properties[key] : undefined;
  if (!field && isMap(node.additionalProperties)) field = node.additionalProperties;
  return field ? fromDefinition(resolve(field, defs), defs) : undefined;
}

// kyaml's Elements: only a node whose type is exactly ["array"] has an item schema.
function documentItems(node: Node, defs: DefinitionLookup): MergeSchema | undefined {
  const type = node.type;
  const array = type === 'array' || (Array.isArray(type) && type.length === 1 && type[0] === 'array');
  return array && isMap(node.items) ? fromDefinition(resolve(node.items, defs), defs) : undefined;
}

/** The schema of field `key` of a map node. */
export function fieldSchema(parent: MergeSchema | undefined, key: string): MergeSchema | undefined {
  if (parent && 'node' in parent) return documentField(parent.node, key, parent.defs);
  const type = parent?.type;
  if (type?.kind === 'struct') return fromField(structField(type, key));
  if (type?.kind === 'map') return fromField({ type: type.values });
  return undefined;
}

/** The schema of the items of a list node. */
export function itemSchema(list: MergeSchema | undefined): MergeSchema | undefined {
  if (list && 'node' in list) return documentItems(list.node, list.defs);
  return list?.type.kind === 'list' ? fromField({ type: list.type.items }) : undefined;
}
