// What the API server does to an object on create and update, as pure functions: identity and
// scope checks, server-stamped metadata, status/spec separation, generation, kind defaults.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../api-error.js';
import { groupVersionOf, type ResourceType } from '../registry/index.js';
import { cloneObject, jsonEqual, timestamp, type KubeObject } from './kube-object.js';
import { generateName, nameRuleOf, validateName } from './names.js';

/** Built-in kinds whose metadata.generation tracks spec changes (custom resources always do). */
const GENERATION_KINDS = new Set([
  'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler',
  'PodDisruptionBudget', 'Ingress', 'NetworkPolicy', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'IngressClass', 'ServiceAccount',
]);

/** Whether the server keeps metadata.generation for this resource. */
export function tracksGeneration(type: ResourceType): boolean {
  return type.custom || GENERATION_KINDS.has(type.kind);
}

/** Checks apiVersion and kind of a body against the URL's resource and fills them in. */
export function checkTypeMeta(type: ResourceType, object: KubeObject): void {
  const expected = groupVersionOf(type);
  if (object.apiVersion !== undefined && object.apiVersion !== '' && object.apiVersion !== expected) {
    throw ApiError.badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (object.kind !== undefined && object.kind !== '' && object.kind !== type.kind) {
    throw ApiError.badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`);
  }
  object.apiVersion = expected;
  object.kind = type.kind;
}

/** Checks and fills metadata.namespace against the URL's namespace. */
export function checkNamespace(type: ResourceType, urlNamespace: string, object: KubeObject): void {
  if (!type.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  const given = object.metadata.namespace;
  if (given && urlNamespace && given !== urlNamespace) {
    throw ApiError.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  object.metadata.namespace = urlNamespace || given || 'default';
}

/** Validates metadata.name (generating it from generateName when asked). */
export function settleName(type: ResourceType, object: KubeObject): string {
  const meta = object.metadata;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
  const name = meta.name;
  if (!name) {
    throw ApiError.invalid(type.kind, type.group, '', [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  }
  const causes = type.custom ? validateName(name, 'subdomain') : validateName(name, nameRuleOf(type.kind));
  if (type.kind === 'CustomResourceDefinition') {
    const spec = (object.spec ?? {}) as { group?: string; names?: { plural?: string } };
    const expected = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
    if (name !== expected) causes.push({ field: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: must be spec.names.plural+"."+spec.group` });
  }
  if (causes.length > 0) throw ApiError.invalid(type.kind, type.group, name, causes);
  return name;
}

/** A new object as it will be stored, minus resourceVersion and managedFields. */
export function prepareCreate(type: ResourceType, urlNamespace: string, object: KubeObject, now: Date): KubeObject {
  checkTypeMeta(type, object);
  checkNamespace(type, urlNamespace, object);
  settleName(type, object);
  const meta = object.metadata;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (tracksGeneration(type)) meta.generation = 1;
  else delete meta.generation;
  if (type.statusSubresource && type.kind !== 'Namespace') delete object.status;
  applyKindDefaults(type, object);
  dropEmptyMetadata(object);
  return object;
}

/** Which part of the object a write may change. */
export type WriteScope = 'main' | 'status';

/**
 * The object an update will store: `next` for the fields the scope may change and `current` for
 * the rest, with immutable metadata kept and generation bumped when the spec changed.
 */
export function prepareUpdate(type: ResourceType, current: KubeObject, next: KubeObject, scope: WriteScope): KubeObject {
  checkTypeMeta(type, next);
  const name = current.metadata.name!;
  if (next.metadata.name !== undefined && next.metadata.name !== name) {
    throw ApiError.badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
  }
  let result: KubeObject;
  if (scope === 'status') {
    result = cloneObject(current);
    if (next.status === undefined) delete result.status;
    else result.status = next.status;
  } else {
    result = next;
    if (type.statusSubresource) {
      if (current.status === undefined) delete result.status;
      else result.status = current.status;
    }
  }
  keepServerMetadata(current, result, scope);
  checkFinalizersWhileDeleting(type, current, result);
  if (tracksGeneration(type)) result.metadata.generation = (current.metadata.generation ?? 1) + (specChanged(current, result) ? 1 : 0);
  if (type.kind === 'Namespace') applyKindDefaults(type, result);
  dropEmptyMetadata(result);
  return result;
}

/** ObjectMeta fields that are `omitempty` lists and maps: stored and served absent when empty. */
const OMIT_EMPTY_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

/**
 * Removes empty label, annotation, finalizer and ownerReference collections. Upstream metadata
 * goes through metav1.ObjectMeta (custom resources' too), whose `omitempty` drops them, so
 * removing the last annotation (`kubectl annotate x note-`) leaves no `annotations: {}` behind.
 */
function dropEmptyMetadata(object: KubeObject): void {
  const meta = object.metadata;
  for (const field of OMIT_EMPTY_METADATA) {
    const value = meta[field];
    if (value === null || (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0)) delete meta[field];
  }
}

function keepServerMetadata(current: KubeObject, result: KubeObject, scope: WriteScope): void {
  const meta = result.metadata;
  const was = current.metadata;
  meta.name = was.name;
  if (was.namespace !== undefined) meta.namespace = was.namespace;
  meta.uid = was.uid;
  meta.creationTimestamp = was.creationTimestamp;
  if (was.deletionTimestamp) {
    meta.deletionTimestamp = was.deletionTimestamp;
    meta.deletionGracePeriodSeconds = was.deletionGracePeriodSeconds;
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  if (was.generation !== undefined) meta.generation = was.generation;
  if (scope === 'status') result.metadata = { ...was, ...pickMetadataForStatus(meta) };
}

// A status write may still carry metadata changes the server keeps (as upstream, none but these).
function pickMetadataForStatus(meta: KubeObject['metadata']): Partial<KubeObject['metadata']> {
  return meta.managedFields === undefined ? {} : { managedFields: meta.managedFields };
}

function checkFinalizersWhileDeleting(type: ResourceType, current: KubeObject, result: KubeObject): void {
  if (!current.metadata.deletionTimestamp) return;
  const before = new Set(current.metadata.finalizers ?? []);
  const added = (result.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length > 0) {
    throw ApiError.invalid(type.kind, type.group, current.metadata.name!, [
      { reason: 'FieldValueForbidden', field: 'metadata.finalizers', message: 'Forbidden: no new finalizers can be added if the object is being deleted' },
    ]);
  }
}

/** Whether anything outside metadata and status differs. */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (!jsonEqual(a[key], b[key])) return true;
  }
  return false;
}

function applyKindDefaults(type: ResourceType, object: KubeObject): void {
  if (type.group !== '' || type.kind !== 'Namespace') return;
  const meta = object.metadata;
  meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name! };
  const spec = (object.spec ?? {}) as { finalizers?: string[] };
  if (!meta.deletionTimestamp && spec.finalizers === undefined) spec.finalizers = ['kubernetes'];
  object.spec = spec;
  const status = (object.status ?? {}) as { phase?: string };
  status.phase = meta.deletionTimestamp ? 'Terminating' : 'Active';
  object.status = status;
}
