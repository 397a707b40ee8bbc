import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeClient, RuntimeObject, RuntimeObjectRef } from './client.js';
import { eventMetadata, fluxEvent, kubeTime } from './event-payload.js';
import { EventRecorder } from './events.js';

/** An in-memory object store behind the RuntimeClient methods the recorder uses. */
function memoryClient() {
  const objects = new Map<string, RuntimeObject>();
  const key = (ref: RuntimeObjectRef) => `${ref.kind}/${ref.namespace}/${ref.name}`;
  const client: RuntimeClient = {
    get: (ref) => Promise.resolve(objects.get(key(ref))),
    async create(obj) {
      const ref = { ...obj, namespace: obj.metadata.namespace, name: obj.metadata.name };
      if (objects.has(key(ref))) throw Object.assign(new Error('exists'), { status: 409 });
      objects.set(key(ref), obj);
      return obj;
    },
    async mergePatch(ref, patch) {
      const obj = objects.get(key(ref));
      if (!obj) throw Object.assign(new Error('not found'), { status: 404 });
      const merged = { ...obj, ...patch } as RuntimeObject;
      objects.set(key(ref), merged);
      return merged;
    },
    replace: (obj) => Promise.resolve(obj),
  };
  return { client, objects };
}

function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) };
}

/** A stand-in notification-controller: records each POST's raw body and answers `status`. */
async function eventsServer(status = 202): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, bodies, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const repo: RuntimeObject = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: {
    name: 'web', namespace: 'apps', uid: '5d1f6a3c-0000-4000-8000-000000000001', resourceVersion: '42',
    annotations: { 'event.toolkit.fluxcd.io/team': 'platform', 'other.io/ignored': 'x' },
  },
  spec: {},
};
const at = new Date('2024-05-07T10:00:00.123Z');

describe('event payloads', () => {
  it('prefix the caller\'s metadata with the object\'s group and add event.toolkit.fluxcd.io annotations, sorted', () => {
    expect(eventMetadata(repo, { revision: 'main@sha1:abc', 'kustomize.toolkit.fluxcd.io/checksum': 'x' })).toEqual({
      'event.toolkit.fluxcd.io/team': 'platform',
      'kustomize.toolkit.fluxcd.io/checksum': 'x',
      'source.toolkit.fluxcd.io/revision': 'main@sha1:abc',
    });
    expect(Object.keys(eventMetadata(repo, { revision: 'r' }))).toEqual(['event.toolkit.fluxcd.io/team', 'source.toolkit.fluxcd.io/revision']);
  });

  it('render time as metav1.Time does, in whole seconds', () => {
    expect(kubeTime(at)).toBe('2024-05-07T10:00:00Z');
  });

  it('leave empty metadata and instance out of the Flux event', () => {
    const bare = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } };
    expect(JSON.stringify(fluxEvent({ obj: bare, type: 'Warning', reason: 'Failed', message: 'm', metadata: {}, controller: 'c', instance: '', at })))
      .toBe('{"involvedObject":{"kind":"ConfigMap","namespace":"n","name":"c","apiVersion":"v1"},"severity":"error","timestamp":"2024-05-07T10:00:00Z","message":"m","reason":"Failed","reportingController":"c"}');
  });
});

