// The object store: Kubernetes semantics over the storage backend. Every write path (create,
// update, patch, apply, delete) ends in `commit`, so stamping, ownership, optimistic locking,
// finalizers and dry runs behave the same whichever verb the client used; create, update, patch
// and apply pass `admit` first (decoding, kind hooks, validation).
import { ApiError, type StatusCause } from '../api-error.js';
import { groupVersionOf, storagePrefix, type ResourceType } from '../registry/index.js';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError, type StorageBackend, type StoredValue } from '../storage/index.js';
import type { FieldOwnership, Writer } from './field-ownership.js';
import { asKubeObject, cloneObject, jsonEqual, timestamp, type KubeObject } from './kube-object.js';
import { prepareCreate, prepareUpdate, type WriteScope } from './object-rules.js';

/** Options every write accepts. */
export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
  readonly userAgent?: string;
  readonly subresource?: string;
}

/** A stored object, parsed, with its revision. */
export interface ReadObject {
  readonly object: KubeObject;
  readonly stored: StoredValue;
}

/** Hooks that give some kinds their server-side behaviour (CRDs, namespaces, custom resources' schemas). */
export interface KindHooks {
  /** Adjusts an object about to be stored (after the generic rules). */
  beforeStore?(type: ResourceType, object: KubeObject, current: KubeObject | undefined, now: Date): void;
  /**
   * Completes an object the way the API server decodes one, in place: every object written and
   * every object read from storage goes through it (pruning and defaulting). True when it changed.
   */
  decode?(type: ResourceType, object: KubeObject): boolean;
  /** Whether an object stored at `revision` may need `decode` (false: it was completed when written). */
  decodes?(type: ResourceType, revision: number): boolean;
  /** Field causes of an object the API server would refuse; `current` on an update (what it may keep). */
  validate?(type: ResourceType, object: KubeObject, current: KubeObject | undefined, scope: WriteScope): StatusCause[];
}

