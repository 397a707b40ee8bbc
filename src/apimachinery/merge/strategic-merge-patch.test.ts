// Strategic merge patch scenarios, as kubectl sends them to the API server.
import { describe, expect, it } from 'vitest';
import { builtinSchemaFor } from '../schema/index.js';
import { applyStrategicMergePatch, StrategicMergePatchError } from './index.js';

const deploymentSchema = builtinSchemaFor({ group: 'apps', version: 'v1', kind: 'Deployment' });
const configMapSchema = builtinSchemaFor({ group: '', version: 'v1', kind: 'ConfigMap' });

function deployment(containers: unknown[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers, ...extra } } },
  };
}

function podSpecOf(obj: Record<string, unknown>): Record<string, unknown> {
  return ((obj.spec as Record<string, unknown>).template as Record<string, unknown>).spec as Record<string, unknown>;
}

describe('applyStrategicMergePatch on a Deployment', () => {
  it('applies the patch kubectl client-side apply sends for an image change', () => {
    const live = deployment([
      { name: 'a', image: 'nginx:2', ports: [{ containerPort: 80 }] },
      { name: 'b', image: 'redis:7' },
    ]);
    const patch = {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ image: 'nginx:3', name: 'a' }] } } },
    };
    const result = applyStrategicMergePatch(live, patch, deploymentSchema);
    expect(podSpecOf(result).containers).toEqual([
      { name: 'a', image: 'nginx:3', ports: [{ containerPort: 80 }] },
      { name: 'b', image: 'redis:7' },
    ]);
    expect(result.spec).toMatchObject({ replicas: 2 });
    expect(JSON.stringify(result)).not.toContain('$setElementOrder');
  });

  it('changes one container image and keeps the other containers', () => {
    const live = deployment([{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'envoy:1' }]);
    const result = applyStrategicMergePatch(live, { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'envoy:2' }] } } } }, deploymentSchema);
    expect(podSpecOf(result).containers).toEqual([{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'envoy:2' }]);
  });

  it('merges env vars by name and puts new ones first, as the API server does', () => {
    const live = deployment([{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } } } };
    const result = applyStrategicMergePatch(live, patch, deploymentSchema);
    expect(podSpecOf(result).containers).toEqual([
      { name: 'app', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }] },
    ]);
  });

  it('merges container ports by containerPort', () => {
    const live = deployment([{ name: 'app', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }] }]);
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 443, protocol: 'TCP' }] }] } } } };
    const result = applyStrategicMergePatch(live, patch, deploymentSchema);
    expect(podSpecOf(result).containers).toEqual([
      { name: 'app', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https', protocol: 'TCP' }] },
    ]);
  });

  it('drops the old volume source when $retainKeys lists only the new one', () => {
    const live = deployment([{ name: 'app' }], { volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }] });
    const patch = { spec: { template: { spec: { volumes: [{ $retainKeys: ['hostPath', 'name'], name: 'data', hostPath: { path: '/data' } }] } } } };
    const result = applyStrategicMergePatch(live, patch, deploymentSchema);
    expect(podSpecOf(result).volumes).toEqual([{ name: 'data', hostPath: { path: '/data' } }, { name: 'cfg', configMap: { name: 'cfg' } }]);
  });

  it('deletes a list item with $patch: delete', () => {
    const live = deployment([{ name: 'app' }, { name: 'debug' }]);
    const patch = { spec: { template: { spec: { containers: [{ name: 'debug', $patch: 'delete' }] } } } };
    expect(podSpecOf(applyStrategicMergePatch(live, patch, deploymentSchema)).containers).toEqual([{ name: 'app' }]);
  });

  it('replaces a whole list with a $patch: replace item', () => {
    const live = deployment([{ name: 'app' }, { name: 'debug' }]);
    const patch = { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } } } };
    expect(podSpecOf(applyStrategicMergePatch(live, patch, deploymentSchema)).containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('replaces a map with $patch: replace instead of merging into it', () => {
    const live = deployment([{ name: 'app' }]);
    const patch = { spec: { template: { metadata: { labels: { $patch: 'replace', tier: 'front' } } } } };
    const result = applyStrategicMergePatch(live, patch, deploymentSchema);
    expect((result.spec as { template: { metadata: unknown } }).template.metadata).toEqual({ labels: { tier: 'front' } });
  });

  it('reorders containers with $setElementOrder alone', () => {
    const live = deployment([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] } } } };
    expect(podSpecOf(applyStrategicMergePatch(live, patch, deploymentSchema)).containers).toEqual([{ name: 'c' }, { name: 'a' }, { name: 'b' }]);
  });

  it('keeps the strategy type when $retainKeys drops rollingUpdate (Deployment strategy is retainKeys)', () => {
    const live = { ...deployment([{ name: 'a' }]), spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    expect(applyStrategicMergePatch(live, patch, deploymentSchema).spec).toEqual({ strategy: { type: 'Recreate' } });
  });

  it('leaves its inputs untouched', () => {
    const live = deployment([{ name: 'a', image: 'x:1' }]);
    const patch = { spec: { template: { spec: { containers: [{ name: 'a', image: 'x:2' }] } } } };
    const before = JSON.stringify([live, patch]);
    applyStrategicMergePatch(live, patch, deploymentSchema);
    expect(JSON.stringify([live, patch])).toBe(before);
  });
});

