// kstatus: how Flux decides whether an applied object is healthy. A pure port of the behaviour of
// cli-utils pkg/kstatus/status (Compute: generic rules first, then one rule per built-in kind), with
// Flux's own Job reader (fluxcd/pkg runtime/statusreaders: a Job is Current only once complete) and
// the Ready fallback of flux-spec §2.9. It reads the object only: no cluster, no I/O.
import type { KubeObject } from './types.js';

/** The six kstatus outcomes, spelled as kstatus spells them. */
export type KstatusStatus = 'InProgress' | 'Failed' | 'Current' | 'Terminating' | 'NotFound' | 'Unknown';

/** The abnormal-true condition kstatus would put on the object (Reconciling for InProgress, Stalled for Failed). */
export interface KstatusCondition {
  type: 'Reconciling' | 'Stalled';
  status: 'True';
  reason: string;
  message: string;
}

/** What computeStatus returns: the status, kstatus's message for it and the standard conditions. */
export interface KstatusResult {
  status: KstatusStatus;
  message: string;
  conditions: KstatusCondition[];
}

/** Options of computeStatus: `now` only matters for a Pod waiting to be scheduled. */
export interface ComputeStatusOptions {
  now?: Date;
}

/** How long a Pod may stay unschedulable before it counts as Failed (kstatus ScheduleWindow). */
export const SCHEDULE_WINDOW_MS = 15_000;

interface BasicCondition { type: string; status: string; reason: string; message: string }
type Obj = Record<string, unknown>;
type KindRule = (obj: KubeObject, now: Date) => KstatusResult;

/**
 * The kstatus status of an object, in kstatus order: missing => NotFound; deletionTimestamp =>
 * Terminating; generation not observed => InProgress; Reconciling/Stalled True; the kind's own rule;
 * a Ready condition; else Current. A malformed object gives Unknown, as the kstatus poller reports errors.
 */
export function computeStatus(obj: KubeObject | null | undefined, options: ComputeStatusOptions = {}): KstatusResult {
  if (!obj) return result('NotFound', 'Resource not found');
  try {
    const generic = checkGeneric(obj);
    if (generic) return generic;
    const rule = KIND_RULES[groupKind(obj)];
    if (rule) return rule(obj, options.now ?? new Date());
    return readyRule(obj) ?? result('Current', 'Resource is current');
  } catch (err) {
    return result('Unknown', err instanceof Error ? err.message : String(err));
  }
}

// ---- generic rules (cli-utils generic.go) ----

function checkGeneric(obj: KubeObject): KstatusResult | undefined {
  if (typeof obj.metadata?.deletionTimestamp === 'string' && obj.metadata.deletionTimestamp !== '') {
    return result('Terminating', 'Resource scheduled for deletion');
  }
  const generation = intAt(obj, ['metadata', 'generation']);
  const observed = intAt(obj, ['status', 'observedGeneration']);
  if (generation !== undefined && observed !== undefined && generation !== observed) {
    return inProgress('LatestGenerationNotObserved', `${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`);
  }
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Reconciling' && c.status === 'True') return inProgress(c.reason, c.message);
    if (c.type === 'Stalled' && c.status === 'True') return failed(c.reason, c.message);
  }
  return undefined;
}

/** flux-spec §2.9 step 5: kinds without a rule of their own are judged by a Ready condition when they have one. */
function readyRule(obj: KubeObject): KstatusResult | undefined {
  const ready = conditionsOf(obj).find((c) => c.type === 'Ready');
  if (!ready) return undefined;
  if (ready.status === 'True') return result('Current', ready.message || 'Resource is Ready');
  return inProgress(ready.reason || 'NotReady', ready.message || `Ready is ${ready.status || 'Unknown'}`);
}

// ---- kind rules (cli-utils core.go), keyed by group/kind ("Kind" for the core group) ----

const alwaysReady: KindRule = () => result('Current', 'Resource is always ready');

const KIND_RULES: Record<string, KindRule> = {
  Service: serviceStatus,
  Pod: podStatus,
  Secret: alwaysReady,
  ConfigMap: alwaysReady,
  PersistentVolumeClaim: pvcStatus,
  'apps/StatefulSet': statefulSetStatus,
  'apps/DaemonSet': daemonSetStatus,
  'extensions/DaemonSet': daemonSetStatus,
  'apps/Deployment': deploymentStatus,
  'extensions/Deployment': deploymentStatus,
  'apps/ReplicaSet': replicaSetStatus,
  'extensions/ReplicaSet': replicaSetStatus,
  'policy/PodDisruptionBudget': () => result('Current', 'AllowedDisruptions has been computed.'),
  'batch/CronJob': alwaysReady,
  'batch/Job': jobStatus,
  'apiextensions.k8s.io/CustomResourceDefinition': crdStatus,
};