/** Kubernetes object semantics over a StorageBackend. */
export class ObjectStore {
  constructor(
    readonly backend: StorageBackend,
    private readonly fields: FieldOwnership,
    private readonly hooks: KindHooks = {},
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Storage key of an object. */
  keyOf(type: ResourceType, namespace: string, name: string): string {
    return `${storagePrefix(type)}${type.namespaced ? namespace : ''}/${name}`;
  }

  /** Reads an object or answers 404. */
  read(type: ResourceType, namespace: string, name: string): ReadObject {
    const stored = this.backend.get(this.keyOf(type, namespace, name));
    if (!stored) throw ApiError.notFound(type, name);
    return { object: this.decode(type, stored.value), stored };
  }

  /** Reads an object, or undefined. */
  find(type: ResourceType, namespace: string, name: string): KubeObject | undefined {
    const stored = this.backend.get(this.keyOf(type, namespace, name));
    return stored ? this.decode(type, stored.value) : undefined;
  }

  /** The stored JSON text of an object in the version `type` serves. */
  textOf(type: ResourceType, stored: StoredValue): string {
    // Stored text starts with the version it was written in (see `serialize`); other served
    // versions only relabel it (CRD conversion strategy "None"). Text written before its kind's
    // schema was known is completed (`decode`) the way the API server completes what it reads.
    const sameVersion = stored.value.startsWith(`{"apiVersion":${JSON.stringify(groupVersionOf(type))},`);
    if (sameVersion && !this.hooks.decodes?.(type, stored.revision)) return stored.value;
    return serialize(this.decode(type, stored.value));
  }

  /** Parses stored text into an object of the version `type` serves, completed as the API server decodes it. */
  decode(type: ResourceType, value: string): KubeObject {
    const object = JSON.parse(value) as KubeObject;
    object.apiVersion = groupVersionOf(type);
    this.hooks.decode?.(type, object);
    return object;
  }

  /** Creates an object. */
  create(type: ResourceType, namespace: string, body: unknown, options: WriteOptions): KubeObject {
    const now = this.clock();
    const object = prepareCreate(type, namespace, asKubeObject(body), now);
    if (type.namespaced) this.checkNamespaceAcceptsObjects(object.metadata.namespace!);
    this.admit(type, object, { current: undefined, scope: 'main', now });
    if (object.metadata.managedFields === undefined || options.fieldManager !== undefined) {
      object.metadata.managedFields = this.fields.recordUpdate(type, undefined, object, this.writer(options), now);
    }
    return this.commit(type, object, undefined, options);
  }

  /** Replaces an object (PUT), on the main resource or the status subresource. */
  update(type: ResourceType, namespace: string, name: string, body: unknown, options: WriteOptions): KubeObject {
    const current = this.read(type, namespace, name);
    const next = asKubeObject(body);
    this.checkPrecondition(type, current, next.metadata.resourceVersion);
    return this.replace(type, current, next, options);
  }

  /** Writes `next` over `current`: the shared tail of update and patch. */
  replace(type: ResourceType, current: ReadObject, next: KubeObject, options: WriteOptions): KubeObject {
    const now = this.clock();
    const explicitManagedFields = next.metadata.managedFields;
    const before = current.object;
    const result = prepareUpdate(type, before, next, scopeOf(options));
    this.admit(type, result, { current: before, scope: scopeOf(options), now });
    result.metadata.managedFields =
      explicitManagedFields !== undefined && !jsonEqual(explicitManagedFields, before.metadata.managedFields)
        ? explicitManagedFields
        : this.fields.recordUpdate(type, before, result, this.writer(options), now);
    if (result.metadata.managedFields === undefined) delete result.metadata.managedFields;
    return this.commit(type, result, current, options);
  }

  /** Server-side apply: creates or merges, tracking field ownership. */
  apply(type: ResourceType, namespace: string, name: string, config: KubeObject, options: WriteOptions & { force: boolean }): { object: KubeObject; created: boolean } {
    const key = this.keyOf(type, namespace, name);
    const stored = this.backend.get(key);
    const now = this.clock();
    const writer = { ...this.writer(options), force: options.force };
    if (config.metadata.name !== undefined && config.metadata.name !== name) {
      throw ApiError.badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (!stored) {
      const merged = this.fields.apply(type, undefined, { ...config, metadata: { ...config.metadata, name } }, writer, now);
      const managedFields = merged.metadata.managedFields;
      const object = prepareCreate(type, namespace, merged, now);
      object.metadata.managedFields = managedFields;
      if (type.namespaced) this.checkNamespaceAcceptsObjects(object.metadata.namespace!);
      this.admit(type, object, { current: undefined, scope: 'main', now });
      return { object: this.commit(type, object, undefined, options), created: true };
    }
    const current = { object: this.decode(type, stored.value), stored };
    this.checkPrecondition(type, current, config.metadata.resourceVersion);
    const merged = this.fields.apply(type, cloneObject(current.object), config, writer, now);
    const result = prepareUpdate(type, current.object, merged, scopeOf(options));
    result.metadata.managedFields = merged.metadata.managedFields;
    this.admit(type, result, { current: current.object, scope: scopeOf(options), now });
    return { object: this.commit(type, result, current, options), created: false };
  }

  /** Answers 409 when a request names a resourceVersion that is not the current one. */
  checkPrecondition(type: ResourceType, current: ReadObject, resourceVersion: string | undefined): void {
    if (resourceVersion !== undefined && resourceVersion !== '' && resourceVersion !== String(current.stored.revision)) {
      throw ApiError.conflict(type, current.object.metadata.name!);
    }
  }

  /**
   * Stores a prepared object (or only returns it on a dry run). An update that changes nothing is
   * not written, and an object that is being deleted goes once its last finalizer is gone.
   */
  commit(type: ResourceType, object: KubeObject, current: ReadObject | undefined, options: WriteOptions): KubeObject {
    const name = object.metadata.name!;
    const key = this.keyOf(type, object.metadata.namespace ?? '', name);
    if (current && unchanged(current.object, object)) return current.object;
    if (options.dryRun) {
      if (current) object.metadata.resourceVersion = String(current.stored.revision);
      return object;
    }
    const encode = (revision: number) => {
      object.metadata.resourceVersion = String(revision);
      return serialize(object);
    };
    try {
      if (!current) this.backend.create(key, encode);
      else if (readyToGo(object)) this.backend.delete(key, encode, current.stored.revision);
      else this.backend.update(key, encode, current.stored.revision);
    } catch (err) {
      throw this.storageError(type, name, err);
    }
    return object;
  }

  /** Removes an object now, bypassing finalizers (used once they are all gone). */
  remove(type: ResourceType, current: ReadObject, dryRun = false): KubeObject {
    const object = current.object;
    if (dryRun) return object;
    try {
      this.backend.delete(current.stored.key, (revision) => {
        object.metadata.resourceVersion = String(revision);
        return serialize(object);
      }, current.stored.revision);
    } catch (err) {
      throw this.storageError(type, object.metadata.name!, err);
    }
    return object;
  }

  /** Marks an object as being deleted (deletionTimestamp) and sets its finalizers. */
  markDeleting(type: ResourceType, current: ReadObject, finalizers: string[], dryRun: boolean): KubeObject {
    const object = cloneObject(current.object);
    object.metadata.deletionTimestamp ??= timestamp(this.clock());
    object.metadata.deletionGracePeriodSeconds ??= 0;
    object.metadata.finalizers = finalizers;
    this.hooks.beforeStore?.(type, object, current.object, this.clock());
    return this.commit(type, object, current, { dryRun });
  }

  /**
   * What the API server does to a prepared object before it stores it (dry runs too): decoding
   * (pruning, defaulting), the kind's own completion, then validation, refused with 422 Invalid.
   */
  private admit(type: ResourceType, object: KubeObject, write: { current: KubeObject | undefined; scope: WriteScope; now: Date }): void {
    this.hooks.decode?.(type, object);
    this.hooks.beforeStore?.(type, object, write.current, write.now);
    const causes = this.hooks.validate?.(type, object, write.current, write.scope) ?? [];
    if (causes.length > 0) throw ApiError.invalid(type.kind, type.group, object.metadata.name ?? '', causes);
  }

  private checkNamespaceAcceptsObjects(namespace: string): void {
    const stored = this.backend.get(`core/namespaces//${namespace}`);
    if (!stored) throw ApiError.notFound({ group: '', plural: 'namespaces' }, namespace);
    if (stored.value.includes('"deletionTimestamp"')) {
      throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
        name: namespace,
        kind: 'namespaces',
      });
    }
  }

