// Watch fan-out. One subscription to the storage backend feeds every open watch; each watch
// filters by resource, namespace and selectors and hands events to its sink. A sink that cannot
// keep up is closed (the client resumes from its last resourceVersion or relists), so a slow
// reader never holds up writers or other watchers, as in kine and the API server's watch cache.
import { ApiError } from '../api-error.js';
import type { KubeObject, ObjectFilter, ObjectStore } from '../objects/index.js';
import { storagePrefix, type ResourceType } from '../registry/index.js';
import { CompactedError, type Change, type StoredValue } from '../storage/index.js';

/** Kubernetes watch event types. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One event as a sink receives it: the stored text, and a parser that runs at most once. */
export interface WatchEvent {
  readonly type: WatchEventType;
  readonly revision: number;
  readonly text: string;
  readonly object: () => KubeObject;
}

/** Where a watch's events go (an HTTP response, a test). */
export interface WatchSink {
  /** Delivers an event; returns false when the sink has fallen too far behind and must close. */
  send(event: WatchEvent): boolean;
  /** Ends the stream with an ERROR event carrying a Status. */
  fail(error: ApiError): void;
  close(): void;
}

/** What to watch. */
export interface WatchRequest {
  readonly type: ResourceType;
  /** '' for all namespaces (or cluster scope). */
  readonly namespace: string;
  readonly filter: ObjectFilter;
  /** Unset or '0': start with ADDED events for what exists now. Otherwise replay changes after it. */
  readonly resourceVersion?: string;
}

interface Watcher {
  readonly request: WatchRequest;
  readonly prefix: string;
  readonly sink: WatchSink;
}

/** Fans storage changes out to watches. */
export class WatchHub {
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.backend.subscribe((change) => this.dispatch(change));
  }

  /** Number of open watches. */
  get size(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** Starts a watch; returns the function that stops it. */
  open(request: WatchRequest, sink: WatchSink): () => void {
    const bucket = storagePrefix(request.type);
    const watcher: Watcher = {
      request,
      prefix: bucket + (request.type.namespaced && request.namespace ? `${request.namespace}/` : ''),
      sink,
    };
    const rv = request.resourceVersion;
    // Catch-up and registration happen in one synchronous step: no write can fall between them.
    if (rv === undefined || rv === '' || rv === '0') {
      if (!this.sendInitial(watcher)) return () => undefined;
    } else if (!this.replay(watcher, Number(rv))) {
      return () => undefined;
    }
    let set = this.watchers.get(bucket);
    if (!set) this.watchers.set(bucket, (set = new Set()));
    set.add(watcher);
    return () => this.remove(bucket, watcher);
  }

  close(): void {
    this.unsubscribe();
    for (const set of this.watchers.values()) for (const watcher of set) watcher.sink.close();
    this.watchers.clear();
  }

  private sendInitial(watcher: Watcher): boolean {
    for (const stored of this.store.backend.list(watcher.prefix)) {
      if (!this.matches(watcher, stored)) continue;
      if (!watcher.sink.send(this.event('ADDED', watcher.request.type, stored))) return this.drop(watcher);
    }
    return true;
  }

  private replay(watcher: Watcher, revision: number): boolean {
    if (!Number.isInteger(revision) || revision < 0) {
      watcher.sink.fail(ApiError.badRequest(`invalid resource version: ${watcher.request.resourceVersion}`));
      return false;
    }
    let changes: Change[];
    try {
      changes = this.store.backend.changesSince(revision);
    } catch (err) {
      if (!(err instanceof CompactedError)) throw err;
      watcher.sink.fail(ApiError.expired(revision, this.store.backend.revision));
      return false;
    }
    for (const change of changes) if (!this.deliver(watcher, change)) return false;
    return true;
  }

  private dispatch(change: Change): void {
    const slash = change.key.indexOf('/', change.key.indexOf('/') + 1);
    const set = this.watchers.get(change.key.slice(0, slash + 1));
    if (!set) return;
    // One StoredValue per change, shared by every watcher, so that selectors parse it once.
    const now: StoredValue = { key: change.key, revision: change.revision, value: change.value };
    const before: StoredValue | undefined = change.previous === undefined ? undefined : { key: change.key, revision: change.revision - 1, value: change.previous };
    for (const watcher of set) this.deliver(watcher, change, now, before);
  }

  /** Sends one change to one watcher, turning selector transitions into ADDED/DELETED. */
  private deliver(watcher: Watcher, change: Change, now: StoredValue = { key: change.key, revision: change.revision, value: change.value }, before?: StoredValue): boolean {
    if (!change.key.startsWith(watcher.prefix)) return true;
    const type = watcher.request.type;
    const isNow = this.matches(watcher, now);
    let eventType: WatchEventType | undefined;
    if (change.type === 'create') eventType = isNow ? 'ADDED' : undefined;
    else if (change.type === 'delete') eventType = isNow ? 'DELETED' : undefined;
    else {
      const wasBefore = before === undefined || watcher.request.filter.empty ? isNow : this.matches(watcher, before);
      eventType = isNow ? (wasBefore ? 'MODIFIED' : 'ADDED') : wasBefore ? 'DELETED' : undefined;
    }
    if (!eventType) return true;
    if (watcher.sink.send(this.event(eventType, type, now))) return true;
    return this.drop(watcher);
  }

  private matches(watcher: Watcher, stored: StoredValue): boolean {
    return watcher.request.filter.matches(stored, () => this.store.decode(watcher.request.type, stored.value));
  }

  private event(type: WatchEventType, resource: ResourceType, stored: StoredValue): WatchEvent {
    let parsed: KubeObject | undefined;
    return {
      type,
      revision: stored.revision,
      text: this.store.textOf(resource, stored),
      object: () => (parsed ??= this.store.decode(resource, stored.value)),
    };
  }

  private drop(watcher: Watcher): false {
    this.remove(storagePrefix(watcher.request.type), watcher);
    watcher.sink.close();
    return false;
  }

  private remove(bucket: string, watcher: Watcher): void {
    const set = this.watchers.get(bucket);
    set?.delete(watcher);
    if (set?.size === 0) this.watchers.delete(bucket);
  }
}
