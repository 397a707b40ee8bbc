import { CORE_MESSAGES } from './messages-core.js';
import { CLUSTER_MESSAGES } from './messages-cluster.js';
import { META_MESSAGES } from './messages-meta.js';
import { POD_MESSAGES } from './messages-pod.js';
import { VOLUME_MESSAGES } from './messages-volume.js';
import { WORKLOAD_MESSAGES } from './messages-workloads.js';
import { compileMessages, type MessageSpec } from './schema.js';
import { WELL_KNOWN } from './well-known.js';

// Which top-level kinds may arrive as protobuf, and the message that encodes each.
// The list is every kind a kubectl 1.32 typed-client command POSTs: the
// `kubectl create <generator>` family, `kubectl create token`, `kubectl auth can-i` and `kubectl auth whoami`.
const KINDS: ReadonlyArray<readonly [apiVersion: string, kind: string]> = [
  ['v1', 'Namespace'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Service'],
  ['v1', 'ServiceAccount'],
  ['v1', 'ResourceQuota'],
  ['apps/v1', 'Deployment'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['scheduling.k8s.io/v1', 'PriorityClass'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['authorization.k8s.io/v1', 'SelfSubjectAccessReview'],
  ['authorization.k8s.io/v1', 'SelfSubjectRulesReview'],
  ['authentication.k8s.io/v1', 'TokenRequest'],
  ['authentication.k8s.io/v1', 'SelfSubjectReview'],
];

// Compiled once at import; a malformed table throws here, so a typo in a
// descriptor fails every test rather than one request in production.
const MESSAGES: ReadonlyMap<string, MessageSpec> = compileMessages(
  [META_MESSAGES, CORE_MESSAGES, POD_MESSAGES, VOLUME_MESSAGES, WORKLOAD_MESSAGES, CLUSTER_MESSAGES],
  new Set(WELL_KNOWN.keys()),
);

const BY_GVK: ReadonlyMap<string, string> = new Map(KINDS.map(([apiVersion, kind]) => [`${apiVersion}/${kind}`, kind]));

for (const name of BY_GVK.values()) {
  if (!MESSAGES.has(name)) throw new Error(`protobuf descriptor for kind ${name} is missing`);
}

/** Looks up a compiled message descriptor by name. */
export function lookupMessage(name: string): MessageSpec | undefined {
  return MESSAGES.get(name);
}

/** The message that encodes apiVersion/kind, or undefined when that kind is not supported. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  return BY_GVK.get(`${apiVersion}/${kind}`);
}

/** Every apiVersion/kind pair the decoder accepts (for discovery docs and tests). */
export function supportedKinds(): ReadonlyArray<{ apiVersion: string; kind: string }> {
  return KINDS.map(([apiVersion, kind]) => ({ apiVersion, kind }));
}
