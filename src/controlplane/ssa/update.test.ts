import { describe, expect, it } from 'vitest';
import { applyConfiguration } from './apply.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { topLevelFields } from './ownership.js';
import { configMapSchema, deploymentSchema } from './test-schemas.js';
import { baseManagedFields, recordUpdate, type UpdateOptions, type UpdateResult } from './update.js';
import type { JsonObject } from './value.js';

const at = (minute: number): Date => new Date(Date.UTC(2024, 4, 1, 10, minute, 0));

const cm = (data: Record<string, string>, metadata: JsonObject = {}): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'app',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '7',
    creationTimestamp: '2024-05-01T10:00:00Z',
    generation: 1,
    ...metadata,
  },
  data,
});

// A write by `manager` from the stored object `before` (with its managedFields) to `after`.
function write(before: JsonObject | undefined, after: JsonObject, manager: string, extra: Partial<UpdateOptions> = {}): UpdateResult {
  return recordUpdate({
    before,
    after,
    manager,
    apiVersion: 'v1',
    managedFields: (before?.['metadata'] as JsonObject | undefined)?.['managedFields'],
    schema: configMapSchema,
    now: at(0),
    operation: 'Update',
    ...extra,
  });
}

const entry = (result: { managedFields: readonly ManagedFieldsEntry[] }, manager: string) =>
  result.managedFields.find((e) => e.manager === manager);

describe('ownership on create, update and patch', () => {
  it('gives the creator every field it set, marking added maps with "." and never server metadata', () => {
    const created = write(undefined, cm({ key1: 'v' }, { labels: { app: 'demo' } }), 'kubectl-create');
    expect(created.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:key1': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ]);
    expect(JSON.stringify(created.managedFields[0]?.fieldsV1)).toBe(
      '{"f:data":{".":{},"f:key1":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}',
    );
    expect((created.object['metadata'] as JsonObject)['managedFields']).toEqual(created.managedFields);
  });

  it('gives an updater only what it changed, taking it from the previous owner', () => {
    const created = write(undefined, cm({ a: '1', b: '2' }), 'creator');
    const edited = write(created.object, cm({ a: '1', b: 'changed' }), 'editor', { now: at(5) });
    expect(entry(edited, 'editor')?.fieldsV1).toEqual({ 'f:data': { 'f:b': {} } });
    expect(entry(edited, 'creator')?.fieldsV1).toEqual({ 'f:data': { '.': {}, 'f:a': {} } });
    expect(entry(edited, 'creator')?.time).toBe('2024-05-01T10:00:00Z');
  });

  it('takes a removed field from every owner and drops owners left with nothing', () => {
    const created = write(undefined, cm({ a: '1' }), 'creator');
    const applied = applyConfiguration({
      live: created.object,
      config: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { a: '1' } },
      manager: 'kubectl',
      apiVersion: 'v1',
      force: false,
      managedFields: (created.object['metadata'] as JsonObject)['managedFields'],
      schema: configMapSchema,
      now: at(1),
    });
    const emptied = write(applied.object, { ...cm({}), data: undefined } as unknown as JsonObject, 'editor', { now: at(2) });
    expect(emptied.managedFields).toEqual([]);
    expect((emptied.object['metadata'] as JsonObject)['managedFields']).toBeUndefined();
  });

  it('leaves managedFields and their times alone when a write changes nothing', () => {
    const created = write(undefined, cm({ a: '1' }), 'creator');
    const again = write(created.object, cm({ a: '1' }), 'someone', { now: at(9) });
    expect(again.managedFields).toEqual(created.managedFields);
  });

  it('moves the writer\'s time and merges into its existing entry when it changes something', () => {
    const created = write(undefined, cm({ a: '1' }), 'creator');
    const more = write(created.object, cm({ a: '1', b: '2' }), 'creator', { now: at(3) });
    expect(more.managedFields).toHaveLength(1);
    expect(more.managedFields[0]?.time).toBe('2024-05-01T10:03:00Z');
    expect(more.managedFields[0]?.fieldsV1).toEqual({ 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } });
  });

  it('sorts entries as the server does: Apply first, then by time, then by manager', () => {
    const created = write(undefined, cm({ a: '1' }), 'zeta', { now: at(1) });
    const second = write(created.object, cm({ a: '1', b: '2' }), 'alpha', { now: at(2) });
    const third = write(second.object, cm({ a: '1', b: '2', c: '3' }), 'beta', { now: at(2) });
    const applied = applyConfiguration({
      live: third.object,
      config: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { d: '4' } },
      manager: 'kubectl',
      apiVersion: 'v1',
      force: false,
      managedFields: (third.object['metadata'] as JsonObject)['managedFields'],
      schema: configMapSchema,
      now: at(3),
    });
    expect(applied.managedFields.map((e) => `${e.operation}:${e.manager}`)).toEqual([
      'Apply:kubectl',
      'Update:zeta',
      'Update:alpha',
      'Update:beta',
    ]);
  });

  it('keeps one Update entry per manager and apiVersion', () => {
    const created = write(undefined, cm({ a: '1' }), 'tool');
    const other = write(created.object, cm({ a: '1', b: '2' }), 'tool', { apiVersion: 'v2' });
    expect(other.managedFields.map((e) => `${e.manager}@${e.apiVersion}`)).toEqual(['tool@v1', 'tool@v2']);
  });

  it('does not track fields the endpoint ignores (status on the main resource)', () => {
    const dep = (replicas: number, ready: number): JsonObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas },
      status: { replicas: ready },
    });
    const created = recordUpdate({
      before: undefined,
      after: dep(1, 0),
      manager: 'kubectl-create',
      apiVersion: 'apps/v1',
      managedFields: undefined,
      schema: deploymentSchema,
      now: at(0),
      ignoredFields: topLevelFields(['status']),
    });
    expect(created.managedFields[0]?.fieldsV1).toEqual({ 'f:spec': { '.': {}, 'f:replicas': {} } });
  });

  it('gives a subresource writer its own entry naming the subresource', () => {
    const created = write(undefined, cm({ a: '1' }), 'creator');
    const status = write(created.object, { ...cm({ a: '1' }), status: { ok: true } }, 'controller', { subresource: 'status' });
    const statusEntry = entry(status, 'controller');
    expect(statusEntry?.subresource).toBe('status');
    expect(Object.keys(statusEntry ?? {})).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource']);
  });

  it('folds the oldest of more than ten updaters into ancient-changes', () => {
    let object = write(undefined, cm({ k0: '0' }), 'm0', { now: at(0) }).object;
    for (let i = 1; i <= 10; i++) {
      const data = Object.fromEntries(Array.from({ length: i + 1 }, (_, j) => [`k${j}`, String(j)]));
      object = write(object, cm(data), `m${i}`, { now: at(i) }).object;
    }
    const entries = (object['metadata'] as JsonObject)['managedFields'] as ManagedFieldsEntry[];
    expect(entries).toHaveLength(10);
    expect(entries[0]).toMatchObject({ manager: 'ancient-changes', time: '2024-05-01T10:01:00Z' });
    expect(entries[0]?.fieldsV1).toEqual({ 'f:data': { '.': {}, 'f:k0': {}, 'f:k1': {} } });
    expect(entries.map((e) => e.manager)).not.toContain('m0');
  });
});