describe('EventRecorder', () => {
  it('writes a core/v1 Event about the object and POSTs Flux\'s event JSON', async () => {
    const { client, objects } = memoryClient();
    const sink = await eventsServer();
    servers.push(sink.server);
    const recorder = new EventRecorder({ client, controller: 'source-controller', eventsAddr: sink.url, logger: captureLogger().logger, instance: 'source-controller-7d9f', now: () => at });
    await recorder.record(repo, 'Normal', 'NewArtifact', "stored artifact for commit 'init'", { revision: 'main@sha1:abc' });

    expect(sink.bodies).toEqual([
      '{"involvedObject":{"kind":"GitRepository","namespace":"apps","name":"web","uid":"5d1f6a3c-0000-4000-8000-000000000001","apiVersion":"source.toolkit.fluxcd.io/v1","resourceVersion":"42"},' +
      '"severity":"info","timestamp":"2024-05-07T10:00:00Z","message":"stored artifact for commit \'init\'","reason":"NewArtifact",' +
      '"metadata":{"event.toolkit.fluxcd.io/team":"platform","source.toolkit.fluxcd.io/revision":"main@sha1:abc"},' +
      '"reportingController":"source-controller","reportingInstance":"source-controller-7d9f"}',
    ]);
    const [event] = [...objects.values()];
    expect(event!.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(event).toEqual({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: event!.metadata.name, namespace: 'apps', annotations: { 'event.toolkit.fluxcd.io/team': 'platform', 'source.toolkit.fluxcd.io/revision': 'main@sha1:abc' } },
      involvedObject: { kind: 'GitRepository', namespace: 'apps', name: 'web', uid: '5d1f6a3c-0000-4000-8000-000000000001', apiVersion: 'source.toolkit.fluxcd.io/v1', resourceVersion: '42' },
      reason: 'NewArtifact', message: "stored artifact for commit 'init'", type: 'Normal',
      source: { component: 'source-controller' }, reportingComponent: 'source-controller', reportingInstance: 'source-controller-7d9f',
      firstTimestamp: '2024-05-07T10:00:00Z', lastTimestamp: '2024-05-07T10:00:00Z', count: 1,
    });
  });

  it('sends Warning as severity error', async () => {
    const sink = await eventsServer();
    servers.push(sink.server);
    const recorder = new EventRecorder({ client: memoryClient().client, controller: 'c', eventsAddr: sink.url, logger: captureLogger().logger, now: () => at });
    await recorder.record(repo, 'Warning', 'GitOperationFailed', 'failed to checkout');
    expect(JSON.parse(sink.bodies[0]!)).toMatchObject({ severity: 'error', reason: 'GitOperationFailed' });
  });

  it('records Trace events in Kubernetes as Normal and never forwards them', async () => {
    const { client, objects } = memoryClient();
    const sink = await eventsServer();
    servers.push(sink.server);
    const { logger, lines } = captureLogger();
    const recorder = new EventRecorder({ client, controller: 'c', eventsAddr: sink.url, logger, now: () => at });
    await recorder.record(repo, 'Trace', 'Progressing', 'building artifact');
    expect(sink.bodies).toEqual([]);
    expect([...objects.values()].map((e) => e['type'])).toEqual(['Normal']);
    expect(lines).toContainEqual(expect.objectContaining({ level: 10, msg: 'building artifact', reason: 'Progressing', type: 'Trace' }));
  });

  it('bumps count and lastTimestamp of the existing Event on a repeat, and starts a new one for another message', async () => {
    const { client, objects } = memoryClient();
    let now = at;
    const recorder = new EventRecorder({ client, controller: 'c', logger: captureLogger().logger, now: () => now });
    await recorder.record(repo, 'Warning', 'Failed', 'boom');
    now = new Date(at.getTime() + 30_000);
    await Promise.all([recorder.record(repo, 'Warning', 'Failed', 'boom'), recorder.record(repo, 'Warning', 'Failed', 'boom')]);
    await recorder.record(repo, 'Warning', 'Failed', 'other');
    const events = [...objects.values()];
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ message: 'boom', count: 3, firstTimestamp: '2024-05-07T10:00:00Z', lastTimestamp: '2024-05-07T10:00:30Z' });
    expect(events[1]).toMatchObject({ message: 'other', count: 1 });
  });

  it('starts a new Event for a repeat after the window, or when the old Event is gone', async () => {
    const { client, objects } = memoryClient();
    let now = at;
    const recorder = new EventRecorder({ client, controller: 'c', logger: captureLogger().logger, now: () => now, repeatWindowMs: 60_000 });
    await recorder.record(repo, 'Normal', 'Succeeded', 'ok');
    now = new Date(at.getTime() + 61_000);
    await recorder.record(repo, 'Normal', 'Succeeded', 'ok');
    expect([...objects.values()].map((e) => e['count'])).toEqual([1, 1]);
    objects.clear();
    await recorder.record(repo, 'Normal', 'Succeeded', 'ok');
    expect([...objects.values()].map((e) => e['count'])).toEqual([1]);
  });

  it('logs, never throws, when the API or notification-controller fails', async () => {
    const sink = await eventsServer(500);
    servers.push(sink.server);
    const { logger, lines } = captureLogger();
    const failing: RuntimeClient = { ...memoryClient().client, create: () => Promise.reject(Object.assign(new Error('forbidden'), { status: 403 })) };
    const recorder = new EventRecorder({ client: failing, controller: 'c', eventsAddr: sink.url, logger, now: () => at });
    await expect(recorder.record(repo, 'Normal', 'Succeeded', 'ok')).resolves.toBeUndefined();
    const errors = lines.filter((l) => l['level'] === 50).map((l) => [l['msg'], l['error']]);
    expect(errors).toEqual(expect.arrayContaining([
      ['unable to write Kubernetes event', 'forbidden'],
      ['unable to record event', `${sink.url} answered 500 Internal Server Error`],
    ]));
    const unreachable = new EventRecorder({ client: memoryClient().client, controller: 'c', eventsAddr: 'http://127.0.0.1:1/', logger, postTimeoutMs: 500 });
    await expect(unreachable.record(repo, 'Normal', 'Succeeded', 'ok')).resolves.toBeUndefined();
  });

  it('accepts 429 (a duplicate notification-controller already has) without logging an error', async () => {
    const sink = await eventsServer(429);
    servers.push(sink.server);
    const { logger, lines } = captureLogger();
    await new EventRecorder({ client: memoryClient().client, controller: 'c', eventsAddr: sink.url, logger }).record(repo, 'Normal', 'Succeeded', 'ok');
    expect(sink.bodies).toHaveLength(1);
    expect(lines.filter((l) => l['level'] === 50)).toEqual([]);
  });
});
