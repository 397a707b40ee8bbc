// The loose shape of an API object as the control plane handles it: JSON with a metadata block.
import { ApiError } from '../api-error.js';

/** Object metadata fields the control plane reads or stamps. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/** metadata.ownerReferences[] */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** A JSON object with metadata. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Deep copy through JSON (objects here are always JSON). */
export function cloneObject<T>(value: T): T {
  return structuredClone(value);
}

/** Checks that a request body is a JSON object and gives it a metadata block. */
export function asKubeObject(body: unknown): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiError.badRequest('the body of the request must be a JSON or YAML object');
  }
  const object = body as Record<string, unknown>;
  const metadata = object.metadata;
  if (metadata === undefined || metadata === null) object.metadata = {};
  else if (typeof metadata !== 'object' || Array.isArray(metadata)) throw ApiError.badRequest('metadata must be an object');
  return object as KubeObject;
}

/** RFC 3339 with seconds precision, as Kubernetes timestamps are written. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((item, i) => jsonEqual(item, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => jsonEqual(ao[k], bo[k]));
}
