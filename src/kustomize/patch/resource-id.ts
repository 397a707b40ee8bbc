// What kustomize knows about a resource's identity: its group/version/kind, name and namespace,
// the namespace it is matched under ("default" when none is set, a marker for cluster-scoped
// kinds) and how error messages name it.
import type { JsonObject } from '../../apimachinery/index.js';

/** Group, version and kind of a resource, split from `apiVersion`. */
export interface ResourceGvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

// Built-in kinds that are not namespaced (kyaml's precomputed openapi scope table, by group/kind).
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'networking.k8s.io/IngressClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest', 'policy/PodSecurityPolicy',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'authentication.k8s.io/TokenReview', 'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview', 'authorization.k8s.io/SubjectAccessReview',
]);

/** The namespace kustomize reports for cluster-scoped resources when it matches namespaces. */
export const NOT_NAMESPACEABLE = '_non_namespaceable_';

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The resource's metadata map (empty when missing). */
export function metadataOf(resource: JsonObject): JsonObject {
  return asObject(resource.metadata) ?? {};
}

/** Group, version and kind of a resource. */
export function gvkOf(resource: JsonObject): ResourceGvk {
  const apiVersion = str(resource.apiVersion);
  const slash = apiVersion.lastIndexOf('/');
  return { group: slash < 0 ? '' : apiVersion.slice(0, slash), version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1), kind: str(resource.kind) };
}

/** Whether kustomize treats the kind as cluster-scoped. */
export function isClusterScoped(gvk: ResourceGvk): boolean {
  return CLUSTER_SCOPED.has(`${gvk.group}/${gvk.kind}`);
}

/** The namespace a resource is matched under: its own, `default` when unset, or NOT_NAMESPACEABLE. */
export function effectiveNamespace(gvk: ResourceGvk, namespace: string): string {
  if (isClusterScoped(gvk)) return NOT_NAMESPACEABLE;
  return namespace === '' ? 'default' : namespace;
}

/** `metadata.name` and `metadata.namespace` ('' when unset). */
export function nameAndNamespace(resource: JsonObject): { name: string; namespace: string } {
  const meta = metadataOf(resource);
  return { name: str(meta.name), namespace: str(meta.namespace) };
}

/** How error messages name a resource: `Kind/namespace/name`, or `Kind/name` without a namespace. */
export function describeResource(resource: JsonObject): string {
  const { name, namespace } = nameAndNamespace(resource);
  const kind = str(resource.kind) || '<no kind>';
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
