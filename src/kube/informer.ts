// A local, always-current copy of one collection, as client-go's reflector and informer keep it:
// list (paged), then watch from the list's resourceVersion; resume a watch that ended from the
// last resourceVersion seen (bookmarks move it on); relist on 410 Gone and deliver what changed
// meanwhile. Handlers see each change once: an update only when the resourceVersion moved.
import type { Logger } from 'pino';
import { WeirError } from '../lib/index.js';
import { isKubeApiError, statusError } from './errors.js';
import type { KubeClient } from './client.js';
import { describeType, type KubeObject, type TypeRef, type WatchEvent } from './types.js';
import type { WatchHandle } from './watch-stream.js';

/** How an informer behaves. */
export interface InformerOptions {
  /** Replays every cached object as update(obj, obj) this often; 0 or unset for never. */
  resyncMs?: number;
  logger?: Logger;
  /** Objects per list page (default 500). */
  pageSize?: number;
  /** Server-side lifetime of each watch; default a random 5–10 minutes, as client-go spreads reconnects. */
  watchTimeoutSeconds?: number;
}

const BACKOFF_INITIAL_MS = 100;
const BACKOFF_MAX_MS = 5_000;
/** A watch that ends normally sooner than this counts as a failure, so that reconnects cannot spin. */
const MIN_HEALTHY_WATCH_MS = 1_000;

