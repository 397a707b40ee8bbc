import { describe, expect, it } from 'vitest';
import { READY, RECONCILING, STALLED, findCondition, markFalse, markReconciling, markTrue, markUnknown, type Condition } from './conditions.js';
import { ARTIFACT_IN_STORAGE, ARTIFACT_OUTDATED, FETCH_FAILED, SOURCE_VERIFIED } from './constants.js';
import { GIT_REPOSITORY_READY_SUMMARY, finalizeAppliedConditions, finalizeSourceConditions, summarizeConditions } from './summarize.js';

const now = new Date('2024-05-01T10:00:00Z');
const later = new Date('2024-05-01T11:00:00Z');
const summary = GIT_REPOSITORY_READY_SUMMARY;
const ready = (list: Condition[]) => findCondition(list, READY);

describe('summarizeConditions (Ready of a GitRepository)', () => {
  it('is True with the reason of ArtifactInStorage when nothing is abnormal', () => {
    const list = markTrue([], { type: ARTIFACT_IN_STORAGE, reason: 'Succeeded', message: "stored artifact for revision 'main@sha1:abc'" }, now);
    expect(ready(summarizeConditions(list, summary, { generation: 3, now }))).toMatchObject({
      status: 'True', reason: 'Succeeded', message: "stored artifact for revision 'main@sha1:abc'", observedGeneration: 3,
    });
  });

  it('turns a True negative-polarity condition into Ready=False with its reason and message', () => {
    let list = markTrue([], { type: ARTIFACT_IN_STORAGE, reason: 'Succeeded', message: 'stored' }, now);
    list = markTrue(list, { type: FETCH_FAILED, reason: 'GitOperationFailed', message: 'failed to checkout' }, now);
    expect(ready(summarizeConditions(list, summary, { generation: 1, now }))).toMatchObject({ status: 'False', reason: 'GitOperationFailed', message: 'failed to checkout' });
  });

  it('picks the first abnormal condition in summary order when several are True', () => {
    let list = markTrue([], { type: ARTIFACT_OUTDATED, reason: 'NewRevision', message: 'new' }, now);
    list = markTrue(list, { type: FETCH_FAILED, reason: 'AuthenticationFailed', message: 'auth' }, now);
    expect(ready(summarizeConditions(list, summary, { now }))?.reason).toBe('AuthenticationFailed');
  });

  it('prefers Reconciling (negative, True) to a positive True condition, giving Ready=False', () => {
    let list = markTrue([], { type: ARTIFACT_IN_STORAGE, reason: 'Succeeded', message: 'stored' }, now);
    list = markReconciling(list, { reason: 'Progressing', message: 'processing object: new generation 1 -> 2' }, now);
    expect(ready(summarizeConditions(list, summary, { now }))).toMatchObject({ status: 'False', reason: 'Progressing' });
  });

  it('makes Ready Unknown when only Unknown conditions are in scope', () => {
    const list = markUnknown([], { type: ARTIFACT_IN_STORAGE, reason: 'Progressing', message: 'wait' }, now);
    expect(ready(summarizeConditions(list, summary, { now }))?.status).toBe('Unknown');
  });

  it('leaves Ready alone when no summarised condition exists', () => {
    const list = markTrue([], { type: READY, reason: 'Keep', message: '' }, now);
    expect(summarizeConditions(list, summary, { now })).toEqual(list);
  });

  it('fails Ready when the bi-polar SourceVerified is False', () => {
    let list = markTrue([], { type: ARTIFACT_IN_STORAGE, reason: 'Succeeded', message: 'stored' }, now);
    list = markFalse(list, { type: SOURCE_VERIFIED, reason: 'VerificationError', message: 'signature mismatch' }, now);
    expect(ready(summarizeConditions(list, summary, { now }))).toMatchObject({ status: 'False', reason: 'VerificationError', message: 'signature mismatch' });
  });
});