function deploymentStatus(obj: KubeObject): KstatusResult {
  // Without progressDeadlineSeconds the controller never sets Progressing, so it cannot be waited on.
  let progressing = intAt(obj, ['spec', 'progressDeadlineSeconds']) === undefined;
  let available = false;
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') {
        return { status: 'Failed', message: 'Progress deadline exceeded', conditions: [stalled(c.reason, c.message)] };
      }
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (c.type === 'Available' && c.status === 'True') {
      available = true;
    }
  }
  const spec = intAt(obj, ['spec', 'replicas']) ?? 1;
  const [replicas, updated, ready, avail] = statusInts(obj, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']);
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress('LessUpdated', `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (updated > avail) return inProgress('LessAvailable', `Available: ${avail}/${updated}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress('ReplicaSetNotAvailable', 'ReplicaSet not Available');
  if (!available) return inProgress('DeploymentNotAvailable', 'Deployment not Available');
  return result('Current', `Deployment is available. Replicas: ${replicas}`);
}

function statefulSetStatus(obj: KubeObject): KstatusResult {
  if (stringAt(obj, ['spec', 'updateStrategy', 'type']) === 'OnDelete') {
    return result('Current', 'StatefulSet is using the ondelete update strategy');
  }
  const spec = intAt(obj, ['spec', 'replicas']) ?? 1;
  const [replicas, ready, current, updated] = statusInts(obj, ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas']);
  const partition = intAt(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition']) ?? -1;
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    if (updated < spec - partition) return inProgress('PartitionRollout', `updated: ${updated}/${spec - partition}`);
    return result('Current', `Partition rollout complete. updated: ${updated}`);
  }
  if (spec > current) return inProgress('LessCurrent', `current: ${current}/${spec}`);
  if ((stringAt(obj, ['status', 'currentRevision']) ?? '') !== (stringAt(obj, ['status', 'updateRevision']) ?? '')) {
    return inProgress('RevisionMismatch', 'Waiting for updated revision to match current');
  }
  return result('Current', `All replicas scheduled as expected. Replicas: ${replicas}`);
}

function daemonSetStatus(obj: KubeObject): KstatusResult {
  // The DaemonSet controller always writes both fields, so a missing one means it has not acted yet.
  if (intAt(obj, ['metadata', 'generation']) === undefined) {
    return inProgress('NoGeneration', `${obj.kind} metadata.generation not found`);
  }
  if (intAt(obj, ['status', 'observedGeneration']) === undefined) {
    return inProgress('NoObservedGeneration', `${obj.kind} status.observedGeneration not found`);
  }
  const desired = intAt(obj, ['status', 'desiredNumberScheduled']);
  if (desired === undefined) return inProgress('NoDesiredNumber', 'Missing .status.desiredNumberScheduled');
  const [current, updated, available, ready] = statusInts(obj, ['currentNumberScheduled', 'updatedNumberScheduled', 'numberAvailable', 'numberReady']);
  if (desired > current) return inProgress('LessCurrent', `Current: ${current}/${desired}`);
  if (desired > updated) return inProgress('LessUpdated', `Updated: ${updated}/${desired}`);
  if (desired > available) return inProgress('LessAvailable', `Available: ${available}/${desired}`);
  if (desired > ready) return inProgress('LessReady', `Ready: ${ready}/${desired}`);
  return result('Current', `All replicas scheduled as expected. Replicas: ${desired}`);
}

function replicaSetStatus(obj: KubeObject): KstatusResult {
  if (conditionsOf(obj).some((c) => c.type === 'ReplicaFailure' && c.status === 'True')) {
    return inProgress('ReplicaFailure', 'Replica Failure condition. Check Pods');
  }
  const spec = intAt(obj, ['spec', 'replicas']) ?? 1;
  const [replicas, ready, available, labelled] = statusInts(obj, ['replicas', 'readyReplicas', 'availableReplicas', 'fullyLabeledReplicas']);
  if (spec > labelled) return inProgress('LessLabelled', `Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress('LessAvailable', `Available: ${available}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  return result('Current', `ReplicaSet is available. Replicas: ${replicas}`);
}

function pvcStatus(obj: KubeObject): KstatusResult {
  const phase = stringAt(obj, ['status', 'phase']) ?? 'unknown';
  if (phase !== 'Bound') return inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
  return result('Current', 'PVC is Bound');
}

function podStatus(obj: KubeObject, now: Date): KstatusResult {
  const conditions = conditionsOf(obj);
  const phase = stringAt(obj, ['status', 'phase']) ?? '';
  switch (phase) {
    case 'Succeeded':
      return result('Current', 'Pod has completed successfully');
    case 'Failed':
      return result('Current', 'Pod has completed, but not successfully');
    case 'Running': {
      if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) return result('Current', 'Pod is Ready');
      const looping = crashLoopingContainers(obj);
      if (looping.length > 0) return failed('ContainerCrashLooping', `Containers in CrashLoop state: ${looping.join(',')}`);
      return inProgress('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const scheduled = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      if (scheduled?.reason === 'Unschedulable') {
        const created = Date.parse(obj.metadata?.creationTimestamp ?? '');
        // A pod gets a grace window to be scheduled before it is reported as unschedulable.
        if (!Number.isNaN(created) && now.getTime() - SCHEDULE_WINDOW_MS < created) {
          return inProgress('PodNotScheduled', 'Pod has not been scheduled');
        }
        return failed('PodUnschedulable', 'Pod could not be scheduled');
      }
      return inProgress('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

function crashLoopingContainers(obj: KubeObject): string[] {
  const statuses = valueAt(obj, ['status', 'containerStatuses']);
  if (!Array.isArray(statuses)) return [];
  return statuses
    .filter((cs): cs is Obj => isObj(cs) && typeof cs.name === 'string' && valueAt(cs, ['state', 'waiting', 'reason']) === 'CrashLoopBackOff')
    .map((cs) => cs.name as string);
}

/** Flux's Job reader: Current only once Complete (or suspended), Failed on Failed, else in progress. */
function jobStatus(obj: KubeObject): KstatusResult {
  const parallelism = intAt(obj, ['spec', 'parallelism']) ?? 1;
  const completions = intAt(obj, ['spec', 'completions']) ?? parallelism;
  const [succeeded, failedPods] = statusInts(obj, ['succeeded', 'failed']);
  for (const c of conditionsOf(obj)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return result('Current', `Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed') return failed('JobFailed', `Job Failed. failed: ${failedPods}/${completions}`);
    if (c.type === 'Suspended') return result('Current', 'Job is suspended');
  }
  return inProgress('JobInProgress', 'Job in progress');
}

function serviceStatus(obj: KubeObject): KstatusResult {
  const type = stringAt(obj, ['spec', 'type']) ?? 'ClusterIP';
  if (type === 'LoadBalancer' && (stringAt(obj, ['spec', 'clusterIP']) ?? '') === '') {
    return inProgress('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
  }
  return result('Current', 'Service is ready');
}

function crdStatus(obj: KubeObject): KstatusResult {
  for (const c of conditionsOf(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(c.reason, c.message);
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(c.reason, c.message);
      if (c.status === 'True') return result('Current', 'CRD is established');
    }
  }
  return inProgress('Installing', 'Install in progress');
}

// ---- results and field access ----

function result(status: KstatusStatus, message: string, conditions: KstatusCondition[] = []): KstatusResult {
  return { status, message, conditions };
}

function inProgress(reason: string, message: string): KstatusResult {
  return result('InProgress', message, [{ type: 'Reconciling', status: 'True', reason, message }]);
}

function failed(reason: string, message: string): KstatusResult {
  return result('Failed', message, [stalled(reason, message)]);
}

function stalled(reason: string, message: string): KstatusCondition {
  return { type: 'Stalled', status: 'True', reason, message };
}

function groupKind(obj: KubeObject): string {
  const slash = typeof obj.apiVersion === 'string' ? obj.apiVersion.indexOf('/') : -1;
  return slash < 0 ? obj.kind : `${obj.apiVersion.slice(0, slash)}/${obj.kind}`;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** An integer field, as kstatus's GetIntField reads it: anything that is not an integer counts as absent. */
function intAt(obj: unknown, path: string[]): number | undefined {
  const value = valueAt(obj, path);
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function stringAt(obj: unknown, path: string[]): string | undefined {
  const value = valueAt(obj, path);
  return typeof value === 'string' ? value : undefined;
}

/** `.status.<field>` integers, each defaulting to 0, in the order asked. */
function statusInts<const F extends readonly string[]>(obj: KubeObject, fields: F): { [I in keyof F]: number } {
  return fields.map((f) => intAt(obj, ['status', f]) ?? 0) as { [I in keyof F]: number };
}

function conditionsOf(obj: KubeObject): BasicCondition[] {
  const list = valueAt(obj, ['status', 'conditions']);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error(`${obj.kind} .status.conditions is not a list`);
  return list.filter(isObj).map((c) => ({
    type: typeof c.type === 'string' ? c.type : '',
    status: typeof c.status === 'string' ? c.status : '',
    reason: typeof c.reason === 'string' ? c.reason : '',
    message: typeof c.message === 'string' ? c.message : '',
  }));
}
