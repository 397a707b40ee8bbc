// The controller loop of controller-runtime: N workers take keys from one queue, reconcile, and
// hand the outcome to the queue (outcome.ts). The queue guarantees a key is never reconciled by
// two workers at once; everything else about the object is the reconciler's business.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { errorMessage, formatDuration } from '../lib/index.js';
import type { RuntimeMetrics } from './metrics.js';
import { applyQueueAction, outcomeError, queueActionFor, WaitingError, type ReconcileOutcome, type ReconcileResult } from './outcome.js';
import type { WorkQueue } from './work-queue.js';

/** Options of runController. */
export interface ControllerOptions {
  /** Controller name in logs and metrics (Flux: the lowercase kind, e.g. `gitrepository`). */
  name: string;
  /** The Kubernetes kind reconciled, for gotk_reconcile_duration_seconds. */
  kind: string;
  queue: WorkQueue;
  /** Number of workers (Flux's --concurrent). */
  concurrent: number;
  /** Reconciles the object behind a "namespace/name" key; `log` already carries the object and a reconcileID. */
  reconcile: (key: string, log: Logger) => Promise<ReconcileResult>;
  logger: Logger;
  metrics?: RuntimeMetrics;
}

/** A running controller. */
export interface RunningController {
  /** Shuts the queue down and resolves once every in-flight reconcile has finished. */
  stop(): Promise<void>;
}

/** Splits a queue key into namespace and name ("name" alone is cluster-scoped). */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Starts `concurrent` workers on the queue; the queue belongs to the controller from now on (stop() shuts it down). */
export function runController(options: ControllerOptions): RunningController {
  const workers = Array.from({ length: Math.max(1, options.concurrent) }, () => work(options));
  return {
    async stop() {
      options.queue.shutDown();
      await Promise.all(workers);
    },
  };
}

async function work(options: ControllerOptions): Promise<void> {
  for (;;) {
    const key = await options.queue.get();
    if (key === undefined) return;
    try {
      await reconcileKey(options, key);
    } finally {
      options.queue.done(key);
    }
  }
}

async function reconcileKey(options: ControllerOptions, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const log = options.logger.child({ controller: options.name, controllerKind: options.kind, name, namespace, reconcileID: randomUUID() });
  const started = performance.now();
  let outcome: ReconcileOutcome;
  try {
    outcome = { result: await options.reconcile(key, log) };
  } catch (error) {
    outcome = { error };
  }
  const seconds = (performance.now() - started) / 1000;
  const action = queueActionFor(outcome);
  applyQueueAction(options.queue, key, action);
  options.metrics?.observeReconcile(options.kind, namespace, name, seconds);
  options.metrics?.countReconcile(options.name, action.result);
  const error = outcomeError(outcome);
  if (error instanceof WaitingError) {
    log.info({ requeueAfterMs: error.retryAfterMs }, error.message); // waiting is not a failure of the object
  } else if (error !== undefined) {
    const next = action.type === 'requeueAfter' ? { requeueAfterMs: action.ms } : { action: action.type };
    log.error({ err: error, error: errorMessage(error), ...next }, 'Reconciler error');
  } else if (action.type === 'requeueAfter') {
    // Flux's closing line of every successful reconcile.
    log.info(`Reconciliation finished in ${formatDuration(Math.round(seconds * 1000))}, next run in ${formatDuration(action.ms)}`);
  }
}
