import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuntimeMetrics } from './metrics.js';
import { WorkQueue } from './work-queue.js';

/** Takes every key that is ready right now. */
async function drain(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) keys.push((await queue.get())!);
  return keys;
}

/** Fails a key `times` times in a row and returns how long each rate-limited add took to become ready. */
async function backoffs(queue: WorkQueue, key: string, times: number): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = Date.now();
    queue.addRateLimited(key);
    while (queue.length === 0) await vi.advanceTimersByTimeAsync(1);
    delays.push(Date.now() - start);
    queue.done((await queue.get())!);
  }
  return delays;
}

describe('WorkQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands keys out in the order they were added and merges duplicates of a waiting key', async () => {
    const queue = new WorkQueue();
    for (const key of ['a/x', 'a/y', 'a/x', 'a/z', 'a/y']) queue.add(key);
    expect(queue.length).toBe(3);
    expect(await drain(queue)).toEqual(['a/x', 'a/y', 'a/z']);
  });

  it('never hands a key being processed to another worker, and re-queues it at done() when added meanwhile', async () => {
    const queue = new WorkQueue();
    queue.add('a/x');
    expect(await queue.get()).toBe('a/x');
    queue.add('a/x');
    queue.add('a/x');
    expect(queue.length).toBe(0);
    let second: string | undefined;
    void queue.get().then((key) => (second = key));
    await vi.advanceTimersByTimeAsync(1000);
    expect(second).toBeUndefined();
    queue.done('a/x');
    await vi.advanceTimersByTimeAsync(0);
    expect(second).toBe('a/x');
    queue.done('a/x');
    expect(queue.length).toBe(0);
  });

  it('does not re-queue a key at done() when nobody added it meanwhile', async () => {
    const queue = new WorkQueue();
    queue.add('a/x');
    queue.done((await queue.get())!);
    expect(queue.length).toBe(0);
  });

  it('makes get() wait for the next add', async () => {
    const queue = new WorkQueue();
    const got = queue.get();
    queue.add('a/x');
    expect(await got).toBe('a/x');
  });

  it('delays addAfter, and the earliest pending time for a key wins', async () => {
    const queue = new WorkQueue();
    queue.addAfter('a/late-then-early', 1000);
    queue.addAfter('a/late-then-early', 100);
    queue.addAfter('a/early-then-late', 100);
    queue.addAfter('a/early-then-late', 1000);
    await vi.advanceTimersByTimeAsync(99);
    expect(queue.length).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await drain(queue)).toEqual(['a/late-then-early', 'a/early-then-late']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(queue.length).toBe(0);
  });

  it('treats addAfter with no delay as add', () => {
    const queue = new WorkQueue();
    queue.addAfter('a/x', 0);
    expect(queue.length).toBe(1);
  });

  it('backs off per key exponentially from 5 ms, and forget resets the backoff', async () => {
    const queue = new WorkQueue();
    expect(await backoffs(queue, 'a/x', 4)).toEqual([5, 10, 20, 40]);
    expect(queue.numRequeues('a/x')).toBe(4);
    expect(await backoffs(queue, 'a/other', 1)).toEqual([5]);
    queue.forget('a/x');
    expect(queue.numRequeues('a/x')).toBe(0);
    expect(await backoffs(queue, 'a/x', 1)).toEqual([5]);
  });

  it('caps the backoff at the maximum delay', async () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 50 });
    expect(await backoffs(queue, 'a/x', 5)).toEqual([10, 20, 40, 50, 50]);
  });

  it('keeps the earliest time when a rate-limited key is added again before it is ready', async () => {
    const queue = new WorkQueue();
    queue.addRateLimited('a/x'); // ready in 5 ms
    queue.addRateLimited('a/x'); // would be 10 ms: the 5 ms one wins
    await vi.advanceTimersByTimeAsync(5);
    expect(await drain(queue)).toEqual(['a/x']);
  });

  it('wakes waiting getters with undefined on shutDown, cancels delayed adds and ignores later adds', async () => {
    const queue = new WorkQueue();
    const waiting = [queue.get(), queue.get()];
    queue.addAfter('a/x', 100);
    queue.shutDown();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
    expect(vi.getTimerCount()).toBe(0);
    queue.add('a/y');
    queue.addRateLimited('a/z');
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBeUndefined();
    expect(queue.isShuttingDown).toBe(true);
  });

  it('reports its depth and adds as workqueue metrics', async () => {
    const metrics = new RuntimeMetrics();
    const queue = new WorkQueue({ name: 'gitrepository', metrics });
    queue.add('a/x');
    queue.add('a/y');
    queue.add('a/y');
    const text = await metrics.registry.metrics();
    expect(text).toContain('workqueue_depth{name="gitrepository"} 2');
    expect(text).toContain('workqueue_adds_total{name="gitrepository"} 2');
    await queue.get();
    expect(await metrics.registry.metrics()).toContain('workqueue_depth{name="gitrepository"} 1');
  });
});
