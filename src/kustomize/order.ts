// kustomize's legacy output order (api/resid/gvk.go): a fixed kind priority (namespaces and
// CRDs first, webhooks last), then group_version_kind, namespace and name. Sorting is stable.
import { idOf, type ResId, type Resource } from './resource.js';

const FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount',
  'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret',
  'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

type Rank = ReadonlyMap<string, number>;

function rankOf(first: readonly string[], last: readonly string[]): Rank {
  return new Map<string, number>([...first.map((k, i) => [k, i - first.length] as const), ...last.map((k, i) => [k, i + 1] as const)]);
}

const DEFAULT_RANK = rankOf(FIRST, LAST);

const gvkString = (id: ResId) => `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`;

function sortKey(id: ResId): string {
  // kustomize's ResId string: an empty namespace prints as "~X" and an empty name as "~N", after any real one.
  return `${id.namespace || '~X'}|${id.name || '~N'}`;
}

function compare(rank: Rank, a: ResId, b: ResId): number {
  const ra = rank.get(a.kind) ?? 0;
  const rb = rank.get(b.kind) ?? 0;
  if (ra !== rb) return ra - rb;
  const ga = gvkString(a);
  const gb = gvkString(b);
  if (ga !== gb) {
    // Namespaces of the core group go before same-named kinds of other groups (kyaml's sorter
    // reverses the order when either side has no group; checked with `kubectl kustomize`).
    const reversed = a.kind === 'Namespace' && b.kind === 'Namespace' && (a.group === '' || b.group === '');
    return (ga < gb) !== reversed ? -1 : 1;
  }
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Resources in kustomize's legacy order (sortOptions.legacySortOptions may replace the kind lists). */
export function legacySort(resources: readonly Resource[], order?: { orderFirst?: string[]; orderLast?: string[] }): Resource[] {
  const rank = order && (order.orderFirst || order.orderLast) ? rankOf(order.orderFirst ?? [], order.orderLast ?? []) : DEFAULT_RANK;
  const keyed = resources.map((r) => ({ r, id: idOf(r.obj) }));
  keyed.sort((x, y) => compare(rank, x.id, y.id));
  return keyed.map((k) => k.r);
}
