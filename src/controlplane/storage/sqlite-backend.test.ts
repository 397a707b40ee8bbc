import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBackendContract } from './backend.contract.js';
import { SqliteBackend } from './sqlite-backend.js';

const dir = mkdtempSync(join(tmpdir(), 'weir-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBackendContract('sqlite', () => new SqliteBackend(join(dir, `db-${n++}.sqlite`)));

describe('sqlite backend across restarts', () => {
  it('keeps values, the revision sequence and the watch history', () => {
    const file = join(dir, 'restart.sqlite');
    const first = new SqliteBackend(file);
    first.create('g/r/ns/a', (rev) => `a@${rev}`);
    first.update('g/r/ns/a', (rev) => `a@${rev}`);
    first.create('g/r/ns/b', (rev) => `b@${rev}`);
    first.close();

    const second = new SqliteBackend(file);
    expect(second.revision).toBe(3);
    expect(second.get('g/r/ns/a')).toEqual({ key: 'g/r/ns/a', revision: 2, value: 'a@2' });
    expect(second.changesSince(1).map((c) => `${c.type}@${c.revision}`)).toEqual(['update@2', 'create@3']);
    expect(second.create('g/r/ns/c', (rev) => `c@${rev}`).revision).toBe(4);
    second.close();
  });

  it('forgets history beyond its limit, on disk too', () => {
    const file = join(dir, 'trim.sqlite');
    const store = new SqliteBackend(file, { historyLimit: 10 });
    for (let i = 0; i < 30; i++) store.create(`g/r/ns/${i}`, (rev) => `v@${rev}`);
    store.compact(25);
    store.close();
    const reopened = new SqliteBackend(file, { historyLimit: 10 });
    expect(() => reopened.changesSince(5)).toThrow();
    expect(reopened.changesSince(28).map((c) => c.revision)).toEqual([29, 30]);
    reopened.close();
  });
});
