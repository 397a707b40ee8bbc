import { describe, expect, it } from 'vitest';
import { matchesSelector } from './index.js';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-web', namespace: 'prod', labels: { app: 'web' } } };

describe('patch target selectors', () => {
  it('anchors name and namespace regular expressions at both ends', () => {
    expect(matchesSelector(deployment, { name: 'prod-.*' })).toBe(true);
    expect(matchesSelector(deployment, { name: 'web' })).toBe(false);
    expect(matchesSelector(deployment, { namespace: 'pro' })).toBe(false);
  });

  it('also matches the names and namespaces a resource had before prefixes and namespace changes', () => {
    const previous = { names: ['web'], namespaces: [''] };
    expect(matchesSelector(deployment, { name: 'web' }, previous)).toBe(true);
    expect(matchesSelector(deployment, { namespace: 'default' }, previous)).toBe(true);
  });

  it('requires group, version and kind to be equal when given', () => {
    expect(matchesSelector(deployment, { group: 'apps', version: 'v1', kind: 'Deployment' })).toBe(true);
    expect(matchesSelector(deployment, { group: '', kind: 'Deployment' })).toBe(true);
    expect(matchesSelector(deployment, { version: 'v1beta1' })).toBe(false);
    expect(matchesSelector(deployment, { kind: 'Deploy' })).toBe(false);
  });

  it('puts cluster-scoped kinds in no namespace, not even default', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } };
    expect(matchesSelector(ns, { namespace: 'default' })).toBe(false);
    expect(matchesSelector(ns, { name: 'prod' })).toBe(true);
  });

  it('fails on a label selector that does not parse', () => {
    expect(() => matchesSelector(deployment, { labelSelector: 'a b' })).toThrow(/labelSelector "a b"/);
  });
});
