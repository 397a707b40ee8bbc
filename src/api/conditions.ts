// Status conditions with Flux's exact semantics, ported from fluxcd/pkg runtime/conditions
// (setter.go, getter.go): a condition keeps its lastTransitionTime while its state (status,
// reason, message) is unchanged; Stalled, Reconciling and Ready sort first; Reconciling and
// Stalled are negative-polarity ("abnormal-true": present only while True) and exclude each other.
// Every function returns a new array and never mutates its input.

/** The status of a condition, as metav1.ConditionStatus. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A status condition (metav1.Condition). */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** A condition to set: everything but the transition time, which setCondition decides. */
export type ConditionInput = Omit<Condition, 'lastTransitionTime'>;

/** What a mark* helper needs besides the type and status. */
export interface ConditionChange {
  reason: string;
  message: string;
  observedGeneration?: number;
}

/** The summary condition of every toolkit object (positive polarity). */
export const READY = 'Ready';
/** Negative polarity: True while a reconciliation is in progress, absent otherwise. */
export const RECONCILING = 'Reconciling';
/** Negative polarity: True when the object cannot make progress without a change; absent otherwise. */
export const STALLED = 'Stalled';
/** The last health assessment of a Kustomization's applied objects. */
export const HEALTHY = 'Healthy';

// Types with a fixed rank, ahead of all others (fluxcd/pkg conditionWeights).
const WEIGHTS = new Map<string, number>([[STALLED, 0], [RECONCILING, 1], [READY, 2]]);

/** A Date as metav1.Time writes it: UTC, RFC 3339, truncated to the second. */
export function conditionTime(now: Date): string {
  return new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Flux's order: Stalled, Reconciling, Ready, then the highest observedGeneration first, then by type. */
export function compareConditions(a: Condition, b: Condition): number {
  const wa = WEIGHTS.get(a.type);
  const wb = WEIGHTS.get(b.type);
  if (wa !== undefined && wb !== undefined) return wa - wb;
  if (wa !== undefined) return -1;
  if (wb !== undefined) return 1;
  const ga = a.observedGeneration ?? 0;
  const gb = b.observedGeneration ?? 0;
  if (ga !== gb) return gb - ga;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** The condition of the given type, if present. */
export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

function build(c: ConditionInput, lastTransitionTime: string): Condition {
  // observedGeneration is `omitempty` in Go: zero is never written.
  const generation = c.observedGeneration ? { observedGeneration: c.observedGeneration } : {};
  return { type: c.type, status: c.status, ...generation, lastTransitionTime, reason: c.reason, message: c.message };
}

/**
 * Sets (or replaces) a condition; lastTransitionTime kept when the status did not change; result
 * sorted as Flux sorts. As in Flux, "did not change" means the same status, reason and message; a
 * new observedGeneration alone replaces the condition but keeps its transition time.
 */
export function setCondition(conditions: readonly Condition[] | undefined, c: ConditionInput, now: Date): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((existing) => existing.type === c.type);
  const existing = list[index];
  if (!existing) {
    list.push(build(c, conditionTime(now)));
  } else if (existing.status !== c.status || existing.reason !== c.reason || existing.message !== c.message) {
    list[index] = build(c, conditionTime(now));
  } else if ((existing.observedGeneration ?? 0) !== (c.observedGeneration ?? 0)) {
    list[index] = build(c, existing.lastTransitionTime);
  }
  return list.sort(compareConditions);
}

/** The conditions without the given type (order kept). */
export function removeCondition(conditions: readonly Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** Sets the condition of the given type to True. */
export function markTrue(conditions: readonly Condition[] | undefined, c: ConditionChange & { type: string }, now: Date): Condition[] {
  return setCondition(conditions, { ...c, status: 'True' }, now);
}

/** Sets the condition of the given type to False. */
export function markFalse(conditions: readonly Condition[] | undefined, c: ConditionChange & { type: string }, now: Date): Condition[] {
  return setCondition(conditions, { ...c, status: 'False' }, now);
}

/** Sets the condition of the given type to Unknown. */
export function markUnknown(conditions: readonly Condition[] | undefined, c: ConditionChange & { type: string }, now: Date): Condition[] {
  return setCondition(conditions, { ...c, status: 'Unknown' }, now);
}

/** Reconciling=True and no Stalled: called when a reconciliation starts (conditions.MarkReconciling). */
export function markReconciling(conditions: readonly Condition[] | undefined, c: ConditionChange, now: Date): Condition[] {
  return markTrue(removeCondition(conditions, STALLED), { ...c, type: RECONCILING }, now);
}

/** Stalled=True and no Reconciling: the object waits for the user (conditions.MarkStalled). */
export function markStalled(conditions: readonly Condition[] | undefined, c: ConditionChange, now: Date): Condition[] {
  return markTrue(removeCondition(conditions, RECONCILING), { ...c, type: STALLED }, now);
}

/** Ready=True. */
export function markReady(conditions: readonly Condition[] | undefined, c: ConditionChange, now: Date): Condition[] {
  return markTrue(conditions, { ...c, type: READY }, now);
}

/** Ready=False. */
export function markNotReady(conditions: readonly Condition[] | undefined, c: ConditionChange, now: Date): Condition[] {
  return markFalse(conditions, { ...c, type: READY }, now);
}

/** True if the condition exists with status True. */
export function isTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

/** True if the condition exists with status False. */
export function isFalse(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'False';
}

/** True if the condition is Unknown or missing. */
export function isUnknown(conditions: readonly Condition[] | undefined, type: string): boolean {
  const c = findCondition(conditions, type);
  return c === undefined || c.status === 'Unknown';
}

/** Stalled=True while Reconciling is not True. */
export function isStalled(conditions: readonly Condition[] | undefined): boolean {
  return !isTrue(conditions, RECONCILING) && isTrue(conditions, STALLED);
}

/** Reconciling=True while Stalled is not True. */
export function isReconciling(conditions: readonly Condition[] | undefined): boolean {
  return !isTrue(conditions, STALLED) && isTrue(conditions, RECONCILING);
}

/** Ready=True and neither stalled nor reconciling. */
export function isReady(conditions: readonly Condition[] | undefined): boolean {
  return !isStalled(conditions) && !isReconciling(conditions) && isTrue(conditions, READY);
}
