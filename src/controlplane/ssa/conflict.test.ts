import { describe, expect, it } from 'vitest';
import { ApplyConflictError, conflictsFrom } from './conflict.js';
import { fieldSetFromPaths } from './field-set.js';
import { managerIdentity, type ManagerState } from './managed-fields.js';
import { makePath } from './path.js';

function conflictError(...owners: Array<[Omit<ManagerState, 'set'>, string[][]]>): ApplyConflictError {
  const byManager = new Map(
    owners.map(([state, paths]) => {
      const set = fieldSetFromPaths(paths.map((p) => makePath(...p)));
      return [managerIdentity(state), { state: { ...state, set }, set }] as const;
    }),
  );
  return new ApplyConflictError(conflictsFrom(byManager));
}

// The cases of apimachinery's managedfields/internal/conflict_test.go, with manager identities as
// the server builds them (no time in an identity, so none in the message).
describe('apply conflict messages', () => {
  it('words a single conflict with an Update manager on one line', () => {
    const err = conflictError([{ manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1' }, [['data', 'key1']]]);
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.key1');
    expect(err.causes).toEqual([
      { type: 'FieldManagerConflict', message: 'conflict with "kubectl-create" using v1', field: '.data.key1' },
    ]);
    expect(err.statusCode).toBe(409);
    expect(err.reason).toBe('Conflict');
  });

  it('groups several conflicts by manager, managers sorted, Apply managers without a version', () => {
    const err = conflictError(
      [{ manager: 'foo', operation: 'Update', apiVersion: 'v1' }, [['spec', 'replicas']]],
      [{ manager: 'bar', operation: 'Apply', apiVersion: 'v1' }, [['metadata', 'labels', 'app']]],
    );
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "bar":\n- .metadata.labels.app\nconflicts with "foo" using v1:\n- .spec.replicas',
    );
    expect(err.causes.map((c) => c.message)).toEqual(['conflict with "bar"', 'conflict with "foo" using v1']);
  });

  it('names the subresource of a manager that wrote through one', () => {
    const err = conflictError([
      { manager: 'foo', operation: 'Update', apiVersion: 'v1', subresource: 'scale' },
      [['spec', 'replicas']],
    ]);
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "foo" with subresource "scale" using v1: .spec.replicas');
  });

  it('lists every field of one manager under its heading', () => {
    const err = conflictError([{ manager: 'helm', operation: 'Apply', apiVersion: 'v1' }, [['data', 'b'], ['data', 'a']]]);
    expect(err.message).toBe('Apply failed with 2 conflicts: conflicts with "helm":\n- .data.a\n- .data.b');
    expect(err.conflicts.map((c) => [c.manager, c.field])).toEqual([
      ['helm', '.data.a'],
      ['helm', '.data.b'],
    ]);
  });
});
