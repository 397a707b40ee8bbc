import { pino, type Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { runController, splitKey } from './controller.js';
import { RuntimeMetrics } from './metrics.js';
import { StallingError, WaitingError } from './outcome.js';
import { WorkQueue } from './work-queue.js';
import { waitFor } from '../../test/support/until.js';

/** A logger whose JSON lines land in `lines`. */
function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) };
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('splitKey', () => {
  it('splits namespace/name and treats a bare name as cluster-scoped', () => {
    expect(splitKey('apps/web')).toEqual({ namespace: 'apps', name: 'web' });
    expect(splitKey('web')).toEqual({ namespace: '', name: 'web' });
  });
});

describe('runController', () => {
  it('reconciles on N workers in parallel, never one key on two workers at once', async () => {
    const queue = new WorkQueue();
    const { logger } = captureLogger();
    const running = new Set<string>();
    let overlap = false;
    let peak = 0;
    let calls = 0;
    const controller = runController({
      name: 'test', kind: 'Test', queue, concurrent: 3, logger,
      reconcile: async (key) => {
        if (running.has(key)) overlap = true;
        running.add(key);
        peak = Math.max(peak, running.size);
        await sleep(10);
        running.delete(key);
        calls++;
        return {};
      },
    });
    for (let round = 0; round < 5; round++) {
      for (const key of ['a/1', 'a/2', 'a/3']) queue.add(key);
      await sleep(3);
    }
    await waitFor(() => queue.length === 0 && running.size === 0 && calls >= 6, 5000, 2);
    await controller.stop();
    expect(overlap).toBe(false);
    expect(peak).toBe(3);
  });

  it('gives each reconcile a child logger carrying the controller, the object and a reconcileID', async () => {
    const queue = new WorkQueue();
    const { logger, lines } = captureLogger();
    const controller = runController({
      name: 'gitrepository', kind: 'GitRepository', queue, concurrent: 1, logger,
      reconcile: async (_key, log) => {
        log.info('Reconciliation finished');
        return {};
      },
    });
    queue.add('apps/web');
    queue.add('apps/api');
    await waitFor(() => lines.length === 2, 5000, 2);
    await controller.stop();
    expect(lines[0]).toMatchObject({ msg: 'Reconciliation finished', controller: 'gitrepository', controllerKind: 'GitRepository', name: 'web', namespace: 'apps' });
    expect(lines[0]!['reconcileID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[1]!['reconcileID']).not.toBe(lines[0]!['reconcileID']);
  });

  it('retries a thrown error with backoff, logs it and counts it, then counts the success', async () => {
    const queue = new WorkQueue();
    const metrics = new RuntimeMetrics();
    const { logger, lines } = captureLogger();
    let attempts = 0;
    const controller = runController({
      name: 'gitrepository', kind: 'GitRepository', queue, concurrent: 1, logger, metrics,
      reconcile: async () => {
        attempts++;
        if (attempts < 3) throw new Error('connection refused');
        return { requeueAfterMs: 600_000 };
      },
    });
    queue.add('apps/web');
    await waitFor(() => attempts === 3, 5000, 2);
    await sleep(5);
    await controller.stop();
    expect(queue.numRequeues('apps/web')).toBe(0); // the success forgot the backoff
    const errors = lines.filter((line) => line['msg'] === 'Reconciler error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ level: 50, error: 'connection refused', action: 'rateLimited', name: 'web' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('controller_runtime_reconcile_total{controller="gitrepository",result="error"} 2');
    expect(text).toContain('controller_runtime_reconcile_total{controller="gitrepository",result="requeue_after"} 1');
    expect(text).toContain('gotk_reconcile_duration_seconds_count{kind="GitRepository",name="web",namespace="apps"} 3');
  });

  it('does not requeue a stalled object and logs a waiting one at info', async () => {
    const queue = new WorkQueue();
    const { logger, lines } = captureLogger();
    const seen: string[] = [];
    const controller = runController({
      name: 'ks', kind: 'Kustomization', queue, concurrent: 2, logger,
      reconcile: async (key) => {
        seen.push(key);
        if (key === 'a/stalled') throw new StallingError('ks.invalid', 'invalid path');
        throw new WaitingError('ks.dependency', 'dependency a/db is not ready', 60_000);
      },
    });
    queue.add('a/stalled');
    queue.add('a/waiting');
    await waitFor(() => seen.length === 2, 5000, 2);
    await sleep(20);
    await controller.stop();
    expect(seen.sort()).toEqual(['a/stalled', 'a/waiting']);
    expect(lines.find((line) => line['name'] === 'waiting')).toMatchObject({ level: 30, msg: 'dependency a/db is not ready', requeueAfterMs: 60_000 });
    expect(lines.find((line) => line['name'] === 'stalled')).toMatchObject({ level: 50, msg: 'Reconciler error', action: 'forget' });
  });

  it('stop() waits for the reconciles in flight and hands out no more keys', async () => {
    const queue = new WorkQueue();
    const { logger } = captureLogger();
    let finished = 0;
    let started = 0;
    const controller = runController({
      name: 'test', kind: 'Test', queue, concurrent: 2, logger,
      reconcile: async () => {
        started++;
        await sleep(50);
        finished++;
        return {};
      },
    });
    for (const key of ['a/1', 'a/2', 'a/3', 'a/4']) queue.add(key);
    await waitFor(() => started === 2, 5000, 2);
    await controller.stop();
    expect(finished).toBe(2);
    expect(started).toBe(2);
  });
});
