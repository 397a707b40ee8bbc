// KubeClient against the embedded control plane: CRUD on built-in and custom kinds, the errors
// callers branch on, server-side apply, the status subresource, watches and kubeconfig loading.
import { describe, expect, it } from 'vitest';
import { startTestControlPlane, useControlPlaneClient } from '../../test/support/control-plane.js';
import { KubeApiError, KubeClient, type KubeObject, type WatchEvent } from './index.js';
import { waitFor } from '../../test/support/until.js';

const cp = useControlPlaneClient();

const configMap = (name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });

function managedFields(obj: KubeObject): Array<{ manager?: string }> {
  return (obj.metadata as { managedFields?: Array<{ manager?: string }> }).managedFields ?? [];
}

async function rejection(promise: Promise<unknown>): Promise<KubeApiError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(KubeApiError);
  return err as KubeApiError;
}

const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.test.weir.dev' },
  spec: {
    group: 'test.weir.dev',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};
const widgetRef = (name: string) => ({ apiVersion: 'test.weir.dev/v1', kind: 'Widget', namespace: 'default', name });

describe('KubeClient on built-in kinds', () => {
  it('creates, reads, replaces, lists and deletes ConfigMaps', async () => {
    const created = await cp.client.create(configMap('crud', { a: '1' }));
    expect(created.metadata.uid).toBeTruthy();
    expect((await cp.client.get(cmRef('crud')))?.data).toEqual({ a: '1' });
    const replaced = await cp.client.replace({ ...created, data: { a: '2' } });
    expect(replaced.data).toEqual({ a: '2' });
    const list = await cp.client.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' });
    expect(list.items.map((i) => i.metadata.name)).toContain('crud');
    expect(list.items.every((i) => i.apiVersion === 'v1' && i.kind === 'ConfigMap')).toBe(true);
    expect(Number(list.resourceVersion)).toBeGreaterThanOrEqual(Number(replaced.metadata.resourceVersion));
    expect(await cp.client.delete(cmRef('crud'))).toBe(true);
    expect(await cp.client.get(cmRef('crud'))).toBeUndefined();
    expect(await cp.client.delete(cmRef('crud'))).toBe(false);
  });

  it('lists page by page with limit and continue', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await cp.client.create(configMap(name, {}, 'kube-public'));
    const type = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-public' };
    const first = await cp.client.list(type, { limit: 2 });
    expect(first.items.map((i) => i.metadata.name)).toEqual(['page-a', 'page-b']);
    expect(first.continue).toBeTruthy();
    const second = await cp.client.list(type, { limit: 2, continue: first.continue! });
    expect(second.items.map((i) => i.metadata.name)).toEqual(['page-c']);
    expect(second.continue).toBeUndefined();
  });

  it('filters lists by label selector', async () => {
    await cp.client.create({ ...configMap('labelled'), metadata: { name: 'labelled', namespace: 'default', labels: { team: 'blue' } } });
    const list = await cp.client.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', labelSelector: 'team=blue' });
    expect(list.items.map((i) => i.metadata.name)).toEqual(['labelled']);
  });

  it('answers AlreadyExists and a stale replace with 409, naming the object first', async () => {
    const created = await cp.client.create(configMap('occ', { n: '1' }));
    const exists = await rejection(cp.client.create(configMap('occ')));
    expect(exists).toMatchObject({ status: 409, reason: 'AlreadyExists', code: 'kube.api.alreadyExists' });
    expect(exists.message).toBe('ConfigMap/default/occ: configmaps "occ" already exists');
    await cp.client.replace({ ...created, data: { n: '2' } });
    const stale = await rejection(cp.client.replace({ ...created, data: { n: '3' } }));
    expect(stale).toMatchObject({ status: 409, reason: 'Conflict' });
    expect(stale.message).toMatch(/^ConfigMap\/default\/occ: Operation cannot be fulfilled on configmaps "occ": the object has been modified/);
  });

  it('merge-patches and JSON-patches', async () => {
    await cp.client.create(configMap('patched', { a: '1', b: '2' }));
    const merged = await cp.client.mergePatch(cmRef('patched'), { data: { b: null, c: '3' } });
    expect(merged.data).toEqual({ a: '1', c: '3' });
    const patched = await cp.client.jsonPatch(cmRef('patched'), [{ op: 'replace', path: '/data/a', value: 'x' }]);
    expect(patched.data).toEqual({ a: 'x', c: '3' });
    const failed = await rejection(cp.client.jsonPatch(cmRef('patched'), [{ op: 'test', path: '/data/a', value: 'y' }]));
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.message.startsWith('ConfigMap/default/patched: ')).toBe(true);
  });

  it('server-side applies: conflicts between managers are 409 until forced, dry runs change nothing', async () => {
    const applied = await cp.client.apply(configMap('ssa', { x: '1' }), { fieldManager: 'alice' });
    expect(managedFields(applied)[0]).toMatchObject({ manager: 'alice', operation: 'Apply' });
    const conflict = await rejection(cp.client.apply(configMap('ssa', { x: '2' }), { fieldManager: 'bob' }));
    expect(conflict).toMatchObject({ status: 409, reason: 'Conflict' });
    expect(conflict.message).toMatch(/^ConfigMap\/default\/ssa: .*conflict.*alice/);
    const dry = await cp.client.apply(configMap('ssa', { x: '2' }), { fieldManager: 'bob', force: true, dryRun: true });
    expect(dry.data).toEqual({ x: '2' });
    expect((await cp.client.get(cmRef('ssa')))?.data).toEqual({ x: '1' });
    const forced = await cp.client.apply(configMap('ssa', { x: '2' }), { fieldManager: 'bob', force: true });
    expect(forced.data).toEqual({ x: '2' });
    expect(managedFields(forced).map((f) => f.manager)).toContain('bob');
  });

  it('creates with a dry run without storing anything', async () => {
    const dry = await cp.client.create(configMap('dry'), { dryRun: true });
    expect(dry.metadata.name).toBe('dry');
    expect(await cp.client.get(cmRef('dry'))).toBeUndefined();
  });

  it('ignores the namespace of a cluster-scoped kind and resolves paths through discovery', async () => {
    await cp.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-test-ns' } });
    expect((await cp.client.get({ apiVersion: 'v1', kind: 'Namespace', namespace: 'default', name: 'kube-test-ns' }))?.metadata.name).toBe('kube-test-ns');
    expect(await cp.client.resourcePath({ apiVersion: 'v1', kind: 'Namespace', namespace: 'x' })).toBe('/api/v1/namespaces');
    expect(await cp.client.resourcePath({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'x' })).toBe('/apis/apps/v1/namespaces/x/deployments');
    expect(await cp.client.resourcePath({ apiVersion: 'apps/v1', kind: 'Deployment' })).toBe('/apis/apps/v1/deployments');
  });
});