describe('applyStrategicMergePatch on metadata and maps', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', finalizers: ['a.io/x', 'b.io/y'], annotations: { keep: '1', drop: '2' } }, data: { key1: 'v1', key2: 'v2' } };

  it('merges ConfigMap data and deletes keys set to null', () => {
    const patch = { data: { key2: null, key3: 'v3' }, metadata: { annotations: { drop: null } } };
    const result = applyStrategicMergePatch(cm, patch, configMapSchema);
    expect(result.data).toEqual({ key1: 'v1', key3: 'v3' });
    expect((result.metadata as { annotations: unknown }).annotations).toEqual({ keep: '1' });
  });

  it('removes finalizers listed in $deleteFromPrimitiveList/finalizers', () => {
    const result = applyStrategicMergePatch(cm, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/x'] } }, configMapSchema);
    expect((result.metadata as { finalizers: unknown }).finalizers).toEqual(['b.io/y']);
  });

  it('adds finalizers as a set union (merge strategy without a merge key)', () => {
    const result = applyStrategicMergePatch(cm, { metadata: { finalizers: ['b.io/y', 'c.io/z'] } }, configMapSchema);
    expect((result.metadata as { finalizers: unknown }).finalizers).toEqual(['a.io/x', 'b.io/y', 'c.io/z']);
  });

  it('merges ownerReferences by uid', () => {
    const owned = { metadata: { name: 'x', ownerReferences: [{ uid: '1', name: 'a', kind: 'K', apiVersion: 'v1' }] } };
    const patch = { metadata: { ownerReferences: [{ uid: '2', name: 'b', kind: 'K', apiVersion: 'v1' }] } };
    const refs = (applyStrategicMergePatch(owned, patch, configMapSchema).metadata as { ownerReferences: { uid: string }[] }).ownerReferences;
    expect(refs.map((r) => r.uid)).toEqual(['2', '1']);
  });

  it('behaves as a merge patch (lists replaced) when there is no schema', () => {
    const cr = { spec: { items: ['a', 'b'], nested: { x: 1, y: 2 } } };
    expect(applyStrategicMergePatch(cr, { spec: { items: ['c'], nested: { y: null, z: 3 } } }, undefined)).toEqual({ spec: { items: ['c'], nested: { x: 1, z: 3 } } });
  });

  it('never leaves directives in values the original did not have', () => {
    const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'a', env: [{ name: 'X', $patch: 'delete' }] }] } } } };
    const result = applyStrategicMergePatch({ metadata: { name: 'web' } }, patch, deploymentSchema);
    expect(result).toEqual({ metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'a', env: [] }] } } } });
  });
});

describe('applyStrategicMergePatch failures', () => {
  function failure(patch: unknown, original: unknown = deployment([{ name: 'a' }])): StrategicMergePatchError {
    try {
      applyStrategicMergePatch(original, patch, deploymentSchema);
    } catch (err) {
      if (err instanceof StrategicMergePatchError) return err;
      throw err;
    }
    throw new Error('expected the patch to fail');
  }

  it('rejects a $patch value that does not exist, as a 400', () => {
    const err = failure({ spec: { template: { $patch: 'explode', x: 1 } } });
    expect(err.code).toBe('controlplane.merge.strategic.bad-patch-type');
    expect(err.message).toBe('unknown patch type: explode in map: map[$patch:explode x:1]');
    expect([err.httpStatus, err.reason]).toEqual([400, 'BadRequest']);
  });

  it('rejects a merge-list item without its merge key', () => {
    const err = failure({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } });
    expect(err.message).toBe('map: map[image:x] does not contain declared merge key: name');
  });

  it('rejects a patch key that $retainKeys does not list', () => {
    expect(failure({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }).kind).toBe('retain-keys');
  });

  it('rejects a patch list in another order than its $setElementOrder list', () => {
    const err = failure({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b' }, { name: 'a' }] } } } });
    expect(err.kind).toBe('set-element-order');
  });

  it('rejects lists of lists with 422 Invalid', () => {
    const err = failure({ metadata: { finalizers: [['x']] } }, { metadata: { finalizers: ['a'] } });
    expect([err.httpStatus, err.reason, err.message]).toEqual([422, 'Invalid', 'lists of lists are not supported']);
  });

  it('rejects a patch that is not a JSON object', () => {
    expect(failure([{ op: 'add' }]).message).toBe('invalid JSON document');
  });
});
