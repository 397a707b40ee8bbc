// The default field specs of kustomize v5.5's builtin transformers (api/konfig/builtinpluginconsts),
// restated as data: which fields a prefix, label, annotation, namespace, image or replica count
// touches in built-in kinds. (varReference defaults live with vars/.)
import type { FieldSpec } from '../field-spec.js';

const spec = (path: string, kind?: string, group?: string, version?: string, create = false): FieldSpec =>
  ({ path, kind, group, version, create });

/** namePrefix/nameSuffix touch only the name. */
export const PREFIX_SPECS: FieldSpec[] = [spec('metadata/name')];

/** commonLabels: metadata plus selectors and templates of workloads, services and policies. */
export const COMMON_LABEL_SPECS: FieldSpec[] = [
  spec('metadata/labels', undefined, undefined, undefined, true),
  spec('spec/selector', 'Service', undefined, 'v1', true),
  spec('spec/selector', 'ReplicationController', undefined, 'v1', true),
  spec('spec/template/metadata/labels', 'ReplicationController', undefined, 'v1', true),
  ...(['Deployment', 'StatefulSet'] as const).flatMap((kind) => {
    const group = kind === 'StatefulSet' ? 'apps' : undefined;
    return [
      spec('spec/selector/matchLabels', kind, group, undefined, true),
      spec('spec/template/metadata/labels', kind, group, undefined, true),
      ...['podAffinity', 'podAntiAffinity'].flatMap((a) => [
        spec(`spec/template/spec/affinity/${a}/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`, kind, 'apps'),
        spec(`spec/template/spec/affinity/${a}/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`, kind, 'apps'),
      ]),
      spec('spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels', kind, 'apps'),
      ...(kind === 'StatefulSet' ? [spec('spec/volumeClaimTemplates[]/metadata/labels', kind, 'apps', undefined, true)] : []),
    ];
  }),
  spec('spec/selector/matchLabels', 'ReplicaSet', undefined, undefined, true),
  spec('spec/template/metadata/labels', 'ReplicaSet', undefined, undefined, true),
  spec('spec/selector/matchLabels', 'DaemonSet', undefined, undefined, true),
  spec('spec/template/metadata/labels', 'DaemonSet', undefined, undefined, true),
  spec('spec/selector/matchLabels', 'Job', 'batch'),
  spec('spec/template/metadata/labels', 'Job', 'batch', undefined, true),
  spec('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', 'batch'),
  spec('spec/jobTemplate/metadata/labels', 'CronJob', 'batch', undefined, true),
  spec('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', 'batch', undefined, true),
  spec('spec/selector/matchLabels', 'PodDisruptionBudget', 'policy'),
  spec('spec/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  spec('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  spec('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
];

/** `labels` with includeTemplates: pod template labels only (no selectors). */
export const TEMPLATE_LABEL_SPECS: FieldSpec[] = COMMON_LABEL_SPECS.filter((s) =>
  /(^|\/)template\/metadata\/labels$|^spec\/jobTemplate\/metadata\/labels$|volumeClaimTemplates/.test(s.path));

/** commonAnnotations: metadata plus pod templates. */
export const COMMON_ANNOTATION_SPECS: FieldSpec[] = [
  spec('metadata/annotations', undefined, undefined, undefined, true),
  spec('spec/template/metadata/annotations', 'ReplicationController', undefined, 'v1', true),
  ...['Deployment', 'ReplicaSet', 'DaemonSet'].map((k) => spec('spec/template/metadata/annotations', k, undefined, undefined, true)),
  spec('spec/template/metadata/annotations', 'StatefulSet', 'apps', undefined, true),
  spec('spec/template/metadata/annotations', 'Job', 'batch', undefined, true),
  spec('spec/jobTemplate/metadata/annotations', 'CronJob', 'batch', undefined, true),
  spec('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', 'batch', undefined, true),
];

/** namespace: metadata (handled specially), RBAC subjects, APIService and CRD webhooks. */
export const NAMESPACE_SPECS: FieldSpec[] = [
  spec('metadata/namespace', undefined, undefined, undefined, true),
  spec('metadata/name', 'Namespace', undefined, undefined, true),
  spec('subjects', 'RoleBinding'),
  spec('subjects', 'ClusterRoleBinding'),
  spec('spec/service/namespace', 'APIService', 'apiregistration.k8s.io', undefined, true),
  spec('spec/conversion/webhook/clientConfig/service/namespace', 'CustomResourceDefinition', 'apiextensions.k8s.io'),
];

/** images: containers of pods and pod templates. */
export const IMAGE_SPECS: FieldSpec[] = [
  spec('spec/containers[]/image', undefined, undefined, undefined, true),
  spec('spec/initContainers[]/image', undefined, undefined, undefined, true),
  spec('spec/template/spec/containers[]/image', undefined, undefined, undefined, true),
  spec('spec/template/spec/initContainers[]/image', undefined, undefined, undefined, true),
];

/** replicas: scalable workloads. */
export const REPLICA_SPECS: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']
  .map((k) => spec('spec/replicas', k, undefined, undefined, true));
