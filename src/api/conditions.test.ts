import { describe, expect, it } from 'vitest';
import {
  READY, RECONCILING, STALLED, conditionTime, findCondition, isReady, isReconciling, isStalled, isUnknown, markFalse,
  markReady, markReconciling, markStalled, markTrue, removeCondition, setCondition, type Condition,
} from './conditions.js';

const t0 = new Date('2024-05-01T10:00:00.750Z');
const t1 = new Date('2024-05-01T10:05:00Z');

describe('setCondition', () => {
  it('adds a condition stamped with the time truncated to the second', () => {
    const list = setCondition(undefined, { type: READY, status: 'True', reason: 'Succeeded', message: 'ok' }, t0);
    expect(list).toEqual([{ type: READY, status: 'True', lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'Succeeded', message: 'ok' }]);
  });

  it('keeps lastTransitionTime while status, reason and message are unchanged', () => {
    const first = setCondition([], { type: READY, status: 'True', reason: 'Succeeded', message: 'ok' }, t0);
    const again = setCondition(first, { type: READY, status: 'True', reason: 'Succeeded', message: 'ok' }, t1);
    expect(again[0]!.lastTransitionTime).toBe('2024-05-01T10:00:00Z');
  });

  it('moves lastTransitionTime when the status changes', () => {
    const first = setCondition([], { type: READY, status: 'True', reason: 'Succeeded', message: 'ok' }, t0);
    const next = setCondition(first, { type: READY, status: 'False', reason: 'Succeeded', message: 'ok' }, t1);
    expect(next[0]!.lastTransitionTime).toBe('2024-05-01T10:05:00Z');
  });

  it('moves lastTransitionTime when only the reason or the message changes, as fluxcd/pkg does', () => {
    const first = setCondition([], { type: READY, status: 'False', reason: 'Failed', message: 'a' }, t0);
    expect(setCondition(first, { type: READY, status: 'False', reason: 'Other', message: 'a' }, t1)[0]!.lastTransitionTime).toBe(conditionTime(t1));
    expect(setCondition(first, { type: READY, status: 'False', reason: 'Failed', message: 'b' }, t1)[0]!.lastTransitionTime).toBe(conditionTime(t1));
  });

  it('updates observedGeneration alone without moving lastTransitionTime', () => {
    const first = setCondition([], { type: READY, status: 'True', observedGeneration: 1, reason: 'Succeeded', message: 'ok' }, t0);
    const next = setCondition(first, { type: READY, status: 'True', observedGeneration: 2, reason: 'Succeeded', message: 'ok' }, t1);
    expect(next[0]).toMatchObject({ observedGeneration: 2, lastTransitionTime: '2024-05-01T10:00:00Z' });
  });

  it('never writes observedGeneration 0 (omitempty)', () => {
    expect(setCondition([], { type: READY, status: 'True', observedGeneration: 0, reason: 'R', message: '' }, t0)[0]).not.toHaveProperty('observedGeneration');
  });

  it('does not mutate its input', () => {
    const input: Condition[] = [{ type: 'B', status: 'True', lastTransitionTime: 'x', reason: 'R', message: '' }];
    setCondition(input, { type: 'A', status: 'True', reason: 'R', message: '' }, t0);
    expect(input.map((c) => c.type)).toEqual(['B']);
  });

  it('sorts Stalled, Reconciling, Ready first, then by highest observedGeneration, then by type', () => {
    let list: Condition[] = [];
    const add = (type: string, observedGeneration?: number) => {
      list = setCondition(list, { type, status: 'True', reason: 'R', message: '', observedGeneration }, t0);
    };
    add('ArtifactInStorage', 1);
    add(READY, 1);
    add('Zeta', 3);
    add(RECONCILING, 1);
    add('Alpha', 1);
    add(STALLED, 1);
    add('Beta', 3);
    expect(list.map((c) => c.type)).toEqual([STALLED, RECONCILING, READY, 'Beta', 'Zeta', 'Alpha', 'ArtifactInStorage']);
  });
});

describe('Reconciling and Stalled', () => {
  it('markReconciling removes Stalled and markStalled removes Reconciling', () => {
    const stalled = markStalled([], { reason: 'InvalidURL', message: 'bad url' }, t0);
    const reconciling = markReconciling(stalled, { reason: 'Progressing', message: 'new generation 1 -> 2' }, t1);
    expect(reconciling.map((c) => `${c.type}=${c.status}`)).toEqual(['Reconciling=True']);
    const again = markStalled(reconciling, { reason: 'InvalidURL', message: 'bad url' }, t1);
    expect(again.map((c) => `${c.type}=${c.status}`)).toEqual(['Stalled=True']);
  });

  it('reads stalled and reconciling only while the other is not True', () => {
    const both: Condition[] = [
      { type: STALLED, status: 'True', lastTransitionTime: '', reason: 'R', message: '' },
      { type: RECONCILING, status: 'True', lastTransitionTime: '', reason: 'R', message: '' },
    ];
    expect(isStalled(both)).toBe(false);
    expect(isReconciling(both)).toBe(false);
    expect(isStalled(both.slice(0, 1))).toBe(true);
    expect(isReconciling(both.slice(1))).toBe(true);
  });

  it('isReady needs Ready=True and neither Reconciling nor Stalled', () => {
    const ready = markReady([], { reason: 'Succeeded', message: 'stored artifact' }, t0);
    expect(isReady(ready)).toBe(true);
    expect(isReady(markReconciling(ready, { reason: 'Progressing', message: '' }, t0))).toBe(false);
    expect(isReady(markFalse(ready, { type: READY, reason: 'Failed', message: '' }, t0))).toBe(false);
  });
});

describe('getters', () => {
  it('finds, removes and treats a missing condition as Unknown', () => {
    const list = markTrue([], { type: 'A', reason: 'R', message: 'm' }, t0);
    expect(findCondition(list, 'A')?.message).toBe('m');
    expect(removeCondition(list, 'A')).toEqual([]);
    expect(isUnknown(list, 'missing')).toBe(true);
    expect(isUnknown(list, 'A')).toBe(false);
  });
});
