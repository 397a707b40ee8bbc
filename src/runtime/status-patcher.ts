// Writes object status one patch at a time per object, like fluxcd/pkg runtime/patch's serial
// patcher: two writes to one object never race, so the last status computed is the last written.
// A merge patch on the status subresource needs no resourceVersion and touches no spec.
import { describeRef, type RuntimeClient, type RuntimeObject, type RuntimeObjectRef } from './client.js';

/** Options of a StatusPatcher. */
export interface StatusPatcherOptions {
  /** Field manager recorded in managedFields (e.g. `source-controller`). */
  fieldManager?: string;
}

/** Serialises status merge-patches per object. */
export class StatusPatcher {
  /** The tail of each object's chain of writes; removed once it is done and nothing queued behind it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: RuntimeClient,
    private readonly options: StatusPatcherOptions = {},
  ) {}

  /** Merge-patches `{status}` on the status subresource after the object's earlier patches finished (whether they failed or not). */
  patch(ref: RuntimeObjectRef, status: object): Promise<RuntimeObject> {
    const key = `${ref.apiVersion} ${describeRef(ref)}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const options = this.options.fieldManager ? { subresource: 'status' as const, fieldManager: this.options.fieldManager } : { subresource: 'status' as const };
    const next = previous.then(() => this.client.mergePatch(ref, { status }, options));
    const tail = next.catch(() => undefined); // a failed write does not block the next one
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Number of objects with a write in flight (for tests and shutdown). */
  get pending(): number {
    return this.tails.size;
  }
}
