import { describe, expect, it } from 'vitest';
import { compareVersionPriority } from './version-priority.js';

describe('version priority', () => {
  it('orders GA before beta before alpha, newer first, then non-Kubernetes versions alphabetically', () => {
    const versions = ['v1alpha1', 'foo', 'v1beta1', 'v2', 'v1', 'v11alpha2', 'v10beta3', 'bar', 'v12alpha1'];
    expect(versions.sort(compareVersionPriority)).toEqual(['v2', 'v1', 'v10beta3', 'v1beta1', 'v12alpha1', 'v11alpha2', 'v1alpha1', 'bar', 'foo']);
  });
});
