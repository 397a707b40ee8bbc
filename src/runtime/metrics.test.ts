import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { exponentialBucketsRange, RuntimeMetrics } from './metrics.js';

describe('RuntimeMetrics', () => {
  it('uses Flux\'s 10 exponential buckets from 0.01 s to 1800 s', () => {
    const buckets = exponentialBucketsRange(0.01, 1800, 10);
    expect(buckets).toHaveLength(10);
    expect(buckets[0]).toBe(0.01);
    expect(buckets[9]).toBeCloseTo(1800, 9);
    expect(buckets[1]! / buckets[0]!).toBeCloseTo(buckets[9]! / buckets[8]!, 9);
  });

  it('exposes reconcile counts and durations under Flux\'s and controller-runtime\'s names', async () => {
    const metrics = new RuntimeMetrics();
    metrics.countReconcile('gitrepository', 'success');
    metrics.countReconcile('gitrepository', 'error');
    metrics.countReconcile('gitrepository', 'error');
    metrics.observeReconcile('GitRepository', 'apps', 'web', 0.5);
    const text = await metrics.registry.metrics();
    expect(text).toContain('controller_runtime_reconcile_total{controller="gitrepository",result="success"} 1');
    expect(text).toContain('controller_runtime_reconcile_total{controller="gitrepository",result="error"} 2');
    expect(text).toContain('controller_runtime_reconcile_errors_total{controller="gitrepository"} 2');
    expect(text).toContain('gotk_reconcile_duration_seconds_bucket{le="0.01",kind="GitRepository",name="web",namespace="apps"} 0');
    expect(text).toContain('gotk_reconcile_duration_seconds_bucket{le="+Inf",kind="GitRepository",name="web",namespace="apps"} 1');
    expect(text).toContain('gotk_reconcile_duration_seconds_sum{kind="GitRepository",name="web",namespace="apps"} 0.5');
  });

  it('drops the series of a deleted object', async () => {
    const metrics = new RuntimeMetrics();
    metrics.observeReconcile('GitRepository', 'apps', 'web', 1);
    metrics.observeReconcile('GitRepository', 'apps', 'api', 1);
    metrics.deleteObject('GitRepository', 'apps', 'web');
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('name="web"');
    expect(text).toContain('name="api"');
  });

  it('keeps to its own registry, so two instances do not collide', async () => {
    const registry = new Registry();
    const a = new RuntimeMetrics(registry);
    const b = new RuntimeMetrics();
    a.countReconcile('a', 'success');
    expect(a.registry).toBe(registry);
    expect(await b.registry.metrics()).not.toContain('controller="a"');
  });
});
