// The schema view kyaml's merge walker has of a field: whether a list is associative (its patch
// strategy says `merge`) and which keys identify its items (x-kubernetes-list-map-keys when the
// schema has them, else the patch merge key). Kinds without a built-in schema (custom resources)
// have none: their lists are replaced whole, as `kubectl kustomize` does.
import { builtinSchemaFor, builtinTypeName, type FieldSchema, type SchemaType } from '../../apimachinery/index.js';
import type { ResourceGvk } from './resource-id.js';

/** What the merge walker knows about one node. */
export interface MergeSchema {
  readonly type: SchemaType;
  /** The list's patch strategy includes `merge`. */
  readonly associative: boolean;
  /** The keys identifying list items ([] for lists of scalars). */
  readonly keys: readonly string[];
}

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

/** The schema of a whole resource, when Weir ships one for its kind. */
export function rootSchema(gvk: ResourceGvk): MergeSchema | undefined {
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

/** The schema of field `key` of a map node. */
export function fieldSchema(parent: MergeSchema | undefined, key: string): MergeSchema | undefined {
  const type = parent?.type;
  if (type?.kind === 'struct') return fromField(structField(type, key));
  if (type?.kind === 'map') return fromField({ type: type.values });
  return undefined;
}

/** The schema of the items of a list node. */
export function itemSchema(list: MergeSchema | undefined): MergeSchema | undefined {
  return list?.type.kind === 'list' ? fromField({ type: list.type.items }) : undefined;
}
