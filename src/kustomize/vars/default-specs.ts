// The fields kustomize substitutes $(VAR) references in by default (the varReference field
// specs of api/internal/konfig/builtinpluginconsts/varreference.go, kustomize v5.5), including
// its oddities: the CronJob nfs path lacks a `spec/`, StatefulSet has no volumes entry, and only
// Deployment has its pod template annotations.

/** A field spec: a `/`-separated path in resources of a kind (any kind when unset). */
export interface VarFieldSpec {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly path: string;
}

const CONTAINER_FIELDS = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];

function podSpecs(kind: string, pod: string, volumes: string | undefined): VarFieldSpec[] {
  const containers = ['containers', 'initContainers'].flatMap((c) => CONTAINER_FIELDS.map((f) => ({ kind, path: `${pod}/${c}/${f}` })));
  return volumes ? [...containers, { kind, path: volumes }] : containers;
}

/** kustomize's default varReference field specs, in its order. */
export const DEFAULT_VAR_REFERENCE_SPECS: readonly VarFieldSpec[] = [
  ...podSpecs('CronJob', 'spec/jobTemplate/spec/template/spec', 'spec/jobTemplate/spec/template/volumes/nfs/server'),
  ...podSpecs('DaemonSet', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  ...podSpecs('Deployment', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  { kind: 'Deployment', path: 'spec/template/metadata/annotations' },
  { kind: 'Ingress', path: 'spec/rules/host' },
  { kind: 'Ingress', path: 'spec/tls/hosts' },
  { kind: 'Ingress', path: 'spec/tls/secretName' },
  ...podSpecs('Job', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  ...podSpecs('Pod', 'spec', 'spec/volumes/nfs/server'),
  ...podSpecs('ReplicaSet', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  { kind: 'Service', path: 'spec/ports/port' },
  { kind: 'Service', path: 'spec/ports/targetPort' },
  ...podSpecs('StatefulSet', 'spec/template/spec', undefined),
  { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/nfs/server' },
  { kind: 'PersistentVolume', path: 'spec/nfs/server' },
  { path: 'metadata/labels' },
  { path: 'metadata/annotations' },
];
