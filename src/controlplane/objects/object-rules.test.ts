import { describe, expect, it } from 'vitest';
import { ResourceRegistry } from '../registry/index.js';
import { prepareCreate, prepareUpdate } from './object-rules.js';

const registry = new ResourceRegistry();
const configMaps = registry.resolve('', 'v1', 'configmaps')!;
const now = new Date('2026-01-01T00:00:00Z');

describe('empty metadata collections', () => {
  it('are dropped on update, as metav1.ObjectMeta omits them (the last annotation removed)', () => {
    const current = prepareCreate(configMaps, 'default', { metadata: { name: 'x', annotations: { note: 'hello' }, labels: { a: 'b' } } }, now);
    const next = { ...current, metadata: { ...current.metadata, annotations: {}, labels: {}, finalizers: [], ownerReferences: [] } };
    const result = prepareUpdate(configMaps, current, next, 'main');
    expect(Object.keys(result.metadata).sort()).toEqual(['creationTimestamp', 'name', 'namespace', 'uid']);
  });

  it('are dropped on create, and non-empty ones kept', () => {
    const created = prepareCreate(configMaps, 'default', { metadata: { name: 'x', labels: {}, annotations: { a: 'b' }, finalizers: [] } }, now);
    expect(created.metadata.labels).toBeUndefined();
    expect(created.metadata.finalizers).toBeUndefined();
    expect(created.metadata.annotations).toEqual({ a: 'b' });
  });
});