describe('finalizeSourceConditions', () => {
  const started = () => {
    let list = markReconciling([], { reason: 'Progressing', message: 'processing object: new generation 0 -> 1' }, now);
    list = markUnknown(list, { type: READY, reason: 'Progressing', message: 'reconciliation in progress' }, now);
    return list;
  };

  it('on success drops Reconciling, observes the generation and reports Ready', () => {
    const list = markTrue(started(), { type: ARTIFACT_IN_STORAGE, reason: 'Succeeded', message: 'stored' }, now);
    const settled = finalizeSourceConditions(list, { kind: 'success' }, { summary, generation: 1, now: later });
    expect(settled.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Ready=True', 'ArtifactInStorage=True']);
    expect(settled.observeGeneration).toBe(true);
    expect(settled.notReadyMessage).toBeUndefined();
  });

  it('on error keeps Reconciling with reason ProgressingWithRetry and does not observe the generation', () => {
    const list = markTrue(started(), { type: FETCH_FAILED, reason: 'GitOperationFailed', message: 'clone failed' }, now);
    const settled = finalizeSourceConditions(list, { kind: 'error' }, { summary, generation: 1, now: later });
    expect(findCondition(settled.conditions, RECONCILING)).toMatchObject({ reason: 'ProgressingWithRetry', lastTransitionTime: '2024-05-01T11:00:00Z' });
    expect(ready(settled.conditions)).toMatchObject({ status: 'False', reason: 'GitOperationFailed' });
    expect(settled.observeGeneration).toBe(false);
  });

  it('on a stalling error marks Stalled, drops Reconciling and observes the generation', () => {
    const settled = finalizeSourceConditions(started(), { kind: 'stalling', reason: 'URLInvalid', message: 'invalid url' }, { summary, generation: 2, now: later });
    expect(findCondition(settled.conditions, STALLED)).toMatchObject({ status: 'True', reason: 'URLInvalid' });
    expect(findCondition(settled.conditions, RECONCILING)).toBeUndefined();
    expect(ready(settled.conditions)).toMatchObject({ status: 'False', reason: 'URLInvalid' });
    expect(settled.observeGeneration).toBe(true);
  });

  it('on waiting removes Stalled without observing the generation', () => {
    const list = markTrue(started(), { type: STALLED, reason: 'Old', message: '' }, now);
    const settled = finalizeSourceConditions(list, { kind: 'waiting' }, { summary, generation: 1, now: later });
    expect(findCondition(settled.conditions, STALLED)).toBeUndefined();
    expect(settled.observeGeneration).toBe(false);
  });

  it('flags a success whose Ready is not True', () => {
    const list = markTrue([], { type: ARTIFACT_OUTDATED, reason: 'NewRevision', message: 'new upstream revision' }, now);
    const settled = finalizeSourceConditions(list, { kind: 'success' }, { summary, generation: 1, now });
    expect(settled.notReadyMessage).toBe('new upstream revision');
  });
});

describe('finalizeAppliedConditions', () => {
  it('drops Reconciling and observes the generation when Ready is True', () => {
    let list = markReconciling([], { reason: 'Progressing', message: 'x' }, now);
    list = markTrue(list, { type: READY, reason: 'ReconciliationSucceeded', message: 'Applied revision: main@sha1:abc' }, now);
    const out = finalizeAppliedConditions(list, { generation: 4, now });
    expect(out.conditions.map((c) => c.type)).toEqual([READY]);
    expect(out.observeGeneration).toBe(true);
  });

  it('sets Reconciling to ProgressingWithRetry when Ready is False', () => {
    let list = markReconciling([], { reason: 'Progressing', message: 'x' }, now);
    list = markFalse(list, { type: READY, reason: 'BuildFailed', message: 'kustomize build failed' }, now);
    const out = finalizeAppliedConditions(list, { generation: 4, now: later });
    expect(findCondition(out.conditions, RECONCILING)).toMatchObject({ reason: 'ProgressingWithRetry', observedGeneration: 4 });
    expect(out.observeGeneration).toBe(false);
  });
});
