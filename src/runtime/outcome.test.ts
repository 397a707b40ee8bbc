import { describe, expect, it, vi } from 'vitest';
import { WeirError } from '../lib/index.js';
import { applyQueueAction, outcomeError, queueActionFor, StallingError, WaitingError } from './outcome.js';
import { WorkQueue } from './work-queue.js';

describe('outcomes', () => {
  it('are WeirErrors with a code, and WaitingError takes its delay as a number or in the options', () => {
    const stalled = new StallingError('source.invalid-url', 'GitRepository/apps/web: invalid URL', { hint: 'fix spec.url' });
    expect(stalled).toBeInstanceOf(WeirError);
    expect(stalled).toMatchObject({ name: 'StallingError', code: 'source.invalid-url', hint: 'fix spec.url' });
    const cause = new Error('not ready');
    const waiting = new WaitingError('kustomization.dependency', 'dependency apps/db is not ready', { retryAfterMs: 30_000, cause });
    expect(waiting).toMatchObject({ name: 'WaitingError', retryAfterMs: 30_000, cause });
    expect(new WaitingError('x', 'y', 1000).retryAfterMs).toBe(1000);
  });
});

describe('queueActionFor', () => {
  it.each([
    ['a StallingError: no requeue', { error: new StallingError('c', 'm') }, { type: 'forget', result: 'error' }],
    ['a WaitingError: after its delay, no backoff', { error: new WaitingError('c', 'm', 30_000) }, { type: 'requeueAfter', ms: 30_000, result: 'requeue_after' }],
    ['any other thrown error: backoff', { error: new Error('connection refused') }, { type: 'rateLimited', result: 'error' }],
    ['a recorded error with retryInterval: after it', { result: { error: new Error('x'), requeueAfterMs: 60_000 } }, { type: 'requeueAfter', ms: 60_000, result: 'error' }],
    ['a recorded error without retryInterval: backoff', { result: { error: new Error('x') } }, { type: 'rateLimited', result: 'error' }],
    ['a recorded StallingError: no requeue', { result: { error: new StallingError('c', 'm'), requeueAfterMs: 60_000 } }, { type: 'forget', result: 'error' }],
    ['success with an interval: after it', { result: { requeueAfterMs: 600_000 } }, { type: 'requeueAfter', ms: 600_000, result: 'requeue_after' }],
    ['success asking to requeue: backoff', { result: { requeue: true } }, { type: 'rateLimited', result: 'requeue' }],
    ['success alone: no requeue', { result: {} }, { type: 'forget', result: 'success' }],
  ] as const)('%s', (_, outcome, action) => {
    expect(queueActionFor(outcome)).toEqual(action);
  });

  it('finds the error of an outcome, thrown or recorded', () => {
    const err = new Error('x');
    expect(outcomeError({ error: err })).toBe(err);
    expect(outcomeError({ result: { error: err } })).toBe(err);
    expect(outcomeError({ result: {} })).toBeUndefined();
  });
});

describe('applyQueueAction', () => {
  it('forgets the backoff before a fixed delay, as controller-runtime does', () => {
    vi.useFakeTimers();
    try {
      const queue = new WorkQueue();
      queue.addRateLimited('a/x');
      queue.addRateLimited('a/x');
      applyQueueAction(queue, 'a/x', { type: 'requeueAfter', ms: 10, result: 'requeue_after' });
      expect(queue.numRequeues('a/x')).toBe(0);
      applyQueueAction(queue, 'a/x', { type: 'rateLimited', result: 'error' });
      expect(queue.numRequeues('a/x')).toBe(1);
      applyQueueAction(queue, 'a/x', { type: 'forget', result: 'error' });
      expect(queue.numRequeues('a/x')).toBe(0);
      queue.shutDown();
    } finally {
      vi.useRealTimers();
    }
  });
});
