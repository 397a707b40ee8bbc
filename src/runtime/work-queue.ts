// The work queue of client-go (k8s.io/client-go/util/workqueue) as controller-runtime uses it:
// level-based, so a key stands for "look at this object again", never for one event.
//  - a key waiting in the queue is there once: duplicate adds merge;
//  - a key being processed is never handed to a second worker; added meanwhile, it is marked
//    dirty and queued again at done();
//  - addAfter delays a key (the earliest pending time wins);
//  - addRateLimited backs off per key exponentially (ItemExponentialFailureRateLimiter), forget resets.
import type { RuntimeMetrics } from './metrics.js';

/** Options of a WorkQueue; the delays are controller-runtime's defaults. */
export interface WorkQueueOptions {
  /** First backoff of addRateLimited (5 ms), doubled on each failure. */
  baseDelayMs?: number;
  /** Upper bound of the backoff (1000 s). */
  maxDelayMs?: number;
  /** Name in the workqueue_* metrics. */
  name?: string;
  metrics?: RuntimeMetrics;
}

/** A de-duplicating, delaying, rate-limiting queue of object keys ("namespace/name"). */
export class WorkQueue {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly name: string;
  private readonly metrics: RuntimeMetrics | undefined;
  /** Keys ready to hand out, in order. */
  private readonly queue: string[] = [];
  /** Keys that need processing: those in `queue` plus those added while being processed. */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  /** Delayed keys: when each becomes ready and the timer that adds it. */
  private readonly waiting = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly failures = new Map<string, number>();
  private readonly getters: Array<(key: string | undefined) => void> = [];
  private shuttingDown = false;

  constructor(options: WorkQueueOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 1_000_000;
    this.name = options.name ?? 'queue';
    this.metrics = options.metrics;
  }

  /** Number of keys ready to be handed out (neither delayed nor being processed). */
  get length(): number {
    return this.queue.length;
  }

  /** Marks a key as needing processing; merges with a waiting duplicate. */
  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.metrics?.countQueueAdd(this.name);
    this.dirty.add(key);
    if (this.processing.has(key)) return; // done() queues it again
    this.queue.push(key);
    this.dispatch();
  }

  /** Adds a key once `ms` have passed; an earlier pending time for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + ms;
    const pending = this.waiting.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    timer.unref?.();
    this.waiting.set(key, { at, timer });
  }

  /** Adds a key after its per-key backoff: base × 2^failures, capped at the maximum. */
  addRateLimited(key: string): void {
    if (this.shuttingDown) return;
    this.metrics?.countQueueRetry(this.name);
    this.addAfter(key, this.nextBackoff(key));
  }

  /** Forgets a key's failures, so its next addRateLimited starts from the base delay again. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** How many rate-limited adds a key has had since it was last forgotten. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Waits for the next key and marks it as being processed; undefined once shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) return Promise.resolve(this.startProcessing(key));
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Ends the processing of a key; if it was added meanwhile, queues it again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.shuttingDown) {
      this.queue.push(key);
      this.dispatch();
    }
  }

  /** Stops the queue: waiting getters receive undefined, delayed adds are cancelled, later adds ignored. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.queue.length = 0;
    this.dirty.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
    this.reportDepth();
  }

  /** True once shutDown() was called. */
  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  private nextBackoff(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    return Math.min(this.baseDelayMs * 2 ** failures, this.maxDelayMs); // 2 ** n overflows to Infinity, then capped
  }

  private startProcessing(key: string): string {
    this.processing.add(key);
    this.dirty.delete(key);
    this.reportDepth();
    return key;
  }

  /** Hands ready keys straight to waiting getters. */
  private dispatch(): void {
    while (this.getters.length > 0 && this.queue.length > 0) {
      const resolve = this.getters.shift()!;
      resolve(this.startProcessing(this.queue.shift()!));
    }
    this.reportDepth();
  }

  private reportDepth(): void {
    this.metrics?.setQueueDepth(this.name, this.queue.length);
  }
}
