import { describe, expect, it } from 'vitest';
import { NAME_REFERENCES } from './builtins/name-reference-specs.js';
import { fixNameReferences } from './name-reference.js';
import { BUILTIN_OPENAPI } from './patch/index.js';
import type { Resource } from './resource.js';

const res = (obj: Record<string, unknown>, prev?: { name: string; namespace?: string }): Resource => ({
  obj, origin: {},
  prevIds: prev ? [{ group: '', version: 'v1', kind: String(obj.kind), name: prev.name, namespace: prev.namespace ?? '' }] : [],
});

describe('name references', () => {
  it('follows a renamed ConfigMap into a pod template in the same namespace only', () => {
    const cm = res({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg-abc', namespace: 'a' } }, { name: 'cfg', namespace: 'a' });
    const pod = (ns: string) => res({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns }, spec: { volumes: [{ name: 'v', configMap: { name: 'cfg' } }] } });
    const same = pod('a');
    const other = pod('b');
    fixNameReferences([cm, same, other], NAME_REFERENCES, BUILTIN_OPENAPI);
    expect(same.obj.spec).toEqual({ volumes: [{ name: 'v', configMap: { name: 'cfg-abc' } }] });
    expect(other.obj.spec).toEqual({ volumes: [{ name: 'v', configMap: { name: 'cfg' } }] });
  });
  it('updates RBAC subjects with the new name and namespace', () => {
    const sa = res({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'p-sa', namespace: 'prod' } }, { name: 'sa' });
    const crb = res({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'crb' }, subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'default' }] });
    fixNameReferences([sa, crb], NAME_REFERENCES, BUILTIN_OPENAPI);
    expect(crb.obj.subjects).toEqual([{ kind: 'ServiceAccount', name: 'p-sa', namespace: 'prod' }]);
  });
  it('tells a Role from a ClusterRole of the same name in roleRef', () => {
    const role = { ...res({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'p-r' } }), prevIds: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', name: 'r', namespace: '' }] };
    const rb = res({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' } });
    fixNameReferences([role, rb], NAME_REFERENCES, BUILTIN_OPENAPI);
    expect((rb.obj.roleRef as { name: string }).name).toBe('r');
  });
});
