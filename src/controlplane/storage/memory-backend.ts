import {
  CompactedError,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  type Change,
  type ChangeType,
  type StorageBackend,
  type StoredValue,
  type ValueAtRevision,
} from './backend.js';
import { SortedKeys } from './sorted-keys.js';

/** How many changes a backend keeps for watches before it forgets the oldest. */
export const DEFAULT_HISTORY_LIMIT = 20_000;

/** Keys are bucketed by their first two segments (`group/resource/`), the unit every list asks for. */
function bucketOf(key: string): string | undefined {
  const first = key.indexOf('/');
  const second = first < 0 ? -1 : key.indexOf('/', first + 1);
  return second < 0 ? undefined : key.slice(0, second + 1);
}

/** A backend held wholly in memory: the unit-test store, and the read mirror of the SQLite backend. */
export class MemoryBackend implements StorageBackend {
  private readonly values = new Map<string, StoredValue>();
  private readonly buckets = new Map<string, SortedKeys>();
  private readonly listeners = new Set<(change: Change) => void>();
  private history: Change[] = [];
  private currentRevision = 0;
  private compactedThrough = 0;

  constructor(private readonly historyLimit = DEFAULT_HISTORY_LIMIT) {}

  get revision(): number {
    return this.currentRevision;
  }

  get compactedRevision(): number {
    return this.compactedThrough;
  }

  get(key: string): StoredValue | undefined {
    return this.values.get(key);
  }

  list(prefix: string, options: { afterKey?: string; limit?: number } = {}): StoredValue[] {
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const keys = this.keysUnder(prefix, options.afterKey, limit);
    return keys.map((key) => this.values.get(key)!);
  }

  count(prefix: string): number {
    const name = bucketOf(prefix);
    if (name !== undefined) return this.buckets.get(name)?.countPrefix(prefix) ?? 0;
    return this.keysUnder(prefix, undefined, Number.MAX_SAFE_INTEGER).length;
  }

  create(key: string, value: ValueAtRevision): Change {
    return this.commit(this.prepare('create', key, value));
  }

  update(key: string, value: ValueAtRevision, expectedRevision?: number): Change {
    return this.commit(this.prepare('update', key, value, expectedRevision));
  }

  delete(key: string, lastValue: ValueAtRevision, expectedRevision?: number): Change {
    return this.commit(this.prepare('delete', key, lastValue, expectedRevision));
  }

  changesSince(revision: number): Change[] {
    if (revision < this.compactedThrough) throw new CompactedError(revision, this.compactedThrough);
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid]!.revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  compact(revision: number): void {
    if (revision <= this.compactedThrough) return;
    this.compactedThrough = Math.min(revision, this.currentRevision);
    this.history = this.history.filter((change) => change.revision > this.compactedThrough);
  }

  close(): void {
    this.listeners.clear();
  }

  /** Checks preconditions and builds the change a write would make, without applying it. */
  prepare(type: ChangeType, key: string, value: ValueAtRevision, expectedRevision?: number): Change {
    const existing = this.values.get(key);
    if (type === 'create' && existing) throw new KeyExistsError(key);
    if (type !== 'create') {
      if (!existing) throw new KeyNotFoundError(key);
      if (expectedRevision !== undefined && existing.revision !== expectedRevision) {
        throw new RevisionMismatchError(key, expectedRevision, existing.revision);
      }
    }
    const revision = this.currentRevision + 1;
    return { type, key, revision, value: value(revision), ...(existing ? { previous: existing.value } : {}) };
  }

  /** Applies a prepared change and tells the listeners. */
  commit(change: Change): Change {
    this.currentRevision = change.revision;
    if (change.type === 'delete') {
      this.values.delete(change.key);
      this.buckets.get(bucketOf(change.key) ?? '')?.remove(change.key);
    } else {
      if (change.type === 'create') this.bucketFor(change.key).insert(change.key);
      this.values.set(change.key, { key: change.key, revision: change.revision, value: change.value });
    }
    this.remember(change);
    for (const listener of this.listeners) listener(change);
    return change;
  }

  /** Loads state saved elsewhere (the SQLite backend at start-up), without notifying anyone. */
  restore(values: Iterable<StoredValue>, history: Change[], revision: number, compactedRevision: number): void {
    for (const stored of values) {
      this.values.set(stored.key, stored);
      this.bucketFor(stored.key).insert(stored.key);
    }
    this.history = history;
    this.currentRevision = revision;
    this.compactedThrough = compactedRevision;
  }

  private remember(change: Change): void {
    this.history.push({ type: change.type, key: change.key, revision: change.revision, value: change.value });
    // Trim in chunks so that the cost of slicing is paid once per many writes.
    if (this.history.length > this.historyLimit * 1.25) {
      const drop = this.history.length - this.historyLimit;
      this.compactedThrough = this.history[drop - 1]!.revision;
      this.history = this.history.slice(drop);
    }
  }

  private bucketFor(key: string): SortedKeys {
    const name = bucketOf(key) ?? '';
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = new SortedKeys();
      this.buckets.set(name, bucket);
    }
    return bucket;
  }

  private keysUnder(prefix: string, afterKey: string | undefined, limit: number): string[] {
    const name = bucketOf(prefix);
    if (name !== undefined) return this.buckets.get(name)?.range(prefix, afterKey, limit) ?? [];
    // A prefix shorter than one bucket spans several: merge them (rare; administrative scans).
    const keys: string[] = [];
    for (const [bucketName, bucket] of this.buckets) {
      if (bucketName === '' || bucketName.startsWith(prefix)) {
        keys.push(...bucket.range(prefix, afterKey, Number.MAX_SAFE_INTEGER));
      }
    }
    return keys.sort().slice(0, limit);
  }
}
