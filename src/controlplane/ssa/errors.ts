// Errors of field management other than apply conflicts (see conflict.ts). Each names the HTTP
// status the API server answers with; the HTTP layer turns it into a Status.
import { WeirError } from '../../lib/index.js';

/** The request is malformed for server-side apply (wrong version, managedFields in the patch). */
export class SsaBadRequestError extends WeirError {
  /** HTTP status the API server answers with. */
  readonly statusCode = 400;
  /** Status reason. */
  readonly reason = 'BadRequest';

  constructor(message: string, hint?: string) {
    super('controlplane.ssa.bad-request', message, hint === undefined ? {} : { hint });
  }
}

/**
 * An object does not fit its schema the way field management needs (a list-map item without its
 * key, a duplicate key in an applied list). Upstream reports these from its typed converter.
 */
export class SsaInvalidObjectError extends WeirError {
  /** HTTP status the API server answers with. */
  readonly statusCode = 422;
  /** Status reason. */
  readonly reason = 'Invalid';

  constructor(message: string) {
    super('controlplane.ssa.invalid-object', message, {
      hint: 'Every item of a list keyed by fields (x-kubernetes-list-map-keys) must set those fields, once per key.',
    });
  }
}

/** metadata.managedFields given by a client cannot be read. */
export class ManagedFieldsInvalidError extends WeirError {
  /** HTTP status the API server answers with. */
  readonly statusCode = 400;
  /** Status reason. */
  readonly reason = 'BadRequest';
  /** Index of the offending entry in metadata.managedFields, when one entry is at fault. */
  readonly entryIndex: number | undefined;

  constructor(message: string, entryIndex?: number, cause?: unknown) {
    super('controlplane.ssa.invalid-managed-fields', message, {
      hint: 'Send metadata.managedFields as the server returned it, or [] to reset it.',
      ...(cause === undefined ? {} : { cause }),
    });
    this.entryIndex = entryIndex;
  }
}
