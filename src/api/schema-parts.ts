// Building blocks of the Flux CRD schemas, written from the kubebuilder markers of the Go types
// (patterns, enums, defaults, required) so that every kind states them once.
import type { JSONSchemaProps } from '../apimachinery/index.js';

/** metav1.Duration as Flux constrains intervals: Go units ms, s, m, h only. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';
/** GitRepository's timeout: no hours. */
export const TIMEOUT_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$';

/** A string node. */
export function str(description: string, extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps {
  return { type: 'string', description, ...extra };
}

/** A boolean node. */
export function bool(description: string, extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps {
  return { type: 'boolean', description, ...extra };
}

/** An int64 node. */
export function int64(description: string, extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps {
  return { type: 'integer', format: 'int64', description, ...extra };
}

/** An object node with the given fields; `required` only when some are. */
export function obj(description: string, properties: Record<string, JSONSchemaProps>, required: string[] = [], extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps {
  return { type: 'object', description, properties, ...(required.length > 0 ? { required } : {}), ...extra };
}

/** An array node. */
export function list(description: string, items: JSONSchemaProps): JSONSchemaProps {
  return { type: 'array', description, items };
}

/** A map of strings. */
export function stringMap(description: string): JSONSchemaProps {
  return { type: 'object', description, additionalProperties: { type: 'string' } };
}

/** A Go duration constrained by the given pattern. */
export function duration(description: string, pattern = DURATION_PATTERN, extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps {
  return str(description, { pattern, ...extra });
}

/** meta.LocalObjectReference. */
export function localObjectReference(description: string): JSONSchemaProps {
  return obj(description, { name: str('Name of the referent.') }, ['name']);
}

/** metav1.Condition with the constraints Kubernetes puts on it. */
export function conditionsSchema(description: string): JSONSchemaProps {
  return list(description, obj('One aspect of the object\'s current state.', {
    lastTransitionTime: str('When the status last changed.', { format: 'date-time' }),
    message: str('Human-readable details of the last transition.', { maxLength: 32768 }),
    observedGeneration: int64('The metadata.generation the condition was set for.', { minimum: 0 }),
    reason: str('CamelCase identifier of the cause of the last transition.', { maxLength: 1024, minLength: 1, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' }),
    status: str('True, False or Unknown.', { enum: ['True', 'False', 'Unknown'] }),
    type: str('Type of the condition, CamelCase or domain/CamelCase.', {
      maxLength: 316,
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
    }),
  }, ['lastTransitionTime', 'message', 'reason', 'status', 'type']));
}

/** meta.Artifact. */
export function artifactSchema(description: string): JSONSchemaProps {
  return obj(description, {
    digest: str('Digest of the file, `<algorithm>:<checksum>`.', { pattern: '^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$' }),
    lastUpdateTime: str('When the artifact was last updated.', { format: 'date-time' }),
    metadata: stringMap('Upstream information such as OCI annotations.'),
    path: str('Path of the file relative to the storage root.'),
    revision: str('Revision in the origin, e.g. `main@sha1:<commit>`.'),
    size: int64('Size of the file in bytes.'),
    url: str('HTTP address of the file on the source-controller.'),
  }, ['lastUpdateTime', 'path', 'url']);
}

/** kustomize.Selector: which objects a patch or rule targets. */
export function selectorSchema(description: string): JSONSchemaProps {
  return obj(description, {
    annotationSelector: str('Label-selector expression matched against annotations.'),
    group: str('API group.'),
    kind: str('Kind.'),
    labelSelector: str('Label-selector expression.'),
    name: str('Name.'),
    namespace: str('Namespace.'),
    version: str('API version.'),
  });
}

/** The root of a Flux kind: apiVersion, kind, metadata, spec and a status defaulting to observedGeneration -1. */
export function rootSchema(description: string, spec: JSONSchemaProps, status: JSONSchemaProps): JSONSchemaProps {
  return obj(description, {
    apiVersion: str('Versioned schema of this representation of the object.'),
    kind: str('REST resource this object represents.'),
    metadata: { type: 'object' },
    spec,
    status: { ...status, default: { observedGeneration: -1 } },
  });
}
