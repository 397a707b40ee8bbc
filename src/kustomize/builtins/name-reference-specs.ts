// The default nameReference configuration of kustomize v5.5 (builtinpluginconsts/namereference):
// for each referred kind, the fields of other kinds that hold its name.
import type { FieldSpec } from '../field-spec.js';

/** A kind whose name is referred to, and the fields referring to it. */
export interface NameReference {
  readonly group?: string;
  readonly version?: string;
  readonly kind: string;
  readonly fieldSpecs: FieldSpec[];
}

const POD_HOLDERS: ReadonlyArray<[kind: string, podSpec: string]> = [
  ['Deployment', 'spec/template/spec'], ['ReplicaSet', 'spec/template/spec'], ['DaemonSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'], ['Job', 'spec/template/spec'], ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

const fs = (path: string, kind: string, group?: string, version?: string): FieldSpec => ({ path, kind, group, version });

function podFields(fields: string[], holders: ReadonlyArray<[string, string]>, podVersion = true): FieldSpec[] {
  return [
    ...fields.map((f) => fs(`spec/${f}`, 'Pod', undefined, podVersion ? 'v1' : undefined)),
    ...holders.flatMap(([kind, pod]) => fields.map((f) => fs(`${pod}/${f}`, kind))),
  ];
}

const CONFIG_MAP_FIELDS = ['volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name', 'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name'];
const SECRET_FIELDS = ['volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name', 'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name'];
const KNATIVE = ['serving.knative.dev', 'v1'] as const;
const WITH_RC: ReadonlyArray<[string, string]> = [
  ['StatefulSet', 'spec/template/spec'], ['Deployment', 'spec/template/spec'], ['ReplicationController', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'], ['Job', 'spec/template/spec'], ['DaemonSet', 'spec/template/spec'],
];

/** The default name references. */
export const NAME_REFERENCES: NameReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) =>
    ({ kind, fieldSpecs: [fs('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')] })),
  { kind: 'ConfigMap', version: 'v1', fieldSpecs: [
    ...podFields(CONFIG_MAP_FIELDS, POD_HOLDERS),
    fs('spec/configSource/configMap', 'Node'), fs('rules/resourceNames', 'Role'), fs('rules/resourceNames', 'ClusterRole'),
    fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    fs('spec/template/spec/containers/env/valueFrom/configMapKeyRef/name', 'Service', ...KNATIVE),
    fs('spec/template/spec/containers/envFrom/configMapRef/name', 'Service', ...KNATIVE),
  ] },
  { kind: 'Secret', version: 'v1', fieldSpecs: [
    ...podFields(SECRET_FIELDS, POD_HOLDERS),
    fs('spec/tls/secretName', 'Ingress'),
    fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
    fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
    fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
    fs('imagePullSecrets/name', 'ServiceAccount'),
    ...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((p) => fs(`parameters/${p}`, 'StorageClass')),
    fs('rules/resourceNames', 'Role'), fs('rules/resourceNames', 'ClusterRole'),
    fs('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', 'Service', ...KNATIVE),
    fs('spec/azureFile/secretName', 'PersistentVolume'),
  ] },
  { kind: 'Service', version: 'v1', fieldSpecs: [
    fs('spec/serviceName', 'StatefulSet', 'apps'),
    fs('spec/rules/http/paths/backend/serviceName', 'Ingress'), fs('spec/backend/serviceName', 'Ingress'),
    fs('spec/rules/http/paths/backend/service/name', 'Ingress'), fs('spec/defaultBackend/service/name', 'Ingress'),
    fs('spec/service/name', 'APIService', 'apiregistration.k8s.io'),
    fs('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io'),
    fs('webhooks/clientConfig/service', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io'),
  ] },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', fieldSpecs: [fs('roleRef/name', 'RoleBinding', 'rbac.authorization.k8s.io')] },
  { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', fieldSpecs: [
    fs('roleRef/name', 'RoleBinding', 'rbac.authorization.k8s.io'), fs('roleRef/name', 'ClusterRoleBinding', 'rbac.authorization.k8s.io')] },
  { kind: 'ServiceAccount', version: 'v1', fieldSpecs: [
    fs('subjects', 'RoleBinding', 'rbac.authorization.k8s.io'), fs('subjects', 'ClusterRoleBinding', 'rbac.authorization.k8s.io'),
    fs('spec/serviceAccountName', 'Pod'),
    ...WITH_RC.map(([kind, pod]) => fs(`${pod}/serviceAccountName`, kind)),
  ] },
  { kind: 'PersistentVolumeClaim', version: 'v1', fieldSpecs: [
    fs('spec/volumes/persistentVolumeClaim/claimName', 'Pod'),
    ...WITH_RC.map(([kind, pod]) => fs(`${pod}/volumes/persistentVolumeClaim/claimName`, kind)),
  ] },
  { kind: 'PersistentVolume', version: 'v1', fieldSpecs: [fs('spec/volumeName', 'PersistentVolumeClaim'), fs('rules/resourceNames', 'ClusterRole')] },
  { kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io', fieldSpecs: [
    fs('spec/storageClassName', 'PersistentVolume'), fs('spec/storageClassName', 'PersistentVolumeClaim'),
    fs('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet'),
  ] },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', fieldSpecs: [
    fs('spec/priorityClassName', 'Pod'), ...WITH_RC.map(([kind, pod]) => fs(`${pod}/priorityClassName`, kind)),
  ] },
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', fieldSpecs: [fs('spec/ingressClassName', 'Ingress')] },
];
