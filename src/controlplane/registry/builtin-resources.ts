// The built-in kinds the embedded control plane serves, with the names, scopes, short names and
// categories that a Kubernetes v1.32 API server reports in discovery.
import { STORED_VERBS, type ResourceType, type ScaleSubresource } from './resource-type.js';

interface BuiltinSpec {
  readonly gv: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  /** Defaults to true: most built-ins keep their status in a subresource. */
  readonly status?: boolean;
  readonly scale?: boolean;
  readonly virtual?: boolean;
}

const ALL = ['all'];
const REPLICAS: ScaleSubresource = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.status.selector',
};

const SPECS: readonly BuiltinSpec[] = [
  { gv: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'] },
  { gv: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'], status: false },
  { gv: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, status: false },
  { gv: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], categories: ALL },
  { gv: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'], status: false },
  { gv: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'], categories: ALL },
  { gv: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'], status: false },
  { gv: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'], status: false },
  { gv: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, shortNames: ['pvc'] },
  { gv: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'] },
  { gv: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, shortNames: ['quota'] },
  { gv: 'v1', kind: 'LimitRange', plural: 'limitranges', namespaced: true, shortNames: ['limits'], status: false },
  { gv: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'] },
  { gv: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], categories: ALL, scale: true },
  { gv: 'apps/v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'], categories: ALL, scale: true },
  { gv: 'apps/v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, shortNames: ['ds'], categories: ALL },
  { gv: 'apps/v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'], categories: ALL, scale: true },
  { gv: 'apps/v1', kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true, status: false },
  { gv: 'batch/v1', kind: 'Job', plural: 'jobs', namespaced: true, categories: ALL },
  { gv: 'batch/v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true, shortNames: ['cj'], categories: ALL },
  { gv: 'networking.k8s.io/v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'] },
  { gv: 'networking.k8s.io/v1', kind: 'IngressClass', plural: 'ingressclasses', namespaced: false, status: false },
  { gv: 'networking.k8s.io/v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, shortNames: ['netpol'], status: false },
  { gv: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'], categories: ALL },
  { gv: 'policy/v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', namespaced: true, shortNames: ['pdb'] },
  { gv: 'rbac.authorization.k8s.io/v1', kind: 'Role', plural: 'roles', namespaced: true, status: false },
  { gv: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false, status: false },
  { gv: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true, status: false },
  { gv: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false, status: false },
  { gv: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'] },
  { gv: 'coordination.k8s.io/v1', kind: 'Lease', plural: 'leases', namespaced: true, status: false },
  { gv: 'storage.k8s.io/v1', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'], status: false },
  { gv: 'scheduling.k8s.io/v1', kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, shortNames: ['pc'], status: false },
  { gv: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false, categories: ['api-extensions'], status: false },
  { gv: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', namespaced: false, categories: ['api-extensions'], status: false },
  { gv: 'events.k8s.io/v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'], status: false },
  { gv: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', namespaced: false, virtual: true },
  { gv: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', namespaced: false, virtual: true },
  { gv: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, virtual: true },
];

function toResourceType(spec: BuiltinSpec): ResourceType {
  const [group, version] = spec.gv.includes('/') ? (spec.gv.split('/') as [string, string]) : ['', spec.gv];
  return {
    group,
    version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    namespaced: spec.namespaced,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    verbs: spec.virtual ? ['create'] : STORED_VERBS,
    statusSubresource: !spec.virtual && spec.status !== false,
    ...(spec.scale ? { scale: REPLICAS } : {}),
    custom: false,
    ...(spec.virtual ? { virtual: true } : {}),
  };
}

/** Every built-in resource type, in discovery order. */
export const BUILTIN_RESOURCES: readonly ResourceType[] = SPECS.map(toResourceType);
