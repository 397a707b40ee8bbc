// Errors answered as Kubernetes `Status` objects, worded as the Kubernetes API server words them
// (kubectl prints `Error from server (<reason>): <message>` and client-go branches on `reason`).
import { WeirError } from '../lib/index.js';

/** One cause of an Invalid or Conflict status (`details.causes[]`). */
export interface StatusCause {
  readonly reason?: string;
  readonly type?: string;
  readonly message: string;
  readonly field?: string;
}

/** `details` of a Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** What a resource is called in messages: `configmaps`, or `deployments.apps` outside the core group. */
export interface ResourceName {
  readonly group: string;
  readonly plural: string;
}

function qualified(resource: ResourceName): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

function detailsOf(resource: ResourceName, name: string): StatusDetails {
  return { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.plural };
}

/** An error the API answers with a Status of the given HTTP code and reason. */
export class ApiError extends WeirError {
  constructor(
    readonly httpCode: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(`controlplane.api.${reason === '' ? 'unknown' : `${reason.charAt(0).toLowerCase()}${reason.slice(1)}`}`, message);
  }

  /** The Status object sent to clients. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.httpCode,
    };
  }

  static notFound(resource: ResourceName, name: string): ApiError {
    return new ApiError(404, 'NotFound', `${qualified(resource)} "${name}" not found`, detailsOf(resource, name));
  }

  static alreadyExists(resource: ResourceName, name: string): ApiError {
    return new ApiError(409, 'AlreadyExists', `${qualified(resource)} "${name}" already exists`, detailsOf(resource, name));
  }

  static conflict(resource: ResourceName, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
    return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource)} "${name}": ${why}`, detailsOf(resource, name));
  }

  /**
   * 422 with field causes: `<Kind>.<group> "<name>" is invalid: <field>: <message>`, or
   * `[<cause>, <cause>]` for several (apierrors.NewInvalid; repeated messages are printed once).
   */
  static invalid(kind: string, group: string, name: string, causes: StatusCause[]): ApiError {
    const summary = [...new Set(causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)))];
    const message = `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`}`;
    return new ApiError(422, 'Invalid', message, { name, ...(group ? { group } : {}), kind, causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, ...(c.field ? { field: c.field } : {}) })) });
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  }

  static methodNotAllowed(message: string): ApiError {
    return new ApiError(405, 'MethodNotAllowed', message);
  }

  static unsupportedMediaType(message: string): ApiError {
    return new ApiError(415, 'UnsupportedMediaType', message);
  }

  static unauthorized(): ApiError {
    return new ApiError(401, 'Unauthorized', 'Unauthorized');
  }

  static tooLarge(limitBytes: number): ApiError {
    return new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limitBytes}`);
  }

  static expired(requested: number, current: number): ApiError {
    return new ApiError(410, 'Expired', `too old resource version: ${requested} (${current})`);
  }

  static pathNotFound(): ApiError {
    return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }

  /** An error the API server never turned into a Status: 500, the error's text, no reason (responsewriters.ErrorToAPIStatus). */
  static unclassified(message: string): ApiError {
    return new ApiError(500, '', message);
  }

  static internal(message: string): ApiError {
    return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
  }
}
