// namespace, namePrefix/nameSuffix, commonLabels/labels and commonAnnotations
// (api/filters/namespace, prefix, suffix, labels, annotations): each touches every resource once.
import { visitFields, type FieldSpec } from '../field-spec.js';
import type { OpenApiSchema } from '../patch/index.js';
import { idOf, isClusterScoped, isObject, metadataOf, rememberId, type Resource } from '../resource.js';

/** NamespaceTransformer options: set only where unset; which RBAC subjects follow. */
export interface NamespaceOptions {
  unsetOnly?: boolean;
  /** defaultOnly (kustomize's default): subjects named "default"; allServiceAccounts; none. */
  setRoleBindingSubjects?: 'defaultOnly' | 'allServiceAccounts' | 'none';
}

/** Sets the namespace of namespaced resources (cluster-scoped kinds per `openapi`), RBAC "default" subjects and the configured fields. */
export function transformNamespace(resources: readonly Resource[], namespace: string, specs: readonly FieldSpec[], openapi: OpenApiSchema, options: NamespaceOptions = {}): void {
  // metadata/namespace is special-cased (cluster-scoped kinds never get one); subjects too.
  const rest = specs.filter((s) => s.path !== 'metadata/namespace' && s.path !== 'subjects' && s.path !== 'subjects[]/namespace');
  // kustomize renames only `v1` Namespaces (removeUnneededMetaFieldSpecs), whatever the specs say.
  const notCore = rest.filter((s) => s.path !== 'metadata/name');
  for (const res of resources) {
    const before = idOf(res.obj);
    const set = (value: unknown) => (options.unsetOnly && typeof value === 'string' && value !== '' ? undefined : namespace);
    if (!isClusterScoped(before, openapi)) {
      const meta = metadataOf(res.obj);
      meta.namespace = set(meta.namespace) ?? meta.namespace;
    }
    if (before.kind === 'RoleBinding' || before.kind === 'ClusterRoleBinding') setSubjects(res, options.setRoleBindingSubjects ?? 'defaultOnly', set);
    visitFields(res.obj, res.obj.apiVersion === 'v1' ? rest : notCore, set, 'string');
    const after = idOf(res.obj);
    if (after.name !== before.name || after.namespace !== before.namespace) res.prevIds.push(before);
  }
}

/** kustomize's roleBindingHack: by default only subjects named "default" follow the namespace. */
function setSubjects(res: Resource, mode: NonNullable<NamespaceOptions['setRoleBindingSubjects']>, set: (v: unknown) => string | undefined): void {
  const subjects = res.obj.subjects;
  if (!Array.isArray(subjects) || mode === 'none') return;
  for (const s of subjects) {
    if (!isObject(s)) continue;
    const follows = mode === 'allServiceAccounts' ? s.kind === 'ServiceAccount' : s.name === 'default';
    const next = follows ? set(s.namespace) : undefined;
    if (next !== undefined) s.namespace = next;
  }
}

const PREFIX_SKIP = new Set(['CustomResourceDefinition', 'Namespace']);

/** Adds a prefix and suffix to names (CRDs, Namespaces and APIServices keep theirs). */
export function transformPrefixSuffix(resources: readonly Resource[], prefix: string, suffix: string, specs: readonly FieldSpec[]): void {
  for (const res of resources) {
    const kind = String(res.obj.kind ?? '');
    const group = String(res.obj.apiVersion ?? '').split('/').slice(0, -1).join('/');
    if (PREFIX_SKIP.has(kind) || (kind === 'APIService' && group === 'apiregistration.k8s.io')) continue;
    rememberId(res);
    if (prefix) (res.prefixes ??= []).push(prefix);
    if (suffix) (res.suffixes ??= []).push(suffix);
    visitFields(res.obj, specs, (value) => (typeof value === 'string' ? `${prefix}${value}${suffix}` : undefined), 'string');
  }
}

/** Adds string entries to the map fields the specs reach (labels and annotations alike). */
export function transformMapEntries(resources: readonly Resource[], entries: Record<string, unknown>, specs: readonly FieldSpec[]): void {
  const pairs = Object.entries(entries).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)] as const);
  if (pairs.length === 0) return;
  for (const res of resources) {
    visitFields(res.obj, specs, (value) => {
      if (!isObject(value)) return undefined;
      for (const [k, v] of pairs) value[k] = v;
      return value;
    }, 'map');
  }
}
