// The status a GitRepository reconcile is building: conditions set with Flux's semantics, the
// artifact fields, and writes of the status subresource at the points source-controller writes
// them (so `kubectl get` shows "building artifact: …" while a long fetch runs).
import {
  markReconciling, markUnknown, READY, removeCondition, setCondition,
  type ConditionStatus, type GitRepository, type GitRepositoryStatus,
} from '../../api/index.js';
import type { StatusPatcher } from '../../runtime/index.js';

/** A working copy of one GitRepository's status. */
export class StatusDraft {
  readonly status: GitRepositoryStatus;
  private readonly original: GitRepositoryStatus;

  constructor(
    readonly obj: GitRepository,
    private readonly patcher: StatusPatcher,
    private readonly now: () => Date,
  ) {
    this.original = structuredClone(obj.status ?? {});
    this.status = structuredClone(obj.status ?? {});
  }

  get generation(): number {
    return this.obj.metadata.generation ?? 0;
  }

  /** Sets a condition, stamped with the object's generation. */
  mark(type: string, status: ConditionStatus, reason: string, message: string): void {
    this.status.conditions = setCondition(this.status.conditions, { type, status, reason, message, observedGeneration: this.generation }, this.now());
  }

  remove(type: string): void {
    this.status.conditions = removeCondition(this.status.conditions, type);
  }

  /** Reconciling=True with the message; with `pollute`, Ready=Unknown too (source-controller's ProgressiveStatus). */
  progressing(pollute: boolean, reason: string, message: string): void {
    const change = { reason, message, observedGeneration: this.generation };
    if (pollute) this.status.conditions = markUnknown(this.status.conditions, { type: READY, ...change }, this.now());
    this.status.conditions = markReconciling(this.status.conditions, change, this.now());
  }

  /** Writes the status as it stands; fields removed since the start are written as null (merge patch). */
  async write(): Promise<void> {
    const patch: Record<string, unknown> = { ...this.status };
    for (const key of Object.keys(this.original)) if (!(key in this.status)) patch[key] = null;
    await this.patcher.patch(
      { apiVersion: this.obj.apiVersion, kind: this.obj.kind, namespace: this.obj.metadata.namespace, name: this.obj.metadata.name },
      patch,
    );
  }
}
