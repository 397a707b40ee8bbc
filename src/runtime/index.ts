// runtime: what every controller needs around its reconcile function — the work queue (merging,
// one worker per key, backoff), the worker loop and the three outcomes, metrics and the health
// endpoint, the event recorder, leader election on a Lease and the serial status patcher. It
// behaves as controller-runtime and fluxcd/pkg/runtime do, so Flux's observable behaviour holds.
// It must never know a Flux kind or reconcile anything itself, never import a controller, and
// never reach the control plane except through the client it is given (RuntimeClient, which
// src/kube's KubeClient satisfies).
export { apiErrorStatus, describeRef, type EventSubject, type RuntimeClient, type RuntimeObject, type RuntimeObjectMeta, type RuntimeObjectRef } from './client.js';
export { runController, splitKey, type ControllerOptions, type RunningController } from './controller.js';
export { apiGroupOf, EVENT_ANNOTATION_PREFIX, eventMetadata, fluxEvent, involvedObjectOf, kubeEvent, kubeTime, type EventType, type FluxEvent, type InvolvedObject } from './event-payload.js';
export { EventRecorder, type EventRecorderOptions } from './events.js';
export { startHealthServer, type HealthServer, type HealthServerOptions } from './health-server.js';
export { LeaderElector, microTime, type LeaderElectorOptions, type LeaseSpec } from './leader-election.js';
export { exponentialBucketsRange, RuntimeMetrics, type ReconcileResultLabel } from './metrics.js';
export {
  applyQueueAction, outcomeError, queueActionFor, StallingError, WaitingError,
  type QueueAction, type ReconcileOutcome, type ReconcileResult,
} from './outcome.js';
export { StatusPatcher, type StatusPatcherOptions } from './status-patcher.js';
export { WorkQueue, type WorkQueueOptions } from './work-queue.js';
