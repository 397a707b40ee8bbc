/** The one base class for errors a user may see: a stable code, a hint on what to do, a cause. */
export class WeirError extends Error {
  /** Stable, machine-readable identifier (e.g. `controlplane.store.conflict`). */
  readonly code: string;
  /** What the user can do about it; printed after the message. */
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/** Returns the message of anything thrown, without assuming it is an Error. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
