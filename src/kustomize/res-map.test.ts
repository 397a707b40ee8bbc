import { describe, expect, it } from 'vitest';
import { BUILTIN_OPENAPI } from './patch/index.js';
import { ResMap } from './res-map.js';
import type { Resource } from './resource.js';

const cm = (name: string, data: Record<string, string>, extra: Partial<Resource> = {}, path = 'a.yaml'): Resource =>
  ({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }, prevIds: [], origin: { path }, ...extra });

describe('resource map', () => {
  it('refuses a second resource with the same id, naming both origins', () => {
    const map = new ResMap(BUILTIN_OPENAPI);
    map.append(cm('x', {}));
    expect(() => map.append(cm('x', {}, {}, 'b.yaml'))).toThrow(/already registered id: ConfigMap.v1\/x.\[noNs\] \(from b.yaml; already added from a.yaml\)/);
  });
  it('treats an unset namespace and "default" as the same id', () => {
    const map = new ResMap(BUILTIN_OPENAPI);
    map.append(cm('x', {}));
    const other = cm('x', {});
    (other.obj.metadata as Record<string, string>).namespace = 'default';
    expect(() => map.append(other)).toThrow(/already registered/);
  });
  it('merges a generated resource into the one it names, by its earlier name too', () => {
    const map = new ResMap(BUILTIN_OPENAPI);
    const base = cm('p-cfg', { a: '1', b: '1' }, { needsHash: true, prevIds: [{ group: '', version: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: '' }] });
    map.append(base);
    map.absorb(cm('cfg', { b: '2' }, { behavior: 'merge', needsHash: false }), 'k.yaml');
    expect(base.obj).toMatchObject({ metadata: { name: 'p-cfg' }, data: { a: '1', b: '2' } });
    expect(base.needsHash).toBe(true);
  });
  it('replaces data and takes the hash option of the replacement', () => {
    const map = new ResMap(BUILTIN_OPENAPI);
    const base = cm('cfg', { a: '1' }, { needsHash: true });
    map.append(base);
    map.absorb(cm('cfg', { z: '9' }, { behavior: 'replace', needsHash: false }), 'k.yaml');
    expect(base.obj.data).toEqual({ z: '9' });
    expect(base.needsHash).toBe(false);
  });
  it('refuses to merge into nothing', () => {
    expect(() => new ResMap(BUILTIN_OPENAPI).absorb(cm('cfg', {}, { behavior: 'merge' }), 'k.yaml')).toThrow(/does not exist; cannot merge or replace/);
  });
});
