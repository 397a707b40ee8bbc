import { describe, expect, it } from 'vitest';
import { BUILTIN_OPENAPI } from '../patch/index.js';
import type { Resource } from '../resource.js';
import { NAMESPACE_SPECS, PREFIX_SPECS } from './field-specs.js';
import { transformNamespace, transformPrefixSuffix } from './metadata.js';

const res = (obj: Record<string, unknown>): Resource => ({ obj, prevIds: [], origin: {} });

describe('namespace transformer', () => {
  it('sets namespaced kinds, renames Namespaces, leaves other cluster-scoped kinds alone', () => {
    const list = [
      res({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'old' } }),
      res({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'old' } }),
      res({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } }),
    ];
    transformNamespace(list, 'new', NAMESPACE_SPECS, BUILTIN_OPENAPI);
    expect(list.map((r) => r.obj.metadata)).toEqual([{ name: 'c', namespace: 'new' }, { name: 'new' }, { name: 'r' }]);
    expect(list[0]!.prevIds[0]).toMatchObject({ name: 'c', namespace: 'old' });
  });
  it('moves ServiceAccount subjects named "default" only', () => {
    const rb = res({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'x' }, { kind: 'ServiceAccount', name: 'other', namespace: 'x' }] });
    transformNamespace([rb], 'new', NAMESPACE_SPECS, BUILTIN_OPENAPI);
    expect(rb.obj.subjects).toEqual([{ kind: 'ServiceAccount', name: 'default', namespace: 'new' }, { kind: 'ServiceAccount', name: 'other', namespace: 'x' }]);
  });
});

describe('prefix and suffix transformer', () => {
  it('renames, remembers the old id and skips CRDs and Namespaces', () => {
    const cm = res({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    const crd = res({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'ws.x.io' } });
    transformPrefixSuffix([cm, crd], 'p-', '-s', PREFIX_SPECS);
    expect((cm.obj.metadata as { name: string }).name).toBe('p-c-s');
    expect(cm.prevIds.map((p) => p.name)).toEqual(['c']);
    expect(cm.prefixes).toEqual(['p-']);
    expect((crd.obj.metadata as { name: string }).name).toBe('ws.x.io');
  });
});
