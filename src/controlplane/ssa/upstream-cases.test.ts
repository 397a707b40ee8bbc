// Cases ported from structured-merge-diff's merge/multiple_appliers_test.go (single-version
// variants): the same operations must leave the same object and the same ownership.
import { describe, expect, it } from 'vitest';
import type { SchemaType } from '../../apimachinery/index.js';
import { applyConfiguration } from './apply.js';
import { ApplyConflictError } from './conflict.js';
import { listPaths } from './field-set.js';
import { fromFieldsV1 } from './fields-v1.js';
import type { ManagedFieldsEntry } from './managed-fields.js';
import { pathToString } from './path.js';
import { recordUpdate } from './update.js';
import type { JsonObject } from './value.js';

const scalar: SchemaType = { kind: 'scalar' };
const struct = (fields: Record<string, SchemaType>): SchemaType => ({
  kind: 'struct',
  fields: Object.fromEntries(Object.entries(fields).map(([k, type]) => [k, { type }])),
});
const schema: SchemaType = struct({
  apiVersion: scalar,
  list: { kind: 'list', listType: 'map', mapKeys: ['name'], items: struct({ name: scalar, value: scalar }) },
  listOfLists: {
    kind: 'list',
    listType: 'map',
    mapKeys: ['name'],
    items: struct({ name: scalar, value: { kind: 'list', listType: 'set', items: scalar } }),
  },
  struct: struct({ name: scalar, scalarField: scalar, complexField: struct({ name: scalar }) }),
});

type Op = { apply: string; object: JsonObject; conflicts?: string[] } | { update: string; object: JsonObject };

interface State {
  object: JsonObject;
  managedFields: ManagedFieldsEntry[];
}

function run(ops: readonly Op[]): State {
  let state: State = { object: {}, managedFields: [] };
  let started = false;
  for (const op of ops) {
    const config = { apiVersion: 'v1', ...op.object };
    const common = { apiVersion: 'v1', managedFields: state.managedFields, schema, now: new Date(0) };
    if ('apply' in op) {
      const attempt = () =>
        applyConfiguration({ ...common, live: started ? state.object : undefined, config, manager: op.apply, force: false });
      if (op.conflicts !== undefined) {
        expect(attempt).toThrow(ApplyConflictError);
        try {
          attempt();
        } catch (err) {
          expect((err as ApplyConflictError).conflicts.map((c) => `${c.manager} ${c.field}`)).toEqual(op.conflicts);
        }
        continue;
      }
      state = attempt();
    } else {
      state = recordUpdate({ ...common, before: started ? state.object : undefined, after: config, manager: op.update });
    }
    started = true;
  }
  return state;
}

function content(state: State): JsonObject {
  const { apiVersion: _v, metadata: _m, ...rest } = state.object;
  return rest;
}

function owners(state: State): Record<string, string[]> {
  return Object.fromEntries(
    state.managedFields.map((e) => [e.manager ?? '', listPaths(fromFieldsV1(e.fieldsV1)).map(pathToString).sort()]),
  );
}

describe('upstream multiple appliers: associative list', () => {
  it('remove_one', () => {
    const state = run([
      { apply: 'apply-one', object: { list: [{ name: 'a' }, { name: 'b' }] } },
      { apply: 'apply-two', object: { list: [{ name: 'c' }] } },
      { apply: 'apply-one', object: { list: [{ name: 'a' }] } },
    ]);
    expect(content(state)).toEqual({ list: [{ name: 'a' }, { name: 'c' }] });
    expect(owners(state)).toEqual({
      'apply-one': ['.list[name="a"]', '.list[name="a"].name'],
      'apply-two': ['.list[name="c"]', '.list[name="c"].name'],
    });
  });

  it('same_value_no_conflict', () => {
    const item = { list: [{ name: 'a', value: 0 }] };
    const state = run([
      { apply: 'apply-one', object: item },
      { apply: 'apply-two', object: item },
    ]);
    const owned = ['.list[name="a"]', '.list[name="a"].name', '.list[name="a"].value'];
    expect(owners(state)).toEqual({ 'apply-one': owned, 'apply-two': owned });
  });

  it('change_value_yes_conflict', () => {
    const state = run([
      { apply: 'apply-one', object: { list: [{ name: 'a', value: 0 }] } },
      { apply: 'apply-two', object: { list: [{ name: 'a', value: 1 }] }, conflicts: ['apply-one .list[name="a"].value'] },
    ]);
    expect(content(state)).toEqual({ list: [{ name: 'a', value: 0 }] });
  });

  it('remove_one_keep_one', () => {
    const state = run([
      { apply: 'apply-one', object: { list: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } },
      { apply: 'apply-two', object: { list: [{ name: 'c' }, { name: 'd' }] } },
      { apply: 'apply-one', object: { list: [{ name: 'a' }] } },
    ]);
    expect(content(state)).toEqual({ list: [{ name: 'a' }, { name: 'c' }, { name: 'd' }] });
    expect(owners(state)['apply-two']).toEqual(['.list[name="c"]', '.list[name="c"].name', '.list[name="d"]', '.list[name="d"].name']);
  });
});

