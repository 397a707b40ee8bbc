// The one contract every storage backend passes; each backend's test file runs it.
import { describe, expect, it } from 'vitest';
import { CompactedError, KeyExistsError, KeyNotFoundError, RevisionMismatchError, type StorageBackend } from './backend.js';

const text = (body: string) => (revision: number) => JSON.stringify({ body, revision });

/** Runs the storage contract against backends made by `open`. */
export function describeBackendContract(name: string, open: () => StorageBackend): void {
  describe(`${name} storage contract`, () => {
    it('assigns one global, increasing revision to every write', () => {
      const store = open();
      const a = store.create('g/r/ns/a', text('a'));
      const b = store.create('g/s/ns/b', text('b'));
      const a2 = store.update('g/r/ns/a', text('a2'));
      expect([a.revision, b.revision, a2.revision]).toEqual([1, 2, 3]);
      expect(store.revision).toBe(3);
      expect(store.get('g/r/ns/a')).toEqual({ key: 'g/r/ns/a', revision: 3, value: text('a2')(3) });
      store.close();
    });

    it('refuses to create a key twice and to update or delete a missing key', () => {
      const store = open();
      store.create('g/r/ns/a', text('a'));
      expect(() => store.create('g/r/ns/a', text('again'))).toThrow(KeyExistsError);
      expect(() => store.update('g/r/ns/missing', text('x'))).toThrow(KeyNotFoundError);
      expect(() => store.delete('g/r/ns/missing', text('x'))).toThrow(KeyNotFoundError);
      expect(store.revision).toBe(1);
      store.close();
    });

    it('rejects writes that expect a stale revision and leaves the value alone', () => {
      const store = open();
      store.create('g/r/ns/a', text('a'));
      store.update('g/r/ns/a', text('b'));
      expect(() => store.update('g/r/ns/a', text('c'), 1)).toThrow(RevisionMismatchError);
      expect(() => store.delete('g/r/ns/a', text('c'), 1)).toThrow(RevisionMismatchError);
      expect(store.get('g/r/ns/a')?.value).toBe(text('b')(2));
      store.update('g/r/ns/a', text('c'), 2);
      expect(store.get('g/r/ns/a')?.revision).toBe(3);
      store.close();
    });

    it('lists by prefix in key order with pages', () => {
      const store = open();
      for (const key of ['g/r/b/2', 'g/r/a/1', 'g/r/b/1', 'g/q/a/1', 'g/rr/a/1']) store.create(key, text(key));
      expect(store.list('g/r/').map((v) => v.key)).toEqual(['g/r/a/1', 'g/r/b/1', 'g/r/b/2']);
      expect(store.list('g/r/b/').map((v) => v.key)).toEqual(['g/r/b/1', 'g/r/b/2']);
      expect(store.list('g/r/', { limit: 2 }).map((v) => v.key)).toEqual(['g/r/a/1', 'g/r/b/1']);
      expect(store.list('g/r/', { afterKey: 'g/r/b/1' }).map((v) => v.key)).toEqual(['g/r/b/2']);
      expect(store.list('g/').map((v) => v.key)).toEqual(['g/q/a/1', 'g/r/a/1', 'g/r/b/1', 'g/r/b/2', 'g/rr/a/1']);
      expect(store.count('g/r/')).toBe(3);
      expect(store.count('g/r/b/')).toBe(2);
      store.delete('g/r/b/1', text('gone'));
      expect(store.list('g/r/').map((v) => v.key)).toEqual(['g/r/a/1', 'g/r/b/2']);
      store.close();
    });

    it('keeps a history of changes for watches, oldest first', () => {
      const store = open();
      store.create('g/r/ns/a', text('a'));
      store.update('g/r/ns/a', text('b'));
      store.delete('g/r/ns/a', text('last'));
      expect(store.changesSince(1)).toEqual([
        { type: 'update', key: 'g/r/ns/a', revision: 2, value: text('b')(2) },
        { type: 'delete', key: 'g/r/ns/a', revision: 3, value: text('last')(3) },
      ]);
      expect(store.changesSince(3)).toEqual([]);
      store.close();
    });

    it('tells subscribers about every write in order', () => {
      const store = open();
      const seen: string[] = [];
      const stop = store.subscribe((change) => seen.push(`${change.type}:${change.key}@${change.revision}`));
      store.create('g/r/ns/a', text('a'));
      store.delete('g/r/ns/a', text('a'));
      stop();
      store.create('g/r/ns/b', text('b'));
      expect(seen).toEqual(['create:g/r/ns/a@1', 'delete:g/r/ns/a@2']);
      store.close();
    });

    it('answers CompactedError for history that was compacted', () => {
      const store = open();
      for (let i = 0; i < 5; i++) store.create(`g/r/ns/${i}`, text(String(i)));
      store.compact(3);
      expect(() => store.changesSince(1)).toThrow(CompactedError);
      expect(store.changesSince(3).map((c) => c.revision)).toEqual([4, 5]);
      store.close();
    });
  });
}
