// Typed patch errors. Each carries what the HTTP layer needs to answer the way the Kubernetes
// API server does: the status code, the Status reason and the Status message.
import { WeirError } from '../../lib/index.js';
import { goFormat, goTypeName } from './json-value.js';

/** The Status reasons a patch failure maps to. */
export type MergeErrorReason = 'BadRequest' | 'Invalid' | 'RequestEntityTooLarge';

interface MergeErrorOptions {
  readonly httpStatus: 400 | 413 | 422;
  readonly reason: MergeErrorReason;
  /** What the API server puts in Status.message, when it differs from the detailed message. */
  readonly statusMessage?: string;
  readonly hint?: string;
  readonly cause?: unknown;
}

/** A patch that cannot be applied; `message` is the library-level detail (as the API server's libraries word it). */
export class MergeError extends WeirError {
  /** HTTP status the API server answers with. */
  readonly httpStatus: 400 | 413 | 422;
  /** Status.reason of that answer. */
  readonly reason: MergeErrorReason;
  /** Status.message of that answer. */
  readonly statusMessage: string;

  constructor(code: string, message: string, options: MergeErrorOptions) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.httpStatus = options.httpStatus;
    this.reason = options.reason;
    this.statusMessage = options.statusMessage ?? message;
  }
}

// The API server answers a JSON patch that does not apply with a bare 422 whose message hides the
// library error (NewGenericServerResponse in k8s.io/apimachinery/pkg/api/errors).
const INVALID_REQUEST = 'the server rejected our request due to an error in our request';

/** An RFC 6902 patch that cannot be decoded (400) or applied (422). */
export class JsonPatchError extends MergeError {
  /** Index of the failing operation, when one failed. */
  readonly operationIndex: number | undefined;

  private constructor(code: string, message: string, options: MergeErrorOptions & { operationIndex?: number }) {
    super(code, message, options);
    this.operationIndex = options.operationIndex;
  }

  /** The body is not a list of operations. */
  static decode(message: string): JsonPatchError {
    return new JsonPatchError('controlplane.merge.json-patch.decode', message, {
      httpStatus: 400,
      reason: 'BadRequest',
      hint: 'send a JSON array of operations such as [{"op":"add","path":"/data/k","value":"v"}]',
    });
  }

  /** More operations than the API server accepts. */
  static tooLarge(count: number, limit: number): JsonPatchError {
    return new JsonPatchError('controlplane.merge.json-patch.too-many-operations', `The allowed maximum operations in a JSON patch is ${limit}, got ${count}`, {
      httpStatus: 413,
      reason: 'RequestEntityTooLarge',
      hint: 'split the patch or use a merge patch',
    });
  }

  /** An operation that does not apply to the document (missing path, failed test, bad index). */
  static operationFailed(message: string, operationIndex: number): JsonPatchError {
    return new JsonPatchError('controlplane.merge.json-patch.apply', message, {
      httpStatus: 422,
      reason: 'Invalid',
      statusMessage: INVALID_REQUEST,
      operationIndex,
      hint: 'JSON patch never creates parent objects and `remove` needs an existing path; use `add` or a merge patch',
    });
  }
}

/** Stable codes of strategic merge patch failures, one per kind of mistake. */
export type StrategicMergePatchErrorKind =
  | 'bad-json-doc'
  | 'bad-patch-type'
  | 'bad-arg-type'
  | 'no-merge-key'
  | 'retain-keys'
  | 'set-element-order'
  | 'primitive-list'
  | 'list-of-lists'
  | 'mixed-list'
  | 'patch-strategy';

/** A strategic merge patch that is malformed for the object's schema. */
export class StrategicMergePatchError extends MergeError {
  /** What kind of mistake the patch made. */
  readonly kind: StrategicMergePatchErrorKind;

  constructor(kind: StrategicMergePatchErrorKind, message: string) {
    // Lists of lists are the one failure the API server answers with 422 (interpretStrategicMergePatchError).
    const invalid = kind === 'list-of-lists';
    super(`controlplane.merge.strategic.${kind}`, message, {
      httpStatus: invalid ? 422 : 400,
      reason: invalid ? 'Invalid' : 'BadRequest',
      hint: 'directives are $patch (replace|delete), $retainKeys, $setElementOrder/<list> and $deleteFromPrimitiveList/<list>',
    });
    this.kind = kind;
  }

  /** A `$patch` value that does not exist (strategicpatch's ErrBadPatchType wording). */
  static badPatchType(directive: unknown, map: Record<string, unknown>): StrategicMergePatchError {
    return new StrategicMergePatchError('bad-patch-type', `unknown patch type: ${goFormat(directive)} in map: ${goFormat(map)}`);
  }

  /** A list item without the field's merge key (ErrNoMergeKey wording). */
  static noMergeKey(map: unknown, key: string): StrategicMergePatchError {
    return new StrategicMergePatchError('no-merge-key', `map: ${goFormat(map)} does not contain declared merge key: ${key}`);
  }

  /** A value of the wrong JSON type where a map or a list was expected (ErrBadArgType wording). */
  static badArgType(expected: 'map' | 'list', actual: unknown): StrategicMergePatchError {
    const want = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
    return new StrategicMergePatchError('bad-arg-type', `expected a ${want}, but received a ${goTypeName(actual)}`);
  }
}