describe('upstream multiple appliers: field unsetting', () => {
  it('unset_scalar_sole_owner', () => {
    const state = run([
      { apply: 'apply-one', object: { struct: { name: 'a', scalarField: 'a' } } },
      { apply: 'apply-one', object: { struct: { name: 'a' } } },
    ]);
    expect(content(state)).toEqual({ struct: { name: 'a' } });
    expect(owners(state)).toEqual({ 'apply-one': ['.struct.name'] });
  });

  it('unset_scalar_shared_with_applier', () => {
    const state = run([
      { apply: 'apply-one', object: { struct: { name: 'a', scalarField: 'a' } } },
      { apply: 'apply-two', object: { struct: { scalarField: 'a' } } },
      { apply: 'apply-one', object: { struct: { name: 'a' } } },
    ]);
    expect(content(state)).toEqual({ struct: { name: 'a', scalarField: 'a' } });
    expect(owners(state)).toEqual({ 'apply-one': ['.struct.name'], 'apply-two': ['.struct.scalarField'] });
  });

  it('unset_scalar_shared_with_updater', () => {
    const state = run([
      { update: 'updater', object: { struct: { name: 'a', scalarField: 'a' } } },
      { apply: 'applier', object: { struct: { name: 'a', scalarField: 'a' } } },
      { apply: 'applier', object: { struct: { name: 'a' } } },
    ]);
    expect(content(state)).toEqual({ struct: { name: 'a', scalarField: 'a' } });
    expect(owners(state)).toEqual({
      applier: ['.struct.name'],
      updater: ['.struct', '.struct.name', '.struct.scalarField'],
    });
  });

  it('updater_claims_field', () => {
    const state = run([
      { apply: 'applier', object: { struct: { name: 'a', scalarField: 'a' } } },
      { update: 'updater', object: { struct: { name: 'a', scalarField: 'b' } } },
    ]);
    expect(owners(state)).toEqual({ applier: ['.struct.name'], updater: ['.struct.scalarField'] });
  });

  it('unset_complex_sole_owner', () => {
    const state = run([
      { apply: 'apply-one', object: { struct: { name: 'a', complexField: { name: 'b' } } } },
      { apply: 'apply-one', object: { struct: { name: 'a' } } },
    ]);
    expect(content(state)).toEqual({ struct: { name: 'a' } });
  });

  it('unset_complex_shared_with_applier', () => {
    const state = run([
      { apply: 'apply-one', object: { struct: { name: 'a', complexField: { name: 'b' } } } },
      { apply: 'apply-two', object: { struct: { complexField: { name: 'b' } } } },
      { apply: 'apply-one', object: { struct: { name: 'a' } } },
    ]);
    expect(content(state)).toEqual({ struct: { name: 'a', complexField: { name: 'b' } } });
    expect(owners(state)).toEqual({ 'apply-one': ['.struct.name'], 'apply-two': ['.struct.complexField.name'] });
  });
});

describe('upstream multiple appliers: nested lists', () => {
  const first: Op = { apply: 'apply-one', object: { listOfLists: [{ name: 'a' }, { name: 'b', value: ['c'] }] } };

  it('remove_one_keep_one_with_two_sub_items', () => {
    const state = run([
      first,
      { apply: 'apply-two', object: { listOfLists: [{ name: 'b', value: ['d'] }] } },
      { apply: 'apply-one', object: { listOfLists: [{ name: 'a' }] } },
    ]);
    expect(content(state)).toEqual({ listOfLists: [{ name: 'a' }, { name: 'b', value: ['d'] }] });
    expect(owners(state)['apply-two']).toEqual([
      '.listOfLists[name="b"]',
      '.listOfLists[name="b"].name',
      '.listOfLists[name="b"].value[="d"]',
    ]);
  });

  it('remove_one_keep_one_with_dangling_subitem', () => {
    const state = run([
      first,
      { apply: 'apply-two', object: { listOfLists: [{ name: 'b', value: ['d'] }] } },
      { update: 'controller', object: { listOfLists: [{ name: 'a' }, { name: 'b', value: ['c', 'd', 'e'] }] } },
      { apply: 'apply-one', object: { listOfLists: [{ name: 'a' }] } },
    ]);
    expect(content(state)).toEqual({ listOfLists: [{ name: 'a' }, { name: 'b', value: ['d', 'e'] }] });
    expect(owners(state)['controller']).toEqual(['.listOfLists[name="b"].value[="e"]']);
  });

  it('remove_one_with_dangling_subitem_keep_one', () => {
    const state = run([
      first,
      { apply: 'apply-two', object: { listOfLists: [{ name: 'a', value: ['b'] }] } },
      { update: 'controller', object: { listOfLists: [{ name: 'a', value: ['b'] }, { name: 'b', value: ['c', 'd'] }] } },
      { apply: 'apply-one', object: { listOfLists: [{ name: 'a' }] } },
    ]);
    expect(content(state)).toEqual({ listOfLists: [{ name: 'a', value: ['b'] }] });
    expect(Object.keys(owners(state)).sort()).toEqual(['apply-one', 'apply-two']);
  });
});
