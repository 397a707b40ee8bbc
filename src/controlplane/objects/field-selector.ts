// Field selectors (`fieldSelector=`): `field=value`, `field==value`, `field!=value`, comma-joined.
// Every kind supports metadata.name and metadata.namespace; a few kinds add their own fields, as
// the API server does (events' involvedObject.*, pods' spec.nodeName and status.phase, …).
import { ApiError } from '../api-error.js';

/** One field requirement. */
export interface FieldRequirement {
  readonly field: string;
  readonly equals: boolean;
  readonly value: string;
}

const KIND_FIELDS: Record<string, readonly string[]> = {
  Event: [
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
    'reason', 'reportingComponent', 'source', 'type',
  ],
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

/** Parses a `fieldSelector` for a kind; unknown fields are refused as the API server refuses them. */
export function parseFieldSelector(selector: string | undefined, kind: string, custom: boolean): FieldRequirement[] {
  if (!selector || selector.trim() === '') return [];
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(custom ? [] : (KIND_FIELDS[kind] ?? []))]);
  return selector.split(',').map((part) => {
    const match = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!match) throw ApiError.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [, field, op, value] = match;
    if (!allowed.has(field!)) throw ApiError.badRequest(`field label not supported: ${field}`);
    return { field: field!, equals: op !== '!=', value: value! };
  });
}

/** Reads a dotted field of an object as the string a field selector compares with. */
export function fieldValue(object: Record<string, unknown>, field: string): string {
  let current: unknown = object;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (field === 'source' && current && typeof current === 'object') return String((current as Record<string, unknown>).component ?? '');
  return current === undefined || current === null ? '' : String(current);
}

/** Whether an object satisfies every field requirement. */
export function matchesFields(requirements: readonly FieldRequirement[], object: Record<string, unknown>): boolean {
  return requirements.every((req) => (fieldValue(object, req.field) === req.value) === req.equals);
}
