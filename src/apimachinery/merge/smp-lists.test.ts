// How strategic merge patch orders and merges lists (the rules of
// k8s.io/apimachinery/pkg/util/strategicpatch, which kubectl users see in their objects).
import { describe, expect, it } from 'vitest';
import { builtinSchemaFor } from '../schema/index.js';
import { applyStrategicMergePatch, StrategicMergePatchError } from './index.js';

const podSchema = builtinSchemaFor({ group: '', version: 'v1', kind: 'Pod' });
const names = (list: unknown): unknown => (list as { name: string }[]).map((item) => item.name);

function podSpec(patch: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'a' }, { name: 'b' }] }): Record<string, unknown> {
  return applyStrategicMergePatch({ spec }, { spec: patch }, podSchema).spec as Record<string, unknown>;
}

describe('strategic merge patch list order', () => {
  it('puts new items before the items only the server has', () => {
    expect(names(podSpec({ containers: [{ name: 'c' }] }).containers)).toEqual(['c', 'a', 'b']);
  });

  it('keeps server items before patched items that follow them in the live list', () => {
    expect(names(podSpec({ containers: [{ name: 'b', image: 'x' }] }).containers)).toEqual(['a', 'b']);
  });

  it('follows $setElementOrder over both the patch and the live order', () => {
    const spec = podSpec({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'c' }, { name: 'a' }], containers: [{ name: 'c' }] });
    expect(names(spec.containers)).toEqual(['b', 'c', 'a']);
  });

  it('orders scalar sets the same way', () => {
    const meta = applyStrategicMergePatch({ metadata: { finalizers: ['a', 'b'] } }, { metadata: { finalizers: ['c'] } }, podSchema).metadata;
    expect(meta).toEqual({ finalizers: ['c', 'a', 'b'] });
  });
});

describe('strategic merge patch list merging', () => {
  it('merges the lists of new fields (ephemeralContainers, schedulingGates) by name', () => {
    const spec = podSpec({ schedulingGates: [{ name: 'g2' }], ephemeralContainers: [{ name: 'dbg', env: [{ name: 'X', value: '2' }] }] }, {
      schedulingGates: [{ name: 'g1' }],
      ephemeralContainers: [{ name: 'dbg', image: 'busybox', env: [{ name: 'X', value: '1' }] }],
    });
    expect(names(spec.schedulingGates)).toEqual(['g2', 'g1']);
    expect(spec.ephemeralContainers).toEqual([{ name: 'dbg', image: 'busybox', env: [{ name: 'X', value: '2' }] }]);
  });

  it('replaces lists that have no merge strategy (tolerations, args)', () => {
    const spec = podSpec({ tolerations: [{ key: 'b' }], containers: [{ name: 'a', args: ['--new'] }] }, {
      tolerations: [{ key: 'a' }],
      containers: [{ name: 'a', args: ['--old', '--x'] }],
    });
    expect(spec).toEqual({ tolerations: [{ key: 'b' }], containers: [{ name: 'a', args: ['--new'] }] });
  });

  it('merges unknown fields as JSON merge patch does: objects recursively, lists replaced', () => {
    const spec = podSpec({ futureField: { a: null, list: [3] } }, { containers: [], futureField: { a: 1, b: 2, list: [1, 2] } });
    expect(spec.futureField).toEqual({ b: 2, list: [3] });
  });

  it('replaces a value whose JSON type changed', () => {
    expect(podSpec({ containers: 'oops' }).containers).toBe('oops');
  });

  it('adds and removes scalars in one patch', () => {
    const meta = applyStrategicMergePatch({ metadata: { finalizers: ['a', 'b'] } }, { metadata: { finalizers: ['c'], '$deleteFromPrimitiveList/finalizers': ['a'] } }, podSchema).metadata;
    expect(meta).toEqual({ finalizers: ['c', 'b'] });
  });

  it('empties a map with $patch: delete', () => {
    expect(podSpec({ securityContext: { $patch: 'delete' } }, { securityContext: { runAsUser: 1 } })).toEqual({ securityContext: {} });
  });

  it('refuses $patch: merge inside a list', () => {
    expect(() => podSpec({ containers: [{ $patch: 'merge' }] })).toThrow(new StrategicMergePatchError('bad-patch-type', 'merging lists cannot yet be specified in the patch'));
  });

  it('refuses $retainKeys that is not a list', () => {
    expect(() => podSpec({ $retainKeys: 'containers' })).toThrow('invalid patch format of retainKeys');
  });

  it('refuses a malformed directive key', () => {
    expect(() => podSpec({ $setElementOrder: [] })).toThrow('invalid patch format of setElementOrder list');
  });
});
