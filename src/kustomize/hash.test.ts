import { describe, expect, it } from 'vitest';
import { nameHash } from './hash.js';

// Expected suffixes checked with `kubectl kustomize` (kustomize v5.5.0).
describe('nameHash', () => {
  it('hashes an empty generated ConfigMap as kustomize does', () => {
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: 'empty' } })).toBe('6ct58987ht');
  });
  it('ignores the name, so prefixes do not change the suffix', () => {
    const data = { a: '1', b: 'x y' };
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: 'lit' }, data })).toBe('8h58kkhgh4');
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: 'p-lit' }, data })).toBe('8h58kkhgh4');
  });
  it('includes the type of Secrets', () => {
    expect(nameHash({ kind: 'Secret', metadata: { name: 's' }, data: { a: 'MQ==' }, type: 'Opaque' })).toBe('25khgmg44c');
  });
  it('matches a literal generator', () => {
    expect(nameHash({ kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } })).toBe('4h2mbtbbt6');
  });
});