/** The cache key of an object, as client-go's MetaNamespaceKeyFunc makes it. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Keeps a cache of one collection and tells handlers what changed. */
export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly handlers = {
    add: [] as Array<(obj: KubeObject) => void>,
    update: [] as Array<(obj: KubeObject, old: KubeObject) => void>,
    delete: [] as Array<(obj: KubeObject) => void>,
  };
  private state: 'new' | 'running' | 'stopped' = 'new';
  private resourceVersion = '';
  /** Generation of the current watch; callbacks of an older one are ignored. */
  private attempt = 0;
  private failures = 0;
  private watchHandle: WatchHandle | undefined;
  private listAbort: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private isSynced = false;

  constructor(
    private readonly client: KubeClient,
    private readonly type: TypeRef,
    private readonly options: InformerOptions = {},
  ) {}

  /** Handlers get the object (and the old one on update); resync replays every cached object as an update. */
  onAdd(h: (obj: KubeObject) => void): void {
    this.handlers.add.push(h);
  }

  /** Called when an object's resourceVersion changed (or on resync, with obj === old). */
  onUpdate(h: (obj: KubeObject, old: KubeObject) => void): void {
    this.handlers.update.push(h);
  }

  /** Called with the last known state of a deleted object. */
  onDelete(h: (obj: KubeObject) => void): void {
    this.handlers.delete.push(h);
  }

  /** Resolves when the first list is in the cache. Retries transient failures; rejects on others (403, unknown kind). */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new WeirError('kube.informer', `${describeType(this.type)}: an informer starts once`);
    this.state = 'running';
    for (;;) {
      try {
        await this.relist();
        break;
      } catch (err) {
        if (this.stopped) return;
        if (!transient(err)) {
          this.stop();
          throw err;
        }
        this.log('warn', err, 'list failed; retrying');
        await this.sleep(this.backoff());
      }
    }
    if (this.stopped) return;
    this.failures = 0;
    this.isSynced = true;
    if (this.options.resyncMs) this.resyncTimer = setInterval(() => this.resync(), this.options.resyncMs);
    this.watch();
  }

  /** Ends the watch, pending requests and timers. */
  stop(): void {
    this.state = 'stopped';
    this.attempt++;
    this.watchHandle?.abort();
    this.watchHandle = undefined;
    this.listAbort?.abort();
    clearTimeout(this.retryTimer);
    clearInterval(this.resyncTimer);
    this.wakeUp?.();
  }

  private get stopped(): boolean {
    return this.state === 'stopped';
  }

  /** True once the first list is in the cache. */
  get synced(): boolean {
    return this.isSynced;
  }

  /** The cached object, if any. */
  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(objectKey(namespace, name));
  }

  /** Every cached object. */
  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  /** Lists every page, then delivers the differences to the cache: adds, updates and deletes. */
  private async relist(): Promise<void> {
    const fresh = new Map<string, KubeObject>();
    const abort = (this.listAbort = new AbortController());
    let resourceVersion = '';
    let next: string | undefined;
    do {
      const page = await this.client.list(this.type, { limit: this.options.pageSize ?? 500, ...(next ? { continue: next } : {}), signal: abort.signal });
      // A paged list is consistent at its first page's version (the API server serves later pages from it).
      resourceVersion ||= page.resourceVersion;
      for (const item of page.items) fresh.set(objectKey(item.metadata.namespace, item.metadata.name), item);
      next = page.continue;
    } while (next && !this.stopped);
    if (this.stopped) return;
    for (const [key, obj] of fresh) this.upsert(key, obj);
    for (const [key, old] of this.cache) {
      if (fresh.has(key)) continue;
      this.cache.delete(key);
      this.emit('delete', old);
    }
    this.resourceVersion = resourceVersion;
  }

  private watch(): void {
    if (this.stopped) return;
    const attempt = ++this.attempt;
    const startedAt = Date.now();
    let gone = false;
    let failed: unknown;
    let ended = false;
    const onEvent = (event: WatchEvent) => {
      if (attempt !== this.attempt || gone || failed) return;
      if (event.type === 'ERROR') {
        const status = event.object as unknown as Record<string, unknown>;
        if (status.code === 410) gone = true;
        else failed = statusError(describeType(this.type), status);
        // The server closes the stream after an ERROR; do not rely on it.
        return this.watchHandle?.abort();
      }
      this.apply(event);
    };
    const onDone = (err?: unknown) => {
      if (ended || attempt !== this.attempt) return;
      ended = true;
      this.watchHandle = undefined;
      this.afterWatch(gone || isKubeApiError(err, 410), err ?? failed, Date.now() - startedAt);
    };
    const timeoutSeconds = this.options.watchTimeoutSeconds ?? Math.floor(300 * (1 + Math.random()));
    this.client.watch(this.type, { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds }, onEvent, onDone).then(
      (handle) => {
        if (attempt === this.attempt && !ended) this.watchHandle = handle;
        else handle.abort();
      },
      onDone,
    );
  }

  private afterWatch(gone: boolean, err: unknown, lastedMs: number): void {
    if (this.stopped) return;
    if (gone) {
      this.log('info', undefined, `resourceVersion ${this.resourceVersion} is too old; relisting`);
      return this.later(0, () => this.relistAndWatch());
    }
    if (err || lastedMs < MIN_HEALTHY_WATCH_MS) {
      if (err) this.log('warn', err, 'watch failed; resuming');
      return this.later(this.backoff(), () => this.watch());
    }
    this.failures = 0;
    this.later(0, () => this.watch());
  }

  private async relistAndWatch(): Promise<void> {
    try {
      await this.relist();
      this.failures = 0;
      this.watch();
    } catch (err) {
      if (this.stopped) return;
      this.log('warn', err, 'relist failed; retrying');
      this.later(this.backoff(), () => this.relistAndWatch());
    }
  }

  private apply(event: WatchEvent): void {
    const obj = event.object;
    if (obj.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    this.failures = 0;
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    if (event.type !== 'DELETED') return this.upsert(key, obj);
    if (!this.cache.delete(key)) return;
    this.emit('delete', obj);
  }

  private upsert(key: string, obj: KubeObject): void {
    const old = this.cache.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.cache.set(key, obj);
    if (old) this.emit('update', obj, old);
    else this.emit('add', obj);
  }

  private resync(): void {
    for (const obj of this.cache.values()) this.emit('update', obj, obj);
  }

  private emit(kind: 'add' | 'delete', obj: KubeObject): void;
  private emit(kind: 'update', obj: KubeObject, old: KubeObject): void;
  private emit(kind: 'add' | 'update' | 'delete', obj: KubeObject, old?: KubeObject): void {
    for (const handler of this.handlers[kind]) {
      try {
        handler(obj, old!);
      } catch (err) {
        this.log('error', err, `${kind} handler failed`);
      }
    }
  }

  private backoff(): number {
    this.failures++;
    return Math.min(BACKOFF_INITIAL_MS * 2 ** (this.failures - 1), BACKOFF_MAX_MS);
  }

  private later(ms: number, fn: () => void): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) fn();
    }, ms);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      this.later(ms, resolve);
    });
  }

  private log(level: 'info' | 'warn' | 'error', err: unknown, message: string): void {
    this.options.logger?.[level]({ ...(err ? { err } : {}), kind: this.type.kind, namespace: this.type.namespace }, message);
  }
}

/** Errors worth retrying: no reply, 410 (a continue token expired), 429 and 5xx. */
function transient(err: unknown): boolean {
  if (!isKubeApiError(err)) return (err as { code?: unknown }).code === 'kube.request';
  return err.status === 410 || err.status === 429 || err.status >= 500;
}
