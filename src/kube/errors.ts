// Errors of the API client. Every non-2xx reply becomes a KubeApiError carrying what client-go
// branches on (HTTP status and Status reason), with a message that starts with the object.
import { STATUS_CODES } from 'node:http';
import { WeirError } from '../lib/index.js';

/** Reasons client-go assumes when a reply carries no Status (apimachinery's NewGenericServerResponse). */
const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  406: 'NotAcceptable', 409: 'Conflict', 410: 'Expired', 415: 'UnsupportedMediaType', 422: 'Invalid',
  429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

/** A reply of the API server other than 2xx, from its Status object. */
export class KubeApiError extends WeirError {
  /** The HTTP status (Status.code). */
  readonly status: number;
  /** Status.reason: NotFound, Conflict, AlreadyExists, Invalid, Expired … */
  readonly reason: string;
  /** Status.message as the server wrote it, without the object prefix. */
  readonly statusMessage: string;
  /** Status.details, when the server sent one (causes of Invalid and Conflict). */
  readonly details: Record<string, unknown> | undefined;

  constructor(subject: string, status: number, reason: string, statusMessage: string, details?: Record<string, unknown>) {
    super(`kube.api.${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, `${subject}: ${statusMessage}`, { hint: hintFor(status) });
    this.status = status;
    this.reason = reason;
    this.statusMessage = statusMessage;
    this.details = details;
  }
}

function hintFor(status: number): string | undefined {
  if (status === 401) return 'check the credentials of the kubeconfig context';
  if (status === 403) return 'the user of the kubeconfig context lacks RBAC permission for this';
  return undefined;
}

/** Builds the error for a reply: from its Status when it has one, from the HTTP status otherwise. */
export function apiErrorOf(subject: string, httpStatus: number, body: string): KubeApiError {
  let status: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && (parsed as { kind?: unknown }).kind === 'Status') status = parsed as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's HTML page): fall back to the HTTP status below
  }
  return statusError(subject, status ?? {}, httpStatus, body.trim().slice(0, 200));
}

/** Builds the error for a Status object (an ERROR watch event, or the body of a reply). */
export function statusError(subject: string, status: Record<string, unknown>, httpStatus?: number, fallbackMessage?: string): KubeApiError {
  const code = typeof status.code === 'number' ? status.code : (httpStatus ?? 500);
  const reason = typeof status.reason === 'string' && status.reason ? status.reason : (REASON_BY_CODE[code] ?? 'Unknown');
  const message = typeof status.message === 'string' && status.message ? status.message : fallbackMessage || (STATUS_CODES[code] ?? `HTTP ${code}`);
  const details = status.details && typeof status.details === 'object' ? (status.details as Record<string, unknown>) : undefined;
  return new KubeApiError(subject, code, reason, message, details);
}

/** True when `err` is a KubeApiError with that HTTP status. */
export function isKubeApiError(err: unknown, status?: number): err is KubeApiError {
  return err instanceof KubeApiError && (status === undefined || err.status === status);
}
