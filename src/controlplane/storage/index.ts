// storage: the control plane's versioned key-value store (memory and SQLite backends behind one
// contract). It knows keys, revisions and JSON text, never Kubernetes semantics.
export type { Change, ChangeType, StorageBackend, StoredValue, ValueAtRevision } from './backend.js';
export { CompactedError, KeyExistsError, KeyNotFoundError, RevisionMismatchError } from './backend.js';
export { MemoryBackend } from './memory-backend.js';
export { SqliteBackend, type SqliteBackendOptions } from './sqlite-backend.js';