describe('which managedFields a write starts from', () => {
  const live = [{ manager: 'a', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }];
  const requested = [{ manager: 'b', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }];

  it('resets them when the request sends [] or one empty entry', () => {
    expect(baseManagedFields({ live, requested: [] })).toEqual([]);
    expect(baseManagedFields({ live, requested: [{}] })).toEqual([]);
  });

  it('takes readable ones the request sends, and keeps the stored ones otherwise', () => {
    expect(baseManagedFields({ live, requested })).toEqual(requested);
    expect(baseManagedFields({ live, requested: undefined })).toBe(live);
    expect(baseManagedFields({ live, requested: [{ operation: 'Nope' }] })).toBe(live);
    expect(baseManagedFields({ live, requested, subresource: 'status' })).toBe(live);
  });

  it('stores managedFields a client rewrote (kubectl\'s ownership migration) as given, sorted', () => {
    const created = write(undefined, cm({ key1: 'v' }), 'kubectl-client-side-apply');
    const migrated: ManagedFieldsEntry[] = [
      { manager: 'kubectl-last-applied', operation: 'Apply', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:x': {} } } } },
      { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:key1': {} } } },
    ];
    const after = { ...created.object, metadata: { ...(created.object['metadata'] as JsonObject), managedFields: migrated } };
    const base = baseManagedFields({ live: (created.object['metadata'] as JsonObject)['managedFields'], requested: migrated });
    const result = write(created.object, after, 'kubectl', { managedFields: base, now: at(5) });
    expect(result.managedFields).toEqual([migrated[1], migrated[0]]);
  });
});
