// Serves the resources of stored CRDs, and cleans up after a deleted CRD: its custom resources
// are deleted, then its cleanup finalizer is removed so that it goes too.
import { cloneObject, deleteObject, type KubeObject, type ObjectStore } from '../objects/index.js';
import { storagePrefix, type ResourceRegistry, type ResourceType } from '../registry/index.js';
import type { Change } from '../storage/index.js';
import { CRD_CLEANUP_FINALIZER, resourceTypesOfCrd } from './crd.js';
import { DeferredKeys } from './deferred-keys.js';

/** Storage prefix of CustomResourceDefinitions. */
export const CRD_PREFIX = 'apiextensions.k8s.io/customresourcedefinitions/';

/** Keeps the registry in step with stored CRDs. */
export class CrdController {
  private readonly cleanups: DeferredKeys;

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly crdType: ResourceType,
    onError: (key: string, err: unknown) => void,
  ) {
    this.cleanups = new DeferredKeys((key) => this.cleanUp(key), onError);
  }

  /**
   * Registers every stored CRD (at start-up) and resumes unfinished deletions. The types count
   * as registered now, so that objects stored before this start are completed when read.
   */
  resume(): void {
    const revision = this.store.backend.revision;
    for (const stored of this.store.backend.list(CRD_PREFIX)) this.observe({ type: 'create', key: stored.key, revision, value: stored.value });
  }

  /** Follows a change of any object; only CRDs matter. */
  observe(change: Change): void {
    if (!change.key.startsWith(CRD_PREFIX)) return;
    const crd = JSON.parse(change.value) as KubeObject;
    const name = crd.metadata.name!;
    if (change.type === 'delete') {
      this.registry.unregisterCrd(name);
      return;
    }
    this.registry.registerCrd(name, resourceTypesOfCrd(crd, change.revision));
    if (crd.metadata.deletionTimestamp) this.cleanups.add(change.key);
  }

  stop(): void {
    this.cleanups.stop();
  }

  private cleanUp(key: string): void {
    const stored = this.store.backend.get(key);
    if (!stored) return;
    const crd = this.store.decode(this.crdType, stored.value);
    const types = resourceTypesOfCrd(crd);
    const type = types[0];
    let remaining = 0;
    if (type) {
      for (const item of this.store.backend.list(storagePrefix(type))) {
        remaining++;
        if (item.value.includes('"deletionTimestamp"')) continue;
        const object = this.store.decode(type, item.value);
        deleteObject(this.store, type, object.metadata.namespace ?? '', object.metadata.name!, {});
      }
    }
    if (remaining > 0) {
      // Instances with finalizers of their own go later; look again shortly.
      setTimeout(() => this.cleanups.add(key), 200).unref();
      return;
    }
    const next = cloneObject(crd);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
    this.store.replace(this.crdType, { object: crd, stored }, next, { fieldManager: 'apiextensions-apiserver' });
  }
}
