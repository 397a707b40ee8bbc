// How a step of the GitRepository reconcile fails, as source-controller's serror kinds: a generic
// error (retried with backoff, Warning event), a stalling one (the spec must change) and a
// waiting one (retry after a fixed delay, e.g. an include has no artifact yet). Each carries the
// Flux reason that its condition and event use.
import { WeirError } from '../../lib/index.js';

/** What happens after the failure. */
export type StepErrorKind = 'generic' | 'stalling' | 'waiting';

/** A failed step, with the reason recorded on the condition it set. */
export class StepError extends WeirError {
  /** For waiting errors: when to look again. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: StepErrorKind,
    readonly reason: string,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`source.gitrepository.${reason}`, message, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}
