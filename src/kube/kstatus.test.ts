import { describe, expect, it } from 'vitest';
import { computeStatus, type KstatusStatus } from './kstatus.js';
import type { KubeObject } from './types.js';

type Row = [name: string, obj: KubeObject, status: KstatusStatus, message: string];

function obj(apiVersion: string, kind: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'web', namespace: 'apps', ...meta }, ...rest };
}
const cond = (type: string, status: string, reason = '', message = '') => ({ type, status, reason, message, lastTransitionTime: '2025-01-01T00:00:00Z' });

function table(rows: Row[]): void {
  it.each(rows)('%s', (_name, o, status, message) => {
    expect(computeStatus(o, { now: new Date('2025-01-01T00:01:00Z') })).toMatchObject({ status, message });
  });
}

const deploy = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
  obj('apps/v1', 'Deployment', { spec: { progressDeadlineSeconds: 600, ...spec }, status: { observedGeneration: 2, ...status } }, { generation: 2 });
const settled = { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 };
const healthy = [cond('Available', 'True', 'MinimumReplicasAvailable'), cond('Progressing', 'True', 'NewReplicaSetAvailable')];

describe('generic rules, in kstatus order', () => {
  table([
    ['a missing object is NotFound', undefined as unknown as KubeObject, 'NotFound', 'Resource not found'],
    ['deletionTimestamp wins over everything', obj('apps/v1', 'Deployment', { status: { observedGeneration: 2, conditions: [cond('Stalled', 'True', 'X', 'stuck')] } },
      { generation: 3, deletionTimestamp: '2025-01-01T00:00:00Z' }), 'Terminating', 'Resource scheduled for deletion'],
    ['generation ahead of observedGeneration is InProgress', { ...deploy({ replicas: 3 }, { ...settled, conditions: healthy }), metadata: { name: 'web', generation: 3 } },
      'InProgress', 'Deployment generation is 3, but latest observed generation is 2'],
    ['Reconciling=True is InProgress with its message', obj('example.com/v1', 'Widget', { status: { conditions: [cond('Reconciling', 'True', 'Progressing', 'building')] } }),
      'InProgress', 'building'],
    ['Stalled=True is Failed with its message', obj('example.com/v1', 'Widget', { status: { conditions: [cond('Stalled', 'True', 'Broken', 'cannot build')] } }),
      'Failed', 'cannot build'],
    ['an unknown kind without conditions is Current', obj('example.com/v1', 'Widget'), 'Current', 'Resource is current'],
    ['a Namespace has no rule of its own', obj('v1', 'Namespace', { status: { phase: 'Active' } }), 'Current', 'Resource is current'],
    ['a terminating Namespace is Terminating', obj('v1', 'Namespace', { status: { phase: 'Terminating' } }, { deletionTimestamp: '2025-01-01T00:00:00Z' }),
      'Terminating', 'Resource scheduled for deletion'],
  ]);

  it('gives the Reconciling and Stalled conditions kstatus would add', () => {
    expect(computeStatus({ ...deploy({}, {}), metadata: { name: 'web', generation: 3 } }).conditions).toEqual([
      { type: 'Reconciling', status: 'True', reason: 'LatestGenerationNotObserved', message: 'Deployment generation is 3, but latest observed generation is 2' },
    ]);
    expect(computeStatus(obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound' } })).conditions).toEqual([]);
  });
});

describe('Flux objects', () => {
  const ks = (generation: number, observed: number, conditions: unknown[]) =>
    obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', { status: { observedGeneration: observed, conditions } }, { generation });
  table([
    ['Ready=False with Stalled=True is Failed', ks(1, 1, [cond('Ready', 'False', 'BuildFailed', 'kustomize build failed'), cond('Stalled', 'True', 'BuildFailed', 'kustomize build failed')]),
      'Failed', 'kustomize build failed'],
    ['Ready=Unknown with Reconciling=True is InProgress', ks(1, 1, [cond('Ready', 'Unknown', 'Progressing', 'Reconciliation in progress'), cond('Reconciling', 'True', 'Progressing', 'Reconciliation in progress')]),
      'InProgress', 'Reconciliation in progress'],
    ['Ready=True is Current', ks(2, 2, [cond('Ready', 'True', 'ReconciliationSucceeded', 'Applied revision: main@sha1:abc')]), 'Current', 'Applied revision: main@sha1:abc'],
    ['Ready=False alone is InProgress (flux-spec §2.9 step 5)', ks(1, 1, [cond('Ready', 'False', 'DependencyNotReady', "dependency 'flux-system/infra' is not ready")]),
      'InProgress', "dependency 'flux-system/infra' is not ready"],
    ['a new generation is InProgress even when Ready=True', ks(3, 2, [cond('Ready', 'True', 'ReconciliationSucceeded', 'ok')]),
      'InProgress', 'Kustomization generation is 3, but latest observed generation is 2'],
  ]);
});

describe('Deployment', () => {
  table([
    ['progress deadline exceeded is Failed', deploy({ replicas: 3 }, { replicas: 3, updatedReplicas: 1, conditions: [cond('Progressing', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-7d4b9" has timed out progressing.')] }),
      'Failed', 'Progress deadline exceeded'],
    ['fewer replicas than wanted', deploy({ replicas: 3 }, { replicas: 1 }), 'InProgress', 'Replicas: 1/3'],
    ['spec.replicas defaults to 1', deploy({}, {}), 'InProgress', 'Replicas: 0/1'],
    ['rolling out: not all updated', deploy({ replicas: 3 }, { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }), 'InProgress', 'Updated: 1/3'],
    ['old pods still terminating', deploy({ replicas: 3 }, { replicas: 4, updatedReplicas: 3 }), 'InProgress', 'Pending termination: 1'],
    ['updated but not available', deploy({ replicas: 3 }, { replicas: 3, updatedReplicas: 3, availableReplicas: 2 }), 'InProgress', 'Available: 2/3'],
    ['available but not ready', deploy({ replicas: 3 }, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 2 }), 'InProgress', 'Ready: 2/3'],
    ['no NewReplicaSetAvailable yet', deploy({ replicas: 3 }, { ...settled, conditions: [cond('Available', 'True'), cond('Progressing', 'True', 'ReplicaSetUpdated')] }),
      'InProgress', 'ReplicaSet not Available'],
    ['Available not True', deploy({ replicas: 3 }, { ...settled, conditions: [cond('Available', 'False', 'MinimumReplicasUnavailable'), cond('Progressing', 'True', 'NewReplicaSetAvailable')] }),
      'InProgress', 'Deployment not Available'],
    ['rolled out', deploy({ replicas: 3 }, { ...settled, conditions: healthy }), 'Current', 'Deployment is available. Replicas: 3'],
    ['without progressDeadlineSeconds only Available is needed',
      obj('apps/v1', 'Deployment', { spec: { replicas: 3 }, status: { ...settled, conditions: [cond('Available', 'True')] } }), 'Current', 'Deployment is available. Replicas: 3'],
  ]);

  it('puts a Stalled condition carrying the Progressing reason and message', () => {
    const d = deploy({ replicas: 1 }, { conditions: [cond('Progressing', 'False', 'ProgressDeadlineExceeded', 'timed out')] });
    expect(computeStatus(d).conditions).toEqual([{ type: 'Stalled', status: 'True', reason: 'ProgressDeadlineExceeded', message: 'timed out' }]);
  });
});

describe('StatefulSet', () => {
  const sts = (spec: Record<string, unknown>, status: Record<string, unknown>) => obj('apps/v1', 'StatefulSet', { spec: { replicas: 3, ...spec }, status });
  const all = { replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'web-1', updateRevision: 'web-1' };
  table([
    ['OnDelete is always Current', sts({ updateStrategy: { type: 'OnDelete' } }, {}), 'Current', 'StatefulSet is using the ondelete update strategy'],
    ['too few replicas', sts({}, { replicas: 2 }), 'InProgress', 'Replicas: 2/3'],
    ['too few ready', sts({}, { replicas: 3, readyReplicas: 1 }), 'InProgress', 'Ready: 1/3'],
    ['extra pods', sts({}, { ...all, replicas: 4 }), 'InProgress', 'Pending termination: 1'],
    ['partitioned rollout incomplete', sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { ...all, updatedReplicas: 1 }), 'InProgress', 'updated: 1/2'],
    ['partitioned rollout complete', sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { ...all, updatedReplicas: 2 }), 'Current', 'Partition rollout complete. updated: 2'],
    ['too few current', sts({}, { ...all, currentReplicas: 2 }), 'InProgress', 'current: 2/3'],
    ['revision mismatch', sts({}, { ...all, updateRevision: 'web-2' }), 'InProgress', 'Waiting for updated revision to match current'],
    ['rolled out', sts({}, all), 'Current', 'All replicas scheduled as expected. Replicas: 3'],
  ]);
});

describe('DaemonSet', () => {
  const ds = (status: Record<string, unknown>, generation: number | null = 1) =>
    obj('apps/v1', 'DaemonSet', { status }, generation === null ? {} : { generation });
  const all = { observedGeneration: 1, desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberReady: 2 };
  table([
    ['needs metadata.generation', ds({ observedGeneration: 1 }, null), 'InProgress', 'DaemonSet metadata.generation not found'],
    ['needs status.observedGeneration', ds({}), 'InProgress', 'DaemonSet status.observedGeneration not found'],
    ['needs desiredNumberScheduled', ds({ observedGeneration: 1 }), 'InProgress', 'Missing .status.desiredNumberScheduled'],
    ['too few current', ds({ ...all, currentNumberScheduled: 1 }), 'InProgress', 'Current: 1/2'],
    ['too few updated', ds({ ...all, updatedNumberScheduled: 0 }), 'InProgress', 'Updated: 0/2'],
    ['too few available', ds({ ...all, numberAvailable: 1 }), 'InProgress', 'Available: 1/2'],
    ['too few ready', ds({ ...all, numberReady: 1 }), 'InProgress', 'Ready: 1/2'],
    ['rolled out', ds(all), 'Current', 'All replicas scheduled as expected. Replicas: 2'],
  ]);
});

describe('ReplicaSet', () => {
  const rs = (status: Record<string, unknown>) => obj('apps/v1', 'ReplicaSet', { spec: { replicas: 2 }, status });
  const all = { replicas: 2, fullyLabeledReplicas: 2, availableReplicas: 2, readyReplicas: 2 };
  table([
    ['ReplicaFailure=True', rs({ ...all, conditions: [cond('ReplicaFailure', 'True', 'FailedCreate', 'quota exceeded')] }), 'InProgress', 'Replica Failure condition. Check Pods'],
    ['too few labelled', rs({ ...all, fullyLabeledReplicas: 1 }), 'InProgress', 'Labelled: 1/2'],
    ['too few available', rs({ ...all, availableReplicas: 0 }), 'InProgress', 'Available: 0/2'],
    ['too few ready', rs({ ...all, readyReplicas: 1 }), 'InProgress', 'Ready: 1/2'],
    ['extra pods', rs({ ...all, replicas: 3 }), 'InProgress', 'Pending termination: 1'],
    ['available', rs(all), 'Current', 'ReplicaSet is available. Replicas: 2'],
  ]);
});

describe('Pod', () => {
  const pod = (status: Record<string, unknown>, created = '2025-01-01T00:00:00Z') => obj('v1', 'Pod', { status }, { creationTimestamp: created });
  const crashing = { name: 'app', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } } };
  const unschedulable = [cond('PodScheduled', 'False', 'Unschedulable', '0/3 nodes are available: 3 Insufficient cpu.')];
  table([
    ['Succeeded', pod({ phase: 'Succeeded' }), 'Current', 'Pod has completed successfully'],
    ['Failed phase still counts as Current', pod({ phase: 'Failed' }), 'Current', 'Pod has completed, but not successfully'],
    ['Running and Ready', pod({ phase: 'Running', conditions: [cond('Ready', 'True')] }), 'Current', 'Pod is Ready'],
    ['CrashLoopBackOff', pod({ phase: 'Running', conditions: [cond('Ready', 'False', 'ContainersNotReady')], containerStatuses: [crashing, { name: 'sidecar', state: { running: {} } }, { ...crashing, name: 'init' }] }),
      'Failed', 'Containers in CrashLoop state: app,init'],
    ['Running but not Ready', pod({ phase: 'Running', conditions: [cond('Ready', 'False')] }), 'InProgress', 'Pod is running but is not Ready'],
    ['unschedulable within the window', pod({ phase: 'Pending', conditions: unschedulable }, '2025-01-01T00:00:50Z'), 'InProgress', 'Pod has not been scheduled'],
    ['unschedulable past the window', pod({ phase: 'Pending', conditions: unschedulable }), 'Failed', 'Pod could not be scheduled'],
    ['Pending', pod({ phase: 'Pending' }), 'InProgress', 'Pod is in the Pending phase'],
    ['no phase yet', pod({}), 'InProgress', 'Pod phase not available'],
    ['an unknown phase is Unknown', pod({ phase: 'Exploded' }), 'Unknown', 'unknown phase Exploded'],
  ]);
});

describe('Job (Flux reader)', () => {
  const job = (spec: Record<string, unknown>, status: Record<string, unknown>) => obj('batch/v1', 'Job', { spec, status });
  table([
    ['Complete=True', job({ completions: 3 }, { succeeded: 3, conditions: [cond('Complete', 'True')] }), 'Current', 'Job Completed. succeeded: 3/3'],
    ['Failed=True', job({}, { failed: 7, conditions: [cond('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')] }), 'Failed', 'Job Failed. failed: 7/1'],
    ['completions default to parallelism', job({ parallelism: 2 }, { failed: 1, conditions: [cond('Failed', 'True')] }), 'Failed', 'Job Failed. failed: 1/2'],
    ['suspended', job({ suspend: true }, { conditions: [cond('Suspended', 'True', 'JobSuspended')] }), 'Current', 'Job is suspended'],
    ['running is still InProgress', job({}, { startTime: '2025-01-01T00:00:00Z', active: 1 }), 'InProgress', 'Job in progress'],
  ]);
});

describe('other built-in kinds', () => {
  const crd = (conditions: unknown[]) => obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { status: { conditions } });
  table([
    ['a bound PVC', obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound' } }), 'Current', 'PVC is Bound'],
    ['a pending PVC', obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Pending' } }), 'InProgress', 'PVC is not Bound. phase: Pending'],
    ['a PVC without status', obj('v1', 'PersistentVolumeClaim'), 'InProgress', 'PVC is not Bound. phase: unknown'],
    ['a ClusterIP Service', obj('v1', 'Service', { spec: { clusterIP: '10.0.0.1' } }), 'Current', 'Service is ready'],
    ['a LoadBalancer without clusterIP', obj('v1', 'Service', { spec: { type: 'LoadBalancer' } }), 'InProgress', 'ClusterIP not set. Service type: LoadBalancer'],
    ['a LoadBalancer with clusterIP, ingress or not', obj('v1', 'Service', { spec: { type: 'LoadBalancer', clusterIP: '10.0.0.2' }, status: { loadBalancer: {} } }), 'Current', 'Service is ready'],
    ['an established CRD', crd([cond('NamesAccepted', 'True', 'NoConflicts'), cond('Established', 'True', 'InitialNamesAccepted')]), 'Current', 'CRD is established'],
    ['a CRD whose names conflict', crd([cond('NamesAccepted', 'False', 'MultipleNamesNotAllowed', '"widgets" is already in use'), cond('Established', 'False', 'NotAccepted', 'not all names are accepted')]),
      'Failed', '"widgets" is already in use'],
    ['a CRD still installing', crd([cond('NamesAccepted', 'True'), cond('Established', 'False', 'Installing', 'the initial names have been accepted')]), 'InProgress', 'Install in progress'],
    ['a CRD without conditions', crd([]), 'InProgress', 'Install in progress'],
    ['a PodDisruptionBudget', obj('policy/v1', 'PodDisruptionBudget', { status: { observedGeneration: 1 } }, { generation: 1 }), 'Current', 'AllowedDisruptions has been computed.'],
    ['a CronJob', obj('batch/v1', 'CronJob'), 'Current', 'Resource is always ready'],
    ['a Secret', obj('v1', 'Secret'), 'Current', 'Resource is always ready'],
    ['a ConfigMap', obj('v1', 'ConfigMap'), 'Current', 'Resource is always ready'],
    ['a Deployment of another group is a generic object', obj('example.com/v1', 'Deployment'), 'Current', 'Resource is current'],
  ]);
});
