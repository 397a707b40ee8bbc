// Apply conflicts, worded exactly as the API server words them (apimachinery managedfields
// NewConflictError): one conflict on one line, several grouped by manager in sorted order.
import { WeirError } from '../../lib/index.js';
import { isEmptySet, listPaths, type FieldSet } from './field-set.js';
import { describeManager, type ManagerState } from './managed-fields.js';
import { pathToString, type FieldPath } from './path.js';
import { compareStrings } from './value.js';

/** One field another manager owns with a different value. */
export interface ApplyConflict {
  /** The other manager's name (`kubectl-create`). */
  readonly manager: string;
  /** The field as the server prints it (`.data.key1`). */
  readonly field: string;
  /** The manager as the message names it (`"kubectl-create" using v1`). */
  readonly managerDescription: string;
  /** The manager's identity (see managerIdentity); messages group and sort by it. */
  readonly managerIdentity: string;
  /** The field as a path. */
  readonly path: FieldPath;
}

/** One `details.causes[]` entry of the 409 Status. */
export interface ConflictCause {
  readonly type: 'FieldManagerConflict';
  readonly message: string;
  readonly field: string;
}

/** Server-side apply would change fields other managers own; answered with 409 Conflict. */
export class ApplyConflictError extends WeirError {
  /** HTTP status the API server answers with. */
  readonly statusCode = 409;
  /** Status reason. */
  readonly reason = 'Conflict';
  readonly conflicts: readonly ApplyConflict[];

  constructor(conflicts: readonly ApplyConflict[]) {
    super('controlplane.ssa.conflict', conflictMessage(conflicts), {
      hint: 'Apply with force (kubectl --force-conflicts) to take these fields over, or leave them out of the configuration.',
    });
    this.conflicts = conflicts;
  }

  /** `details.causes` for the Status, one per conflicting field. */
  get causes(): ConflictCause[] {
    return this.conflicts.map((c) => ({
      type: 'FieldManagerConflict',
      message: `conflict with ${c.managerDescription}`,
      field: c.field,
    }));
  }
}

/** Conflicts per manager identity, in a stable order: managers sorted, paths in set order. */
export function conflictsFrom(byManager: ReadonlyMap<string, { state: ManagerState; set: FieldSet }>): ApplyConflict[] {
  const out: ApplyConflict[] = [];
  for (const id of [...byManager.keys()].sort(compareStrings)) {
    const { state, set } = byManager.get(id)!;
    if (isEmptySet(set)) continue;
    for (const path of listPaths(set)) {
      out.push({
        manager: state.manager,
        field: pathToString(path),
        managerDescription: describeManager(state),
        managerIdentity: id,
        path,
      });
    }
  }
  return out;
}

/** The Status message: `Apply failed with 1 conflict: …` or `Apply failed with N conflicts: …`. */
export function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${only.managerDescription}: ${only.field}`;
  }
  // Grouped by manager, managers sorted by identity, as the server prints them.
  const groups = new Map<string, { description: string; fields: string[] }>();
  for (const c of conflicts) {
    const group = groups.get(c.managerIdentity) ?? { description: c.managerDescription, fields: [] };
    group.fields.push(c.field);
    groups.set(c.managerIdentity, group);
  }
  const lines: string[] = [];
  for (const id of [...groups.keys()].sort(compareStrings)) {
    const { description, fields } = groups.get(id)!;
    lines.push(`conflicts with ${description}:`, ...fields.map((f) => `- ${f}`));
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
