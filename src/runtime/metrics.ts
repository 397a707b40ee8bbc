// The Prometheus metrics a Flux controller exposes, with Flux's and controller-runtime's names so
// that existing dashboards and alerts (flux2-monitoring-example) work unchanged (flux-spec §9).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The `result` label of controller_runtime_reconcile_total, as controller-runtime sets it. */
export type ReconcileResultLabel = 'success' | 'error' | 'requeue' | 'requeue_after';

/**
 * Buckets of Go's prometheus.ExponentialBucketsRange(min, max, count): `count` buckets growing by
 * a constant factor from `min` to `max` (Flux: 0.01 s … 1800 s in 10 buckets).
 */
export function exponentialBucketsRange(min: number, max: number, count: number): number[] {
  const factor = Math.pow(max / min, 1 / (count - 1));
  return Array.from({ length: count }, (_, i) => min * Math.pow(factor, i));
}

/** The runtime's metrics in their own registry (never prom-client's global one, so tests and several controllers in one process do not collide). */
export class RuntimeMetrics {
  /** The registry the health server's /metrics renders. */
  readonly registry: Registry;
  private readonly reconcileTotal: Counter<'controller' | 'result'>;
  private readonly reconcileErrors: Counter<'controller'>;
  private readonly reconcileDuration: Histogram<'kind' | 'name' | 'namespace'>;
  private readonly queueDepth: Gauge<'name'>;
  private readonly queueAdds: Counter<'name'>;
  private readonly queueRetries: Counter<'name'>;

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    this.reconcileTotal = new Counter({ name: 'controller_runtime_reconcile_total', help: 'Total number of reconciliations per controller', labelNames: ['controller', 'result'], registers });
    this.reconcileErrors = new Counter({ name: 'controller_runtime_reconcile_errors_total', help: 'Total number of reconciliation errors per controller', labelNames: ['controller'], registers });
    this.reconcileDuration = new Histogram({
      name: 'gotk_reconcile_duration_seconds',
      help: 'The duration in seconds of a GitOps Toolkit resource reconciliation.',
      labelNames: ['kind', 'name', 'namespace'],
      buckets: exponentialBucketsRange(0.01, 1800, 10),
      registers,
    });
    this.queueDepth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name'], registers });
    this.queueAdds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: ['name'], registers });
    this.queueRetries = new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames: ['name'], registers });
  }

  /** Records how long one reconcile of an object took. */
  observeReconcile(kind: string, namespace: string, name: string, seconds: number): void {
    this.reconcileDuration.observe({ kind, name, namespace }, seconds);
  }

  /** Counts one reconcile by its result. */
  countReconcile(controller: string, result: ReconcileResultLabel): void {
    this.reconcileTotal.inc({ controller, result });
    if (result === 'error') this.reconcileErrors.inc({ controller });
  }

  /** Drops an object's series once it is deleted, as Flux does, so deleted objects do not linger on dashboards. */
  deleteObject(kind: string, namespace: string, name: string): void {
    this.reconcileDuration.remove({ kind, name, namespace });
  }

  /** Sets the number of keys waiting in a work queue. */
  setQueueDepth(queue: string, depth: number): void {
    this.queueDepth.set({ name: queue }, depth);
  }

  /** Counts one add to a work queue. */
  countQueueAdd(queue: string): void {
    this.queueAdds.inc({ name: queue });
  }

  /** Counts one rate-limited re-add to a work queue. */
  countQueueRetry(queue: string): void {
    this.queueRetries.inc({ name: queue });
  }
}
