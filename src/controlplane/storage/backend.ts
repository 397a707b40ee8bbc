// The storage contract of the control plane: a versioned key-value store with one global,
// monotonic revision and a change history for watches. Every backend (memory, SQLite) passes
// the same contract suite (backend-contract.ts), as kine does for its SQL backends.
import { WeirError } from '../../lib/index.js';

/** One stored value and the revision of its last write. */
export interface StoredValue {
  readonly key: string;
  readonly revision: number;
  /** The object as JSON text; it already carries `metadata.resourceVersion` = `revision`. */
  readonly value: string;
}

/** What a write did to a key. */
export type ChangeType = 'create' | 'update' | 'delete';

/** One entry of the change history. For a delete, `value` is the last state with the delete's revision. */
export interface Change {
  readonly type: ChangeType;
  readonly key: string;
  readonly revision: number;
  readonly value: string;
  /** The value before the write, on live notifications only (history does not keep it). */
  readonly previous?: string;
}

/** Builds the stored text once the revision of the write is known (it goes into resourceVersion). */
export type ValueAtRevision = (revision: number) => string;

/** A synchronous, single-writer store. Writes are atomic and, for durable backends, on disk when they return. */
export interface StorageBackend {
  /** The revision of the last write (0 when empty). */
  readonly revision: number;
  /** Oldest revision still in the change history; watches from before it must relist. */
  readonly compactedRevision: number;
  get(key: string): StoredValue | undefined;
  /** Values whose key starts with `prefix`, in key order, starting after `afterKey`, at most `limit`. */
  list(prefix: string, options?: { afterKey?: string; limit?: number }): StoredValue[];
  /** Number of keys under `prefix`. */
  count(prefix: string): number;
  create(key: string, value: ValueAtRevision): Change;
  /** Replaces a value; with `expectedRevision`, only if the key is still at that revision. */
  update(key: string, value: ValueAtRevision, expectedRevision?: number): Change;
  /** Removes a key; `lastValue` builds the final state carried by the delete event. */
  delete(key: string, lastValue: ValueAtRevision, expectedRevision?: number): Change;
  /** Changes with a revision greater than `revision`, oldest first. Throws CompactedError when history is gone. */
  changesSince(revision: number): Change[];
  /** Calls `listener` after every write, in revision order. Returns an unsubscribe function. */
  subscribe(listener: (change: Change) => void): () => void;
  /** Forgets history up to (and including) `revision`. */
  compact(revision: number): void;
  close(): void;
}

/** A create found the key already present. */
export class KeyExistsError extends WeirError {
  constructor(readonly key: string) {
    super('controlplane.storage.exists', `${key} already exists`);
  }
}

/** An update or delete found no such key. */
export class KeyNotFoundError extends WeirError {
  constructor(readonly key: string) {
    super('controlplane.storage.not-found', `${key} not found`);
  }
}

/** An update or delete expected another revision (optimistic concurrency). */
export class RevisionMismatchError extends WeirError {
  constructor(
    readonly key: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('controlplane.storage.conflict', `${key} is at revision ${actual}, not ${expected}`);
  }
}

/** A watch asked for history that has been compacted away. */
export class CompactedError extends WeirError {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super('controlplane.storage.compacted', `revision ${requested} is compacted (oldest kept: ${compacted})`);
  }
}
