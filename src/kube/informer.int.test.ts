// Informer against the embedded control plane: the first list, event delivery, resuming watches
// the server ends, relisting after 410 Gone, resync, and a stop() that leaves nothing running.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type TestControlPlane } from '../../test/support/control-plane.js';
import { Informer, KubeClient, type KubeObject, type TypeRef } from './index.js';
import { waitFor } from '../../test/support/until.js';

let plane: TestControlPlane;
let client: KubeClient;
const informers: Informer[] = [];

beforeAll(async () => {
  // Frequent bookmarks, so that resumed watches start from a recent resourceVersion.
  plane = await startTestControlPlane({ watchIdleMs: 250 });
  client = KubeClient.load({ kubeconfig: plane.kubeconfigPath });
});
afterEach(() => {
  for (const informer of informers.splice(0)) informer.stop();
});
afterAll(async () => {
  client?.close();
  await plane?.dispose();
});

async function namespace(name: string): Promise<TypeRef> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return { apiVersion: 'v1', kind: 'ConfigMap', namespace: name };
}

const cm = (namespace: string, name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const ref = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

/** An informer whose deliveries are recorded as `add:name`, `update:name:<data.v>`, `delete:name`. */
function recorded(type: TypeRef, options: ConstructorParameters<typeof Informer>[2] = {}, on: KubeClient = client) {
  const informer = new Informer(on, type, options);
  informers.push(informer);
  const events: string[] = [];
  const v = (obj: KubeObject) => (obj.data as Record<string, string> | undefined)?.v ?? '';
  informer.onAdd((obj) => events.push(`add:${obj.metadata.name}`));
  informer.onUpdate((obj, old) => events.push(obj === old ? `resync:${obj.metadata.name}` : `update:${obj.metadata.name}:${v(old)}>${v(obj)}`));
  informer.onDelete((obj) => events.push(`delete:${obj.metadata.name}`));
  return { informer, events };
}

/** A client whose list and watch calls are counted (and whose lists can be intercepted). */
function spiedClient(afterList?: () => Promise<void>) {
  const spied = KubeClient.load({ kubeconfig: plane.kubeconfigPath });
  const calls = { list: 0, watch: [] as string[] };
  const list = spied.list.bind(spied);
  const watch = spied.watch.bind(spied);
  spied.list = async (...args) => {
    const page = await list(...args);
    calls.list++;
    if (afterList) await afterList();
    return page;
  };
  spied.watch = (type, options, onEvent, onDone) => {
    calls.watch.push(options.resourceVersion ?? '');
    return watch(type, options, onEvent, onDone);
  };
  return { spied, calls };
}

describe('Informer', () => {
  it('lists every page into the cache before start() resolves', async () => {
    const type = await namespace('inf-sync');
    for (let i = 1; i <= 5; i++) await client.create(cm('inf-sync', `cm-${i}`));
    const { informer, events } = recorded(type, { pageSize: 2 });
    await informer.start();
    expect(informer.synced).toBe(true);
    expect(events).toEqual(['add:cm-1', 'add:cm-2', 'add:cm-3', 'add:cm-4', 'add:cm-5']);
    expect(informer.list().map((o) => o.metadata.name)).toEqual(['cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5']);
    expect(informer.get('inf-sync', 'cm-3')?.kind).toBe('ConfigMap');
    expect(informer.get('inf-sync', 'missing')).toBeUndefined();
  });

  it('delivers adds, updates and deletes in order', async () => {
    const type = await namespace('inf-events');
    const { informer, events } = recorded(type);
    await informer.start();
    await client.create(cm('inf-events', 'a', { v: '1' }));
    await client.mergePatch(ref('inf-events', 'a'), { data: { v: '2' } });
    await client.delete(ref('inf-events', 'a'));
    await waitFor(() => events.length === 3);
    expect(events).toEqual(['add:a', 'update:a:1>2', 'delete:a']);
    expect(informer.get('inf-events', 'a')).toBeUndefined();
  });

  it('resumes watches the server ends, from the last resourceVersion, with nothing missed or repeated', async () => {
    const type = await namespace('inf-resume');
    const { spied, calls } = spiedClient();
    const { informer, events } = recorded(type, { watchTimeoutSeconds: 1 }, spied);
    await informer.start();
    await client.create(cm('inf-resume', 'a', { v: '1' }));
    await sleep(1300);
    await client.mergePatch(ref('inf-resume', 'a'), { data: { v: '2' } });
    await client.create(cm('inf-resume', 'b'));
    await sleep(1300);
    await client.delete(ref('inf-resume', 'a'));
    await waitFor(() => events.length === 4);
    // Bookmarks move the resume point on when only other namespaces change.
    const elsewhere = await client.create(cm('default', 'inf-resume-elsewhere'));
    await sleep(1300);
    expect(events).toEqual(['add:a', 'update:a:1>2', 'add:b', 'delete:a']);
    expect(calls.list).toBe(1);
    expect(calls.watch.length).toBeGreaterThanOrEqual(3);
    expect(Number(calls.watch.at(-1))).toBeGreaterThanOrEqual(Number(elsewhere.metadata.resourceVersion));
    spied.close();
  });

  it('relists after 410 Gone and delivers what changed meanwhile', async () => {
    const type = await namespace('inf-gone');
    await client.create(cm('inf-gone', 'kept', { v: '1' }));
    await client.create(cm('inf-gone', 'doomed'));
    let sabotage = true;
    // Between the first list and its watch: change things, then compact the history away.
    const { spied, calls } = spiedClient(async () => {
      if (!sabotage) return;
      sabotage = false;
      await client.create(cm('inf-gone', 'late'));
      await client.mergePatch(ref('inf-gone', 'kept'), { data: { v: '2' } });
      await client.delete(ref('inf-gone', 'doomed'));
      plane.store.backend.compact(plane.store.backend.revision);
    });
    const { informer, events } = recorded(type, {}, spied);
    await informer.start();
    expect(events).toEqual(['add:doomed', 'add:kept']);
    await waitFor(() => events.length === 5);
    expect(events.slice(2).sort()).toEqual(['add:late', 'delete:doomed', 'update:kept:1>2']);
    expect(calls.list).toBe(2);
    expect(informer.list().map((o) => o.metadata.name).sort()).toEqual(['kept', 'late']);
    // And it watches again from the new list.
    await client.create(cm('inf-gone', 'after'));
    await waitFor(() => events.includes('add:after'));
    spied.close();
  });

  it('replays every cached object as update(obj, obj) on resync', async () => {
    const type = await namespace('inf-resync');
    await client.create(cm('inf-resync', 'r'));
    const { informer, events } = recorded(type, { resyncMs: 100 });
    await informer.start();
    await waitFor(() => events.filter((e) => e === 'resync:r').length >= 2);
    expect(events[0]).toBe('add:r');
  });

  it('keeps delivering when a handler throws', async () => {
    const type = await namespace('inf-throw');
    const { informer, events } = recorded(type);
    informer.onAdd(() => {
      throw new Error('handler bug');
    });
    await informer.start();
    await client.create(cm('inf-throw', 'x'));
    await client.create(cm('inf-throw', 'y'));
    await waitFor(() => events.length === 2);
    expect(events).toEqual(['add:x', 'add:y']);
  });

  it('rejects start() for a kind the server does not serve', async () => {
    const informer = new Informer(client, { apiVersion: 'example.com/v1', kind: 'Nothing' });
    await expect(informer.start()).rejects.toMatchObject({ code: 'kube.unknownKind' });
  });

  it('leaves nothing running after stop(): the process exits on its own', async () => {
    const index = pathToFileURL(fileURLToPath(new URL('./index.ts', import.meta.url))).href;
    const script = `
      const { Informer, KubeClient } = await import(${JSON.stringify(index)});
      const client = KubeClient.load({ kubeconfig: process.env.TEST_KUBECONFIG });
      const informer = new Informer(client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'inf-exit' }, { resyncMs: 60000 });
      let added = false;
      informer.onAdd(() => (added = true));
      await informer.start();
      await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'inf-exit' } });
      while (!added) await new Promise((r) => setTimeout(r, 10));
      informer.stop();
      process.stdout.write('stopped\\n');`;
    await namespace('inf-exit');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TEST_KUBECONFIG: plane.kubeconfigPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('hung');
      }, 20_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect({ exited, output }).toEqual({ exited: 0, output: 'stopped\n' });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

