// The control plane through @kubernetes/client-node, the client the controllers use.
import { AppsV1Api, CoreV1Api, KubernetesObjectApi, PatchStrategy, Watch, setHeaderOptions, type V1ConfigMap, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type TestControlPlane } from './support/control-plane.js';
import { waitFor } from './support/until.js';

let plane: TestControlPlane;
let core: CoreV1Api;

beforeAll(async () => {
  plane = await startTestControlPlane();
  core = plane.kubeConfig.makeApiClient(CoreV1Api);
});
afterAll(() => plane.dispose());

function statusCode(err: unknown): number | undefined {
  return (err as { code?: number }).code;
}

describe('control plane via client-node', () => {
  it('creates, reads, lists with selectors and deletes ConfigMaps', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a', labels: { app: 'x' } }, data: { k: 'v' } } });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'b', labels: { app: 'y' } } } });
    const got = await core.readNamespacedConfigMap({ namespace: 'default', name: 'a' });
    expect(got.data).toEqual({ k: 'v' });
    expect(got.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const list = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'app in (x)' });
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['a']);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(got.metadata?.resourceVersion));
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'b' });
    await expect(core.readNamespacedConfigMap({ namespace: 'default', name: 'b' })).rejects.toSatisfy((err) => statusCode(err) === 404);
  });

  it('rejects an update with a stale resourceVersion with 409 Conflict', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'occ' }, data: { n: '1' } } });
    await core.replaceNamespacedConfigMap({ namespace: 'default', name: 'occ', body: { ...created, data: { n: '2' } } });
    const stale = core.replaceNamespacedConfigMap({ namespace: 'default', name: 'occ', body: { ...created, data: { n: '3' } } });
    await expect(stale).rejects.toSatisfy((err) => statusCode(err) === 409 && String((err as { body?: string }).body).includes('the object has been modified'));
  });

  it('patches with merge patch and server-side apply, tracking field managers', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'p' }, data: { a: '1' } } });
    const merged = await core.patchNamespacedConfigMap({ namespace: 'default', name: 'p', body: { data: { b: '2' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(merged.data).toEqual({ a: '1', b: '2' });
    const objects = KubernetesObjectApi.makeApiClient(plane.kubeConfig);
    const applied = await objects.patch<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'default' }, data: { x: '1' } }, undefined, undefined, 'tester', true, PatchStrategy.ServerSideApply);
    expect(applied.metadata?.managedFields?.[0]).toMatchObject({ manager: 'tester', operation: 'Apply', fieldsV1: { 'f:data': { 'f:x': {} } } });
    const conflict = objects.patch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'default' }, data: { x: '2' } }, undefined, undefined, 'other', false, PatchStrategy.ServerSideApply);
    await expect(conflict).rejects.toSatisfy((err) => statusCode(err) === 409 && String((err as { body?: string }).body).includes('conflict with \\"tester\\"'));
  });

  it('strategic-merges Deployment containers by name', async () => {
    const apps = plane.kubeConfig.makeApiClient(AppsV1Api);
    const template = { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } };
    await apps.createNamespacedDeployment({ namespace: 'default', body: { metadata: { name: 'w' }, spec: { selector: { matchLabels: { app: 'w' } }, template } } });
    const patched = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'w', body: { spec: { template: { spec: { containers: [{ name: 'b', image: 'b:2' }] } } } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
    expect(patched.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['a=a:1', 'b=b:2']);
    expect(patched.metadata?.generation).toBe(2);
  });

  it('watches from a resourceVersion and resumes after the stream ends', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const watch = new Watch(plane.kubeConfig);
    const seen: string[] = [];
    let lastRv = list.metadata!.resourceVersion!;
    const first = await watch.watch('/api/v1/namespaces/default/configmaps', { resourceVersion: lastRv }, (type, obj: V1ConfigMap) => {
      seen.push(`${type}:${obj.metadata!.name}`);
      lastRv = obj.metadata!.resourceVersion!;
    }, () => undefined);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w1' } } });
    await waitFor(() => seen.includes('ADDED:w1'));
    first.abort();
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w2' } } });
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'w1' });
    const resumed: string[] = [];
    const second = await watch.watch('/api/v1/namespaces/default/configmaps', { resourceVersion: lastRv }, (type, obj: V1ConfigMap) => resumed.push(`${type}:${obj.metadata!.name}`), () => undefined);
    await waitFor(() => resumed.length >= 2);
    second.abort();
    expect(resumed).toEqual(['ADDED:w2', 'DELETED:w1']);
  });
});


describe('server-side apply of workloads', () => {
  it('keys container ports without a protocol as TCP, as the schema default says', async () => {
    const objects = KubernetesObjectApi.makeApiClient(plane.kubeConfig);
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ports', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'p' } }, template: { metadata: { labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] } } },
    };
    const applied = await objects.patch<V1Deployment>(deployment as V1Deployment, undefined, undefined, 'flux', true, PatchStrategy.ServerSideApply);
    const fields = JSON.stringify(applied.metadata?.managedFields?.[0]?.fieldsV1);
    expect(fields).toContain('k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}');
  });
});

describe('server-side apply with two managers on one Deployment', () => {
  it('lets each manager own its own container and remove only its own', async () => {
    const objects = KubernetesObjectApi.makeApiClient(plane.kubeConfig);
    const apps = plane.kubeConfig.makeApiClient(AppsV1Api);
    const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shared', namespace: 'default' } };
    const withContainers = (containers: { name: string; image: string }[]) => ({
      ...base,
      spec: { selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers } } },
    });
    const apply = (manager: string, body: object) => objects.patch<V1Deployment>(body as V1Deployment, undefined, undefined, manager, false, PatchStrategy.ServerSideApply);
    await apply('team-a', withContainers([{ name: 'a', image: 'a:1' }]));
    await apply('team-b', withContainers([{ name: 'b', image: 'b:1' }]));
    const both = await apps.readNamespacedDeployment({ namespace: 'default', name: 'shared' });
    expect(both.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['a', 'b']);
    await apply('team-b', { ...base, spec: { selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers: [] } } } });
    const after = await apps.readNamespacedDeployment({ namespace: 'default', name: 'shared' });
    expect(after.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['a=a:1']);
  });
});
