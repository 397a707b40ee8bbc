// The scale subresource (`kubectl scale`): an autoscaling/v1 Scale view of a workload's replicas.
import { ApiError } from '../api-error.js';
import type { KubeObject } from '../objects/index.js';
import type { ResourceType, ScaleSubresource } from '../registry/index.js';

function read(object: unknown, path: string): unknown {
  let current = object;
  for (const part of path.split('.').filter(Boolean)) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  return current;
}

function write(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.').filter(Boolean);
  let current = object;
  for (const part of parts.slice(0, -1)) {
    if (!current[part] || typeof current[part] !== 'object') current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]!] = value;
}

function scaleOf(type: ResourceType): ScaleSubresource {
  if (!type.scale) throw ApiError.pathNotFound();
  return type.scale;
}

function selectorString(selector: unknown): string | undefined {
  if (typeof selector === 'string') return selector;
  const labels = (selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  return labels ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}

/** The Scale object of a workload. */
export function toScale(type: ResourceType, object: KubeObject): Record<string, unknown> {
  const scale = scaleOf(type);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const selector = selectorString(scale.labelSelectorPath ? read(object, scale.labelSelectorPath) ?? read(object, '.spec.selector') : undefined);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: Number(read(object, scale.specReplicasPath) ?? 1) },
    status: { replicas: Number(read(object, scale.statusReplicasPath) ?? 0), ...(selector ? { selector } : {}) },
  };
}

/** The workload with the replicas of a Scale written into it. */
export function fromScale(type: ResourceType, object: KubeObject, scaleBody: Record<string, unknown>): KubeObject {
  const replicas = (scaleBody.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw ApiError.invalid('Scale', 'autoscaling', object.metadata.name!, [{ field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }]);
  }
  const next = structuredClone(object);
  write(next as unknown as Record<string, unknown>, scaleOf(type).specReplicasPath, replicas);
  const rv = (scaleBody.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  if (rv) next.metadata.resourceVersion = rv;
  return next;
}