describe('KubeClient on a custom kind', () => {
  it('finds a kind whose CRD was installed after the first discovery', async () => {
    await expect(cp.client.get(widgetRef('early'))).rejects.toMatchObject({ code: 'kube.unknownKind' });
    await cp.client.create(widgetCrd);
    expect(await cp.client.get(widgetRef('early'))).toBeUndefined();
    expect(await cp.client.resourcePath({ apiVersion: 'test.weir.dev/v1', kind: 'Widget', namespace: 'default' })).toBe('/apis/test.weir.dev/v1/namespaces/default/widgets');
  });

  it('creates, lists, patches the status subresource of and deletes custom resources', async () => {
    const widget = { apiVersion: 'test.weir.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' }, spec: { size: 1 } };
    const created = await cp.client.create(widget);
    expect(created.metadata.generation).toBe(1);
    const withStatus = await cp.client.mergePatch(widgetRef('w1'), { status: { phase: 'Ready' } }, { subresource: 'status' });
    expect(withStatus.status).toEqual({ phase: 'Ready' });
    expect(withStatus.metadata.generation).toBe(1);
    // Through the main resource, status is ignored, as the API server does with a status subresource.
    const main = await cp.client.mergePatch(widgetRef('w1'), { spec: { size: 2 }, status: { phase: 'Ignored' } });
    expect(main.status).toEqual({ phase: 'Ready' });
    expect(main.metadata.generation).toBe(2);
    const applied = await cp.client.apply({ apiVersion: 'test.weir.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' }, status: { phase: 'Applied' } }, { fieldManager: 'status-writer', subresource: 'status', force: true });
    expect(applied.status).toEqual({ phase: 'Applied' });
    const replaced = await cp.client.replace({ ...applied, status: { phase: 'Replaced' } }, { subresource: 'status' });
    expect(replaced.status).toEqual({ phase: 'Replaced' });
    const list = await cp.client.list({ apiVersion: 'test.weir.dev/v1', kind: 'Widget' });
    expect(list.items.map((i) => `${i.kind}/${i.metadata.name}`)).toEqual(['Widget/w1']);
    expect(await cp.client.delete(widgetRef('w1'), { propagationPolicy: 'Foreground' })).toBe(true);
    expect(await cp.client.get(widgetRef('w1'))).toBeUndefined();
  });
});

