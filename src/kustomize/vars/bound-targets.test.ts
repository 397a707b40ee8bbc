import { describe, expect, it } from 'vitest';
import { findVarTargets, resolveVars } from './index.js';

const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name } });

describe('vars bound per kustomization', () => {
  it('finds the resource each var names, failing when several match', () => {
    const a = service('a');
    const vars = [{ name: 'A', objref: { apiVersion: 'v1', kind: 'Service', name: 'a' } }];
    expect(findVarTargets([a, service('b')], vars, { file: 'k' })).toEqual([a]);
    expect(findVarTargets([service('b')], vars, { file: 'k' })).toEqual([undefined]);
    expect(() => findVarTargets([a, { ...service('x'), metadata: { name: 'a', namespace: 'n' } }], vars, { file: 'k' })).toThrow(/found 2 resources matching var 'A'/);
  });

  it('reads a var from the resource it was bound to, even when its name now matches several', () => {
    const bound = service('api-service');
    const other = service('web-service');
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: { svc: '$(SVC)' } } };
    const vars = [{ name: 'SVC', objref: { apiVersion: 'v1', kind: 'Service', name: 'service' } }];
    const previous = (r: Record<string, unknown>) => (r === pod ? undefined : { names: ['service'], namespaces: [''] });
    expect(() => resolveVars([bound, other, pod], vars, [], { file: 'k', previous })).toThrow(/unable to disambiguate/);
    resolveVars([bound, other, pod], vars, [], { file: 'k', previous, targetOf: () => bound });
    expect(pod.metadata.annotations.svc).toBe('api-service');
  });
});
