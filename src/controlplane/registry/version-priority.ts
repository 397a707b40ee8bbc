// Kubernetes orders API versions GA > beta > alpha, then by major and minor number, and puts
// versions that do not look like Kubernetes versions last, alphabetically.
// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/#version-priority

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY = { ga: 3, beta: 2, alpha: 1 } as const;

function rank(version: string): [number, number, number] | undefined {
  const match = KUBE_VERSION.exec(version);
  if (!match) return undefined;
  const stability = match[2] === 'alpha' ? STABILITY.alpha : match[2] === 'beta' ? STABILITY.beta : STABILITY.ga;
  return [stability, Number(match[1]), Number(match[3] ?? 0)];
}

/** Compares two versions so that sorting puts the preferred version first. */
export function compareVersionPriority(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra && rb) {
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    return 0;
  }
  if (ra) return -1;
  if (rb) return 1;
  return a.localeCompare(b);
}