  private writer(options: WriteOptions): Writer {
    const manager = options.fieldManager ?? (options.userAgent ? options.userAgent.split('/')[0]! : 'unknown');
    return { manager, ...(options.subresource ? { subresource: options.subresource } : {}) };
  }

  private storageError(type: ResourceType, name: string, err: unknown): unknown {
    if (err instanceof KeyExistsError) return ApiError.alreadyExists(type, name);
    if (err instanceof RevisionMismatchError) return ApiError.conflict(type, name);
    if (err instanceof KeyNotFoundError) return ApiError.notFound(type, name);
    return err;
  }
}

/** JSON text of an object with apiVersion and kind first, as the API server writes objects. */
function serialize(object: KubeObject): string {
  return JSON.stringify({ apiVersion: object.apiVersion, kind: object.kind, ...object });
}

function scopeOf(options: WriteOptions): WriteScope {
  return options.subresource === 'status' ? 'status' : 'main';
}

function unchanged(before: KubeObject, after: KubeObject): boolean {
  const a = { ...before, metadata: { ...before.metadata, resourceVersion: undefined } };
  const b = { ...after, metadata: { ...after.metadata, resourceVersion: undefined } };
  return jsonEqual(a, b);
}

/** An object being deleted with no finalizers left (namespaces also wait for spec.finalizers). */
function readyToGo(object: KubeObject): boolean {
  if (!object.metadata.deletionTimestamp || (object.metadata.finalizers?.length ?? 0) > 0) return false;
  const specFinalizers = (object.spec as { finalizers?: string[] } | undefined)?.finalizers;
  return !(object.kind === 'Namespace' && (specFinalizers?.length ?? 0) > 0);
}