describe('KubeClient.watch', () => {
  it('streams changes after a resourceVersion and ends without an error on abort', async () => {
    const { resourceVersion } = await cp.client.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-node-lease' });
    const events: string[] = [];
    let done: { err: unknown } | undefined;
    const type = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-node-lease' };
    const handle = await cp.client.watch(type, { resourceVersion, allowWatchBookmarks: true }, (e: WatchEvent) => {
      if (e.type !== 'BOOKMARK') events.push(`${e.type}:${e.object.kind}/${e.object.metadata.name}`);
    }, (err) => (done = { err }));
    await cp.client.create(configMap('watched', {}, 'kube-node-lease'));
    await cp.client.mergePatch({ ...cmRef('watched'), namespace: 'kube-node-lease' }, { data: { a: '1' } });
    await cp.client.delete({ ...cmRef('watched'), namespace: 'kube-node-lease' });
    await waitFor(() => events.length === 3);
    expect(events).toEqual(['ADDED:ConfigMap/watched', 'MODIFIED:ConfigMap/watched', 'DELETED:ConfigMap/watched']);
    handle.abort();
    await waitFor(() => done !== undefined);
    expect(done!.err).toBeUndefined();
  });

  it('reports an expired resourceVersion as an ERROR event with code 410', async () => {
    const { resourceVersion } = await cp.client.list({ apiVersion: 'v1', kind: 'ConfigMap' });
    await cp.client.create(configMap('compacted'));
    cp.plane.store.backend.compact(cp.plane.store.backend.revision);
    const events: WatchEvent[] = [];
    let finished = false;
    await cp.client.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { resourceVersion }, (e) => events.push(e), () => (finished = true));
    await waitFor(() => finished);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('ends with the server at timeoutSeconds', async () => {
    let finished: { err: unknown } | undefined;
    await cp.client.watch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' }, { timeoutSeconds: 1 }, () => undefined, (err) => (finished = { err }));
    await waitFor(() => finished !== undefined, 5000);
    expect(finished!.err).toBeUndefined();
  });
});

describe('KubeClient.load', () => {
  it('reads $KUBECONFIG and selects a context', async () => {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = cp.plane.kubeconfigPath;
    try {
      const fromEnv = KubeClient.load({ context: 'weir' });
      expect(fromEnv.server).toBe(cp.plane.url);
      fromEnv.close();
      expect(() => KubeClient.load({ context: 'nope' })).toThrow(expect.objectContaining({ code: 'kube.config', message: expect.stringContaining('context "nope" not found') }));
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });

  it('says which file could not be read', () => {
    expect(() => KubeClient.load({ kubeconfig: '/nonexistent/kubeconfig' })).toThrow(expect.objectContaining({ code: 'kube.config', message: expect.stringContaining('/nonexistent/kubeconfig') }));
  });

  it('turns an unreachable server into a kube.request error naming the object', async () => {
    const other = await startTestControlPlane();
    const lost = KubeClient.load({ kubeconfig: other.kubeconfigPath });
    await other.dispose();
    await expect(lost.get(cmRef('x'))).rejects.toMatchObject({ code: 'kube.request', message: expect.stringMatching(/^discovery of v1: /) });
    lost.close();
  });
});

