import { WeirError } from '../../lib/index.js';

/** The body is not well-formed Kubernetes protobuf; the HTTP layer answers 400 BadRequest. */
export class ProtobufDecodeError extends WeirError {
  /** HTTP status the API server should answer with. */
  readonly statusCode = 400;
  /** metav1.Status reason for that answer. */
  readonly reason = 'BadRequest';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('controlplane.protobuf.malformed', message, {
      hint: 'Send the object as JSON (Content-Type: application/json) or check the client that encoded it.',
      ...options,
    });
  }
}

/**
 * The envelope names a kind we hold no descriptor for; the HTTP layer answers
 * 415 UnsupportedMediaType so the client knows to use JSON for that kind.
 */
export class UnsupportedProtobufKindError extends WeirError {
  /** HTTP status the API server should answer with. */
  readonly statusCode = 415;
  /** metav1.Status reason for that answer. */
  readonly reason = 'UnsupportedMediaType';
  /** apiVersion from the envelope's typeMeta ('' when absent). */
  readonly apiVersion: string;
  /** kind from the envelope's typeMeta. */
  readonly kind: string;

  constructor(apiVersion: string, kind: string) {
    const gvk = apiVersion === '' ? kind : `${apiVersion}, Kind=${kind}`;
    super('controlplane.protobuf.unsupported-kind', `${gvk}: protobuf request bodies are not supported for this kind`, {
      hint: 'Send this object as JSON (Content-Type: application/json).',
    });
    this.apiVersion = apiVersion;
    this.kind = kind;
  }
}
