import { describe, expect, it } from 'vitest';
import { splitPath, visitFields } from './field-spec.js';

describe('field specs', () => {
  it('splits paths on unescaped slashes and drops []', () => {
    expect(splitPath('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret')).toEqual(['metadata', 'annotations', 'nginx.ingress.kubernetes.io/auth-secret']);
    expect(splitPath('spec/containers[]/image')).toEqual(['spec', 'containers', 'image']);
  });
  it('walks every element of a list on the way', () => {
    const obj = { kind: 'Pod', spec: { containers: [{ image: 'a' }, { image: 'b' }] } };
    visitFields(obj, [{ path: 'spec/containers/image' }], (v) => `${String(v)}!`);
    expect(obj.spec.containers.map((c) => c.image)).toEqual(['a!', 'b!']);
  });
  it('creates missing fields only when the spec says so, and only for selected kinds', () => {
    const obj: Record<string, unknown> = { apiVersion: 'apps/v1', kind: 'Deployment' };
    visitFields(obj, [{ path: 'spec/selector/matchLabels', kind: 'Deployment', create: true }, { path: 'spec/x', kind: 'Service', create: true }], () => ({ a: 'b' }), 'map');
    expect(obj).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { selector: { matchLabels: { a: 'b' } } } });
  });
});
