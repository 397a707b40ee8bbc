import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Change, ChangeType, StorageBackend, StoredValue, ValueAtRevision } from './backend.js';
import { DEFAULT_HISTORY_LIMIT, MemoryBackend } from './memory-backend.js';

const CHANGE_CODES: Record<ChangeType, number> = { create: 0, update: 1, delete: 2 };
const CHANGE_TYPES: ChangeType[] = ['create', 'update', 'delete'];

/** Options of the SQLite backend. */
export interface SqliteBackendOptions {
  /** How many changes to keep for watches that resume (also across restarts). */
  historyLimit?: number;
  /**
   * SQLite `synchronous` level. NORMAL (the default) makes every acknowledged write survive a
   * crash of the process (the WAL is written before a commit returns); FULL also survives a
   * crash of the machine, at the price of an fsync per write.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

/**
 * The durable backend: SQLite in WAL mode is the record, and an in-memory mirror serves reads,
 * so that lists of tens of thousands of objects never touch the disk. A write reaches SQLite
 * before the mirror and the watchers see it, so nothing is reported that was not stored.
 */
export class SqliteBackend implements StorageBackend {
  private readonly db: Database.Database;
  private readonly mirror: MemoryBackend;
  private readonly writeChange: (change: Change) => void;
  private readonly historyLimit: number;
  private writesSinceTrim = 0;

  constructor(file: string, options: SqliteBackendOptions = {}) {
    mkdirSync(dirname(file), { recursive: true });
    this.historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS objects (key TEXT PRIMARY KEY, revision INTEGER NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS changes (revision INTEGER PRIMARY KEY, type INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    `);
    this.mirror = new MemoryBackend(this.historyLimit);
    this.load();
    this.writeChange = this.prepareWriter();
  }

  get revision(): number {
    return this.mirror.revision;
  }

  get compactedRevision(): number {
    return this.mirror.compactedRevision;
  }

  get(key: string): StoredValue | undefined {
    return this.mirror.get(key);
  }

  list(prefix: string, options?: { afterKey?: string; limit?: number }): StoredValue[] {
    return this.mirror.list(prefix, options);
  }

  count(prefix: string): number {
    return this.mirror.count(prefix);
  }

  create(key: string, value: ValueAtRevision): Change {
    return this.write(this.mirror.prepare('create', key, value));
  }

  update(key: string, value: ValueAtRevision, expectedRevision?: number): Change {
    return this.write(this.mirror.prepare('update', key, value, expectedRevision));
  }

  delete(key: string, lastValue: ValueAtRevision, expectedRevision?: number): Change {
    return this.write(this.mirror.prepare('delete', key, lastValue, expectedRevision));
  }

  changesSince(revision: number): Change[] {
    return this.mirror.changesSince(revision);
  }

  subscribe(listener: (change: Change) => void): () => void {
    return this.mirror.subscribe(listener);
  }

  compact(revision: number): void {
    this.mirror.compact(revision);
    this.trimHistory();
  }

  close(): void {
    this.mirror.close();
    if (this.db.open) this.db.close();
  }

  private write(change: Change): Change {
    this.writeChange(change);
    this.mirror.commit(change);
    if (++this.writesSinceTrim >= 1000) this.trimHistory();
    return change;
  }

  private prepareWriter(): (change: Change) => void {
    const upsert = this.db.prepare('INSERT INTO objects (key, revision, value) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET revision = excluded.revision, value = excluded.value');
    const remove = this.db.prepare('DELETE FROM objects WHERE key = ?');
    const record = this.db.prepare('INSERT INTO changes (revision, type, key, value) VALUES (?, ?, ?, ?)');
    const setRevision = this.db.prepare("INSERT INTO meta (name, value) VALUES ('revision', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
    // One transaction per write: the object, its history entry and the counter move together.
    return this.db.transaction((change: Change) => {
      if (change.type === 'delete') remove.run(change.key);
      else upsert.run(change.key, change.revision, change.value);
      record.run(change.revision, CHANGE_CODES[change.type], change.key, change.value);
      setRevision.run(change.revision);
    });
  }

  private load(): void {
    const meta = new Map(
      (this.db.prepare('SELECT name, value FROM meta').all() as { name: string; value: number }[]).map((row) => [row.name, row.value]),
    );
    const values = this.db.prepare('SELECT key, revision, value FROM objects').all() as StoredValue[];
    const rows = this.db
      .prepare('SELECT revision, type, key, value FROM changes WHERE revision > (SELECT COALESCE(MAX(revision), 0) FROM changes) - ? ORDER BY revision')
      .all(this.historyLimit) as { revision: number; type: number; key: string; value: string }[];
    const history = rows.map((row) => ({ type: CHANGE_TYPES[row.type]!, key: row.key, revision: row.revision, value: row.value }));
    const revision = meta.get('revision') ?? 0;
    const oldestKept = history.length > 0 ? history[0]!.revision - 1 : revision;
    this.mirror.restore(values, history, revision, Math.max(oldestKept, meta.get('compacted') ?? 0));
  }

  private trimHistory(): void {
    this.writesSinceTrim = 0;
    const keepAfter = Math.max(this.mirror.compactedRevision, this.mirror.revision - this.historyLimit);
    if (keepAfter <= 0) return;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM changes WHERE revision <= ?').run(keepAfter);
      this.db.prepare("INSERT INTO meta (name, value) VALUES ('compacted', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value").run(keepAfter);
    })();
  }
}
