// Namespace deletion as the namespace controller does it: a namespace marked for deletion is
// Terminating; everything in it is deleted (finalizers respected); when it is empty the
// `kubernetes` spec finalizer is removed and the namespace goes.
import type { ObjectStore } from '../objects/index.js';
import { deleteObject, type KubeObject } from '../objects/index.js';
import type { ResourceRegistry, ResourceType } from '../registry/index.js';
import { storagePrefix } from '../registry/index.js';
import { DeferredKeys } from './deferred-keys.js';

const NAMESPACE_PREFIX = 'core/namespaces//';

/** Reacts to namespaces being deleted and to objects leaving them. */
export class NamespaceController {
  private readonly queue: DeferredKeys;

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly namespaceType: ResourceType,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new DeferredKeys((name) => this.finish(name), onError);
  }

  /** Looks at a change; `value` is the stored text. */
  observe(key: string, value: string): void {
    if (key.startsWith(NAMESPACE_PREFIX)) {
      if (value.includes('"deletionTimestamp"')) this.queue.add(key.slice(NAMESPACE_PREFIX.length));
      return;
    }
    // An object left a namespace: if that namespace is terminating, see whether it is empty now.
    const parts = key.split('/');
    const namespace = parts.length >= 4 ? parts[parts.length - 2]! : '';
    if (namespace && this.isTerminating(namespace)) this.queue.add(namespace);
  }

  /** Resumes namespaces that were terminating when the process stopped. */
  resume(): void {
    for (const stored of this.store.backend.list(NAMESPACE_PREFIX)) {
      if (stored.value.includes('"deletionTimestamp"')) this.queue.add(stored.key.slice(NAMESPACE_PREFIX.length));
    }
  }

  stop(): void {
    this.queue.stop();
  }

  private isTerminating(namespace: string): boolean {
    return this.store.backend.get(NAMESPACE_PREFIX + namespace)?.value.includes('"deletionTimestamp"') ?? false;
  }

  private finish(name: string): void {
    const current = this.store.backend.get(NAMESPACE_PREFIX + name);
    if (!current) return;
    const namespace = JSON.parse(current.value) as KubeObject;
    if (!namespace.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const type of this.namespacedTypes()) {
      for (const stored of this.store.backend.list(`${storagePrefix(type)}${name}/`)) {
        remaining++;
        if (stored.value.includes('"deletionTimestamp"')) continue;
        deleteObject(this.store, type, name, stored.key.slice(stored.key.lastIndexOf('/') + 1), {});
      }
    }
    if (remaining > 0) return;
    const spec = (namespace.spec ?? {}) as { finalizers?: string[] };
    if (!spec.finalizers?.includes('kubernetes')) return;
    const next = structuredClone(namespace);
    next.spec = { ...spec, finalizers: spec.finalizers.filter((f) => f !== 'kubernetes') };
    this.store.replace(this.namespaceType, { object: namespace, stored: current }, next, { fieldManager: 'namespace-controller', subresource: 'finalize' });
  }

  // One type per storage prefix: several versions of a CRD share their objects.
  private namespacedTypes(): ResourceType[] {
    const seen = new Map<string, ResourceType>();
    for (const type of this.registry.all()) if (type.namespaced && !type.virtual) seen.set(storagePrefix(type), type);
    return [...seen.values()];
  }
}
