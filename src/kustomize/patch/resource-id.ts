// What kustomize knows about a resource's identity: its group/version/kind, name and namespace,
// the namespace it is matched under ("default" when none is set, a marker for cluster-scoped
// kinds) and how error messages name it.
import type { JsonObject } from '../../apimachinery/index.js';
import { BUILTIN_OPENAPI, type OpenApiSchema } from './openapi-schema.js';

/** Group, version and kind of a resource, split from `apiVersion`. */
export interface ResourceGvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

// kyaml's precomputed scope table (kyaml/openapi precomputedIsNamespaceScoped, kustomize v5.5):
// apiVersion → kinds, cluster-scoped and namespaced. Kinds it does not list are namespaced unless
// the OpenAPI schema in use says otherwise (a custom `openapi:` schema's API paths); the built-in
// schema adds nothing to this table (checked with `kubectl kustomize`: TokenReview, the
// SubjectAccessReviews, FlowSchema v1beta2+, ValidatingAdmissionPolicy, v1alpha1 kinds, a
// `Namespace` outside the core group… are all namespaced).
const SCOPES: Record<string, { cluster?: string[]; namespaced?: string[] }> = {
  'v1': {
    cluster: ['ComponentStatus', 'Namespace', 'Node', 'NodeProxyOptions', 'PersistentVolume'],
    namespaced: ['ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'PersistentVolumeClaim', 'Pod', 'PodAttachOptions', 'PodExecOptions',
      'PodPortForwardOptions', 'PodProxyOptions', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service',
      'ServiceAccount', 'ServiceProxyOptions'],
  },
  'admissionregistration.k8s.io/v1': { cluster: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] },
  'admissionregistration.k8s.io/v1beta1': { cluster: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] },
  'apiextensions.k8s.io/v1': { cluster: ['CustomResourceDefinition'] },
  'apiextensions.k8s.io/v1beta1': { cluster: ['CustomResourceDefinition'] },
  'apiregistration.k8s.io/v1': { cluster: ['APIService'] },
  'apiregistration.k8s.io/v1beta1': { cluster: ['APIService'] },
  'apps/v1': { namespaced: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'] },
  'autoscaling/v1': { namespaced: ['HorizontalPodAutoscaler', 'Scale'] },
  'autoscaling/v2beta1': { namespaced: ['HorizontalPodAutoscaler'] },
  'autoscaling/v2beta2': { namespaced: ['HorizontalPodAutoscaler'] },
  'batch/v1': { namespaced: ['CronJob', 'Job'] },
  'batch/v1beta1': { namespaced: ['CronJob'] },
  'certificates.k8s.io/v1': { cluster: ['CertificateSigningRequest'] },
  'certificates.k8s.io/v1beta1': { cluster: ['CertificateSigningRequest'] },
  'coordination.k8s.io/v1': { namespaced: ['Lease'] },
  'coordination.k8s.io/v1beta1': { namespaced: ['Lease'] },
  'discovery.k8s.io/v1': { namespaced: ['EndpointSlice'] },
  'discovery.k8s.io/v1beta1': { namespaced: ['EndpointSlice'] },
  'events.k8s.io/v1': { namespaced: ['Event'] },
  'events.k8s.io/v1beta1': { namespaced: ['Event'] },
  'extensions/v1beta1': { namespaced: ['Ingress'] },
  'flowcontrol.apiserver.k8s.io/v1beta1': { cluster: ['FlowSchema', 'PriorityLevelConfiguration'] },
  'networking.k8s.io/v1': { cluster: ['IngressClass'], namespaced: ['Ingress', 'NetworkPolicy'] },
  'networking.k8s.io/v1beta1': { cluster: ['IngressClass'], namespaced: ['Ingress'] },
  'node.k8s.io/v1': { cluster: ['RuntimeClass'] },
  'node.k8s.io/v1beta1': { cluster: ['RuntimeClass'] },
  'policy/v1': { namespaced: ['PodDisruptionBudget'] },
  'policy/v1beta1': { cluster: ['PodSecurityPolicy'], namespaced: ['PodDisruptionBudget'] },
  'rbac.authorization.k8s.io/v1': { cluster: ['ClusterRole', 'ClusterRoleBinding'], namespaced: ['Role', 'RoleBinding'] },
  'rbac.authorization.k8s.io/v1beta1': { cluster: ['ClusterRole', 'ClusterRoleBinding'], namespaced: ['Role', 'RoleBinding'] },
  'scheduling.k8s.io/v1': { cluster: ['PriorityClass'] },
  'scheduling.k8s.io/v1beta1': { cluster: ['PriorityClass'] },
  'storage.k8s.io/v1': { cluster: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'] },
  'storage.k8s.io/v1beta1': { cluster: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], namespaced: ['CSIStorageCapacity'] },
};

/** Namespaced (true) or cluster-scoped (false), by `apiVersion kind`. */
const PRECOMPUTED = new Map<string, boolean>(Object.entries(SCOPES).flatMap(([apiVersion, { cluster = [], namespaced = [] }]) => [
  ...cluster.map((kind) => [`${apiVersion} ${kind}`, false] as const),
  ...namespaced.map((kind) => [`${apiVersion} ${kind}`, true] as const),
]));

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

/** `group/version` (`version` for the core group), as kyaml keys kinds. */
export function apiVersionOf(gvk: ResourceGvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** Whether kustomize treats the kind as cluster-scoped (kyaml IsCertainlyClusterScoped): the precomputed table first, then the schema's API paths. */
export function isClusterScoped(gvk: ResourceGvk, openapi: OpenApiSchema = BUILTIN_OPENAPI): boolean {
  const namespaced = PRECOMPUTED.get(`${apiVersionOf(gvk)} ${gvk.kind}`) ?? openapi.namespaced(gvk);
  return namespaced === false;
}

/** The namespace a resource is matched under: its own, `default` when unset, or NOT_NAMESPACEABLE. */
export function effectiveNamespace(gvk: ResourceGvk, namespace: string, openapi: OpenApiSchema = BUILTIN_OPENAPI): string {
  if (isClusterScoped(gvk, openapi)) return NOT_NAMESPACEABLE;
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
