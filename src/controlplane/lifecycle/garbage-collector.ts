// Garbage collection through ownerReferences, as kube-controller-manager's collector does it:
// dependents whose owners are all gone are deleted (background); a dangling reference beside a
// live owner is removed; an owner deleted in the foreground waits for its dependents; an owner
// deleted with the orphan policy releases them.
import { cloneObject, deleteObject, FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type KubeObject, type ObjectStore, type OwnerReference } from '../objects/index.js';
import { storagePrefix, type ResourceRegistry, type ResourceType } from '../registry/index.js';
import type { Change } from '../storage/index.js';
import { DeferredKeys } from './deferred-keys.js';

/** Keeps an index owner uid → dependent keys and acts on deletions. */
export class GarbageCollector {
  private readonly dependents = new Map<string, Set<string>>();
  private readonly ownersOf = new Map<string, string[]>();
  private readonly queue: DeferredKeys;

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    onError: (key: string, err: unknown) => void,
  ) {
    this.queue = new DeferredKeys((key) => this.examine(key), onError);
  }

  /** Indexes every stored object and collects what was left behind while stopped. */
  resume(): void {
    for (const type of this.storedTypes()) {
      for (const stored of this.store.backend.list(storagePrefix(type))) {
        this.index(stored.key, stored.value);
        if (this.ownersOf.has(stored.key) || stored.value.includes('"deletionTimestamp"')) this.queue.add(stored.key);
      }
    }
  }

  /** Updates the index for a change and schedules what it affects. */
  observe(change: Change): void {
    const owners = this.ownersOf.get(change.key) ?? [];
    if (change.type === 'delete') {
      this.unindex(change.key);
      const uid = uidOf(change.value);
      for (const dependent of (uid && this.dependents.get(uid)) || []) this.queue.add(dependent);
      // A dependent went: an owner waiting in the foreground may be free now.
      for (const ownerUid of owners) this.queueOwner(change.value, ownerUid);
      return;
    }
    this.index(change.key, change.value);
    if (change.value.includes(`"${FOREGROUND_FINALIZER}"`) || change.value.includes(`"${ORPHAN_FINALIZER}"`)) this.queue.add(change.key);
  }

  stop(): void {
    this.queue.stop();
  }

  private index(key: string, value: string): void {
    this.unindex(key);
    if (!value.includes('"ownerReferences"')) return;
    const refs = (JSON.parse(value) as KubeObject).metadata.ownerReferences ?? [];
    const uids = refs.map((ref) => ref.uid).filter(Boolean);
    this.ownersOf.set(key, uids);
    for (const uid of uids) {
      let set = this.dependents.get(uid);
      if (!set) this.dependents.set(uid, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: string): void {
    for (const uid of this.ownersOf.get(key) ?? []) {
      const set = this.dependents.get(uid);
      set?.delete(key);
      if (set?.size === 0) this.dependents.delete(uid);
    }
    this.ownersOf.delete(key);
  }

  private queueOwner(dependentValue: string, ownerUid: string): void {
    const dependent = JSON.parse(dependentValue) as KubeObject;
    const ref = dependent.metadata.ownerReferences?.find((r) => r.uid === ownerUid);
    const found = ref && this.findOwner(ref, dependent.metadata.namespace ?? '');
    if (found) this.queue.add(found.key);
  }

  private examine(key: string): void {
    const stored = this.store.backend.get(key);
    if (!stored) return;
    const type = this.typeOfKey(key);
    if (!type) return;
    const object = this.store.decode(type, stored.value);
    const current = { object, stored };
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && finalizers.includes(ORPHAN_FINALIZER)) return this.orphanDependents(type, current);
    if (object.metadata.deletionTimestamp && finalizers.includes(FOREGROUND_FINALIZER)) return this.deleteDependents(type, current);
    this.collectIfOrphaned(type, current);
  }

  private collectIfOrphaned(type: ResourceType, current: { object: KubeObject; stored: { key: string; revision: number; value: string } }): void {
    const refs = current.object.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const namespace = current.object.metadata.namespace ?? '';
    const live = refs.filter((ref) => this.findOwner(ref, namespace)?.uid === ref.uid);
    if (live.length === refs.length) return;
    if (live.length > 0) {
      const next = cloneObject(current.object);
      next.metadata.ownerReferences = live;
      this.store.replace(type, current, next, { fieldManager: 'garbage-collector' });
      return;
    }
    if (!current.object.metadata.deletionTimestamp) deleteObject(this.store, type, namespace, current.object.metadata.name!, {});
  }

  private deleteDependents(type: ResourceType, owner: { object: KubeObject; stored: { key: string; revision: number; value: string } }): void {
    const uid = owner.object.metadata.uid!;
    const keys = [...(this.dependents.get(uid) ?? [])];
    for (const key of keys) {
      const dependentType = this.typeOfKey(key);
      const stored = this.store.backend.get(key);
      if (!dependentType || !stored || stored.value.includes('"deletionTimestamp"')) continue;
      const dependent = this.store.decode(dependentType, stored.value);
      deleteObject(this.store, dependentType, dependent.metadata.namespace ?? '', dependent.metadata.name!, { propagationPolicy: 'Foreground' });
    }
    if (keys.length === 0) this.dropFinalizer(type, owner, FOREGROUND_FINALIZER);
  }

  private orphanDependents(type: ResourceType, owner: { object: KubeObject; stored: { key: string; revision: number; value: string } }): void {
    const uid = owner.object.metadata.uid!;
    for (const key of [...(this.dependents.get(uid) ?? [])]) {
      const dependentType = this.typeOfKey(key);
      const stored = this.store.backend.get(key);
      if (!dependentType || !stored) continue;
      const current = { object: this.store.decode(dependentType, stored.value), stored };
      const next = cloneObject(current.object);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      this.store.replace(dependentType, current, next, { fieldManager: 'garbage-collector' });
    }
    const fresh = this.store.backend.get(owner.stored.key);
    if (fresh) this.dropFinalizer(type, { object: this.store.decode(type, fresh.value), stored: fresh }, ORPHAN_FINALIZER);
  }

  private dropFinalizer(type: ResourceType, current: { object: KubeObject; stored: { key: string; revision: number; value: string } }, finalizer: string): void {
    const next = cloneObject(current.object);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.store.replace(type, current, next, { fieldManager: 'garbage-collector' });
  }

  private findOwner(ref: OwnerReference, namespace: string): { key: string; uid: string | undefined } | undefined {
    const [group, version] = ref.apiVersion.includes('/') ? ref.apiVersion.split('/') : ['', ref.apiVersion];
    const type = this.registry.forKind(group!, version!, ref.kind);
    if (!type) return undefined;
    const key = this.store.keyOf(type, namespace, ref.name);
    const stored = this.store.backend.get(key);
    return stored ? { key, uid: uidOf(stored.value) } : undefined;
  }

  private typeOfKey(key: string): ResourceType | undefined {
    return this.storedTypes().find((type) => key.startsWith(storagePrefix(type)));
  }

  private storedTypes(): ResourceType[] {
    const seen = new Map<string, ResourceType>();
    for (const type of this.registry.all()) if (!type.virtual) seen.set(storagePrefix(type), type);
    return [...seen.values()];
  }
}

function uidOf(value: string): string | undefined {
  return (JSON.parse(value) as KubeObject).metadata.uid;
}
