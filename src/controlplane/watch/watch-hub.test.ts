import { describe, expect, it } from 'vitest';
import { SSA_FIELD_OWNERSHIP } from '../field-ownership.js';
import { KIND_HOOKS } from '../lifecycle/index.js';
import { compileFilter, ObjectStore } from '../objects/index.js';
import { BUILTIN_RESOURCES } from '../registry/index.js';
import { MemoryBackend } from '../storage/index.js';
import type { ApiError } from '../api-error.js';
import { WatchHub, type WatchEvent, type WatchSink } from './watch-hub.js';

const configMaps = BUILTIN_RESOURCES.find((t) => t.kind === 'ConfigMap')!;
const namespaces = BUILTIN_RESOURCES.find((t) => t.kind === 'Namespace')!;

function setup(historyLimit?: number) {
  const store = new ObjectStore(new MemoryBackend(historyLimit), SSA_FIELD_OWNERSHIP, KIND_HOOKS);
  for (const name of ['a', 'b']) store.create(namespaces, '', { metadata: { name } }, { fieldManager: 'test' });
  return { store, hub: new WatchHub(store) };
}

function recorder(capacity = Infinity) {
  const events: string[] = [];
  const state = { closed: false, error: undefined as ApiError | undefined };
  const sink: WatchSink = {
    send(event: WatchEvent) {
      events.push(`${event.type} ${event.object().metadata.name}`);
      return events.length < capacity;
    },
    fail(error) {
      state.error = error;
      state.closed = true;
    },
    close() {
      state.closed = true;
    },
  };
  return { events, state, sink };
}

const create = (store: ObjectStore, ns: string, name: string, labels: Record<string, string> = {}) =>
  store.create(configMaps, ns, { metadata: { name, labels } }, { fieldManager: 'test' });

describe('watch hub', () => {
  it('starts with ADDED for what exists, then follows changes in its namespace only', () => {
    const { store, hub } = setup();
    create(store, 'a', 'old');
    const watch = recorder();
    hub.open({ type: configMaps, namespace: 'a', filter: compileFilter(configMaps) }, watch.sink);
    create(store, 'a', 'new');
    create(store, 'b', 'elsewhere');
    store.update(configMaps, 'a', 'new', { metadata: { name: 'new' }, data: { x: '1' } }, { fieldManager: 'test' });
    expect(watch.events).toEqual(['ADDED old', 'ADDED new', 'MODIFIED new']);
  });

  it('replays the changes after a resourceVersion, and answers 410 Expired when they are compacted', () => {
    const { store, hub } = setup(10);
    const first = create(store, 'a', 'one');
    create(store, 'a', 'two');
    const resumed = recorder();
    hub.open({ type: configMaps, namespace: '', filter: compileFilter(configMaps), resourceVersion: first.metadata.resourceVersion! }, resumed.sink);
    expect(resumed.events).toEqual(['ADDED two']);
    for (let i = 0; i < 30; i++) create(store, 'a', `filler-${i}`);
    const expired = recorder();
    hub.open({ type: configMaps, namespace: '', filter: compileFilter(configMaps), resourceVersion: first.metadata.resourceVersion! }, expired.sink);
    expect(expired.state.error?.toStatus()).toMatchObject({ reason: 'Expired', code: 410 });
  });

  it('turns label changes into ADDED and DELETED for a selector', () => {
    const { store, hub } = setup();
    create(store, 'a', 'x', { tier: 'back' });
    const watch = recorder();
    hub.open({ type: configMaps, namespace: 'a', filter: compileFilter(configMaps, 'tier=front'), resourceVersion: String(store.backend.revision) }, watch.sink);
    store.update(configMaps, 'a', 'x', { metadata: { name: 'x', labels: { tier: 'front' } } }, { fieldManager: 'test' });
    store.update(configMaps, 'a', 'x', { metadata: { name: 'x', labels: { tier: 'back' } } }, { fieldManager: 'test' });
    expect(watch.events).toEqual(['ADDED x', 'DELETED x']);
  });

  it('closes a watcher that falls behind without holding up writers or other watchers', () => {
    const { store, hub } = setup();
    const slow = recorder(2);
    const fast = recorder();
    hub.open({ type: configMaps, namespace: '', filter: compileFilter(configMaps) }, slow.sink);
    hub.open({ type: configMaps, namespace: '', filter: compileFilter(configMaps) }, fast.sink);
    for (let i = 0; i < 5; i++) create(store, 'a', `c${i}`);
    expect(slow.state.closed).toBe(true);
    expect(slow.events).toHaveLength(2);
    expect(fast.events).toHaveLength(5);
    expect(hub.size).toBe(1);
  });
});
