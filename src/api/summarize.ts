// How Ready is summarised from the other conditions, and how the conditions are settled at the end
// of a reconciliation: a port of fluxcd/pkg runtime/conditions merge.go (SetSummary) and of
// source-controller internal/reconcile (ComputeReconcileResult, summarize.SummarizeAndPatch),
// plus kustomize-controller's finalizeStatus for the objects that apply.
import {
  READY, RECONCILING, STALLED, findCondition, isFalse, isReady, isReconciling, isStalled, markFalse,
  markStalled, removeCondition, setCondition, compareConditions, type Condition, type ConditionInput, type ConditionStatus,
} from './conditions.js';
import {
  ARTIFACT_IN_STORAGE, ARTIFACT_OUTDATED, FETCH_FAILED, INCLUDE_UNAVAILABLE, PROGRESSING_WITH_RETRY_REASON,
  SOURCE_VERIFIED, STORAGE_OPERATION_FAILED,
} from './constants.js';

/** Which conditions a kind summarises into its target (Ready), in priority order, and their polarity. */
export interface ConditionSummary {
  target: string;
  /** Conditions the controller owns (it wins patch conflicts on them). */
  owned: readonly string[];
  /** Conditions merged into the target; the order decides whose reason and message win. */
  summarize: readonly string[];
  /** Summarised conditions that are abnormal when True. */
  negativePolarity: readonly string[];
  /** Conditions that fail Ready when False although they are positive (SourceVerified). */
  biPolarity: readonly string[];
}

/** GitRepository's Ready summary (source-controller gitRepositoryReadyCondition). */
export const GIT_REPOSITORY_READY_SUMMARY: ConditionSummary = {
  target: READY,
  owned: [STORAGE_OPERATION_FAILED, FETCH_FAILED, INCLUDE_UNAVAILABLE, ARTIFACT_OUTDATED, ARTIFACT_IN_STORAGE, SOURCE_VERIFIED, READY, RECONCILING, STALLED],
  summarize: [STORAGE_OPERATION_FAILED, FETCH_FAILED, INCLUDE_UNAVAILABLE, ARTIFACT_OUTDATED, ARTIFACT_IN_STORAGE, SOURCE_VERIFIED, STALLED, RECONCILING],
  negativePolarity: [STORAGE_OPERATION_FAILED, FETCH_FAILED, INCLUDE_UNAVAILABLE, ARTIFACT_OUTDATED, STALLED, RECONCILING],
  biPolarity: [SOURCE_VERIFIED],
};

// Merge priority of a group of conditions: abnormal first, Unknown last (merge.go mergePriority).
function priority(status: ConditionStatus, negative: boolean): number {
  if (status === 'True') return negative ? 0 : 2;
  if (status === 'False') return negative ? 3 : 1;
  return status === 'Unknown' ? 4 : 99;
}

/**
 * The target condition merged from the summarised ones, or undefined when none is present: the
 * top group (by status and polarity) decides the status, inverted when its polarity differs from
 * the target's; its first condition in summary order gives the reason and message.
 */
export function summaryCondition(conditions: readonly Condition[] | undefined, summary: ConditionSummary): Omit<ConditionInput, 'observedGeneration'> | undefined {
  const negative = (type: string) => summary.negativePolarity.includes(type);
  const inScope = (conditions ?? []).filter((c) => c.type !== summary.target && summary.summarize.includes(c.type));
  if (inScope.length === 0) return undefined;
  const rank = (c: Condition) => priority(c.status, negative(c.type));
  const best = Math.min(...inScope.map(rank));
  const top = inScope.filter((c) => rank(c) === best).sort(compareConditions);
  const first = top.length === 1 ? top[0]! : summary.summarize.map((t) => top.find((c) => c.type === t)).find((c) => c) ?? top[0]!;
  const { status } = first;
  const invert = negative(first.type) !== negative(summary.target);
  const targetStatus: ConditionStatus = status === 'Unknown' || !invert ? status : status === 'True' ? 'False' : 'True';
  return { type: summary.target, status: targetStatus, reason: first.reason, message: first.message };
}

/** Sets the target from the summarised conditions (conditions.SetSummary), then lets a False bi-polar condition fail it. */
export function summarizeConditions(
  conditions: readonly Condition[] | undefined,
  summary: ConditionSummary,
  options: { generation?: number; now: Date },
): Condition[] {
  const merged = summaryCondition(conditions, summary);
  let result = merged ? setCondition(conditions, { ...merged, observedGeneration: options.generation }, options.now) : [...(conditions ?? [])];
  const failed = summary.biPolarity.map((t) => findCondition(result, t)).find((c) => c?.status === 'False');
  if (failed) result = markFalse(result, { type: summary.target, reason: failed.reason, message: failed.message, observedGeneration: options.generation }, options.now);
  return result;
}

/** How a source reconciliation ended (source-controller's Result and error kinds). */
export type ReconcileOutcome =
  | { kind: 'success' }
  | { kind: 'requeue' }
  | { kind: 'waiting' }
  | { kind: 'stalling'; reason: string; message: string }
  | { kind: 'error' };

/** The settled conditions, whether status.observedGeneration may advance, and a Ready failure to report. */
export interface SettledConditions {
  conditions: Condition[];
  observeGeneration: boolean;
  /** Set when the outcome was a success but Ready is not True: the reconciliation must count as failed. */
  notReadyMessage?: string;
}

/** The end of a source reconciliation: ComputeReconcileResult, then the Ready summary (SummarizeAndPatch). */
export function finalizeSourceConditions(
  conditions: readonly Condition[] | undefined,
  outcome: ReconcileOutcome,
  options: { summary: ConditionSummary; generation: number; now: Date },
): SettledConditions {
  const { generation, now } = options;
  let list = [...(conditions ?? [])];
  if (outcome.kind === 'success') list = removeCondition(list, RECONCILING);
  if (isReconciling(list)) {
    const reconciling = findCondition(list, RECONCILING)!;
    list = setCondition(list, { ...reconciling, reason: PROGRESSING_WITH_RETRY_REASON, observedGeneration: generation }, now);
  }
  let observeGeneration = false;
  if (outcome.kind === 'stalling') {
    list = markStalled(list, { reason: outcome.reason, message: outcome.message, observedGeneration: generation }, now);
    observeGeneration = true;
  } else {
    // Only a finished pass over this generation observes it, and only once something was recorded.
    observeGeneration = outcome.kind === 'success' && list.length > 0;
    list = removeCondition(list, STALLED);
  }
  list = summarizeConditions(list, options.summary, { generation, now });
  const settled: SettledConditions = { conditions: list, observeGeneration };
  if (outcome.kind === 'success' && !isStalled(list) && !isReady(list)) settled.notReadyMessage = findCondition(list, READY)?.message ?? '';
  return settled;
}

/** kustomize-controller's finalizeStatus: Ready=True drops Reconciling and observes the generation; Ready=False marks the retry. */
export function finalizeAppliedConditions(
  conditions: readonly Condition[] | undefined,
  options: { generation: number; now: Date },
): { conditions: Condition[]; observeGeneration: boolean } {
  let list = [...(conditions ?? [])];
  const ready = findCondition(list, READY)?.status === 'True';
  if (ready) list = removeCondition(list, RECONCILING);
  const reconciling = findCondition(list, RECONCILING);
  if (isFalse(list, READY) && reconciling) {
    list = setCondition(list, { ...reconciling, reason: PROGRESSING_WITH_RETRY_REASON, observedGeneration: options.generation }, options.now);
  }
  return { conditions: list, observeGeneration: ready };
}
