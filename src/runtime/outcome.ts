// The three outcomes of a reconcile (STYLE.md §4) and the one pure function that turns an outcome
// into what the work queue does next — the same rules controller-runtime applies to Flux's
// (Result, error) pairs:
//  - StallingError: the user must change something; no requeue (a spec change brings it back);
//  - WaitingError: retry after its delay, without backoff (e.g. a dependency is not ready);
//  - any other error: transient; requeue after the object's retryInterval when the reconciler
//    gives one, else per-key exponential backoff;
//  - success: requeue after the interval the reconciler returns (or not at all).
import { WeirError } from '../lib/index.js';
import type { ReconcileResultLabel } from './metrics.js';
import type { WorkQueue } from './work-queue.js';

/** The user must change something before a retry can succeed; the object is not requeued. */
export class StallingError extends WeirError {}

/** Not an error of the object: retry after `retryAfterMs`, without backoff. */
export class WaitingError extends WeirError {
  /** How long to wait before the next attempt. */
  readonly retryAfterMs: number;

  constructor(code: string, message: string, options: number | { retryAfterMs: number; hint?: string; cause?: unknown }) {
    const { retryAfterMs, ...rest } = typeof options === 'number' ? { retryAfterMs: options } : options;
    super(code, message, rest);
    this.retryAfterMs = retryAfterMs;
  }
}

/** What a reconcile returns when it did not throw. */
export interface ReconcileResult {
  /** Look at the object again after this many milliseconds (Flux: spec.interval, or retryInterval on failure). */
  requeueAfterMs?: number;
  /** Look again soon, with per-key backoff (controller-runtime's Result.Requeue; e.g. after adding the finalizer). */
  requeue?: boolean;
  /**
   * A failure the reconciler already recorded in the object's status: logged and counted as an
   * error, but requeued after `requeueAfterMs` (the retryInterval) instead of with backoff.
   */
  error?: unknown;
}

/** A finished reconcile: either its result or what it threw. */
export type ReconcileOutcome = { result: ReconcileResult } | { error: unknown };

/** What the queue does with a key after a reconcile, and how the reconcile is counted. */
export type QueueAction =
  | { type: 'forget'; result: ReconcileResultLabel }
  | { type: 'requeueAfter'; ms: number; result: ReconcileResultLabel }
  | { type: 'rateLimited'; result: ReconcileResultLabel };

/** Decides the queue action for an outcome (pure; see the rules at the top of this file). */
export function queueActionFor(outcome: ReconcileOutcome): QueueAction {
  if (!('result' in outcome)) {
    const { error } = outcome;
    if (error instanceof StallingError) return { type: 'forget', result: 'error' };
    if (error instanceof WaitingError) return { type: 'requeueAfter', ms: error.retryAfterMs, result: 'requeue_after' };
    return { type: 'rateLimited', result: 'error' };
  }
  const { result } = outcome;
  const after = result.requeueAfterMs ?? 0;
  if (result.error !== undefined) {
    if (result.error instanceof StallingError) return { type: 'forget', result: 'error' };
    return after > 0 ? { type: 'requeueAfter', ms: after, result: 'error' } : { type: 'rateLimited', result: 'error' };
  }
  if (after > 0) return { type: 'requeueAfter', ms: after, result: 'requeue_after' };
  if (result.requeue) return { type: 'rateLimited', result: 'requeue' };
  return { type: 'forget', result: 'success' };
}

/** Applies a queue action to a key, as controller-runtime does (a fixed delay first forgets the backoff). */
export function applyQueueAction(queue: WorkQueue, key: string, action: QueueAction): void {
  switch (action.type) {
    case 'forget':
      queue.forget(key);
      return;
    case 'requeueAfter':
      queue.forget(key);
      queue.addAfter(key, action.ms);
      return;
    case 'rateLimited':
      queue.addRateLimited(key);
      return;
  }
}

/** The error of an outcome, if any (thrown, or recorded in the result). */
export function outcomeError(outcome: ReconcileOutcome): unknown {
  return 'result' in outcome ? outcome.result.error : outcome.error;
}
