// The EventRecorder against the embedded control plane: the core/v1 Events it writes and counts.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useControlPlaneClient } from '../../test/support/control-plane.js';
import { KubeClient, type KubeObject } from '../kube/index.js';
import { EventRecorder } from './events.js';

const cp = useControlPlaneClient();

const silent = pino({ level: 'silent' });

async function eventsAbout(name: string, namespace = 'default'): Promise<KubeObject[]> {
  const { items } = await cp.client.list({ apiVersion: 'v1', kind: 'Event', namespace });
  return items.filter((e) => (e['involvedObject'] as { name: string }).name === name);
}

describe('EventRecorder on the control plane', () => {
  it('creates an Event about the object in its namespace and counts repeats on it', async () => {
    const cm = await cp.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'evented', namespace: 'default' } });
    const recorder = new EventRecorder({ client: cp.client, controller: 'source-controller', logger: silent, instance: 'test' });
    await recorder.record(cm, 'Warning', 'GitOperationFailed', 'failed to checkout and determine revision');
    await recorder.record(cm, 'Warning', 'GitOperationFailed', 'failed to checkout and determine revision');
    await recorder.record(cm, 'Trace', 'Progressing', 'building artifact');
    const events = await eventsAbout('evented');
    expect(events).toHaveLength(2);
    const warning = events.find((e) => e['reason'] === 'GitOperationFailed')!;
    expect(warning.metadata.name).toMatch(/^evented\.[0-9a-f]{16}$/);
    expect(warning).toMatchObject({
      type: 'Warning', count: 2, message: 'failed to checkout and determine revision',
      involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', name: 'evented', namespace: 'default', uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion },
      source: { component: 'source-controller' }, reportingComponent: 'source-controller', reportingInstance: 'test',
    });
    expect(events.find((e) => e['reason'] === 'Progressing')).toMatchObject({ type: 'Normal', count: 1 });
  });

  it('files events about cluster-scoped objects under default', async () => {
    const ns = await cp.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'evented-ns' } });
    await new EventRecorder({ client: cp.client, controller: 'c', logger: silent }).record(ns, 'Normal', 'Created', 'namespace created');
    expect(await eventsAbout('evented-ns')).toHaveLength(1);
  });
});
