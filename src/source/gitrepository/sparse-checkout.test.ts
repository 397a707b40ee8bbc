import { describe, expect, it } from 'vitest';
import { sparseDirectories, withSparseCheckout } from './sparse-checkout.js';

describe('sparse checkout', () => {
  it('normalises the listed directories', () => {
    expect(sparseDirectories(['./apps/', 'infra//base', '.', ''])).toEqual(['apps', 'infra/base']);
    expect(sparseDirectories(undefined)).toEqual([]);
  });

  it('keeps what is inside a listed directory and the directories leading to it', () => {
    const filter = withSparseCheckout(() => false, ['infra/base']);
    const excluded = (path: string, dir = false) => filter(path, dir);
    expect(excluded('infra', true)).toBe(false);
    expect(excluded('infra/base', true)).toBe(false);
    expect(excluded('infra/base/a.yaml')).toBe(false);
    expect(excluded('infra/other', true)).toBe(true);
    expect(excluded('infra/x.yaml')).toBe(true);
    expect(excluded('README.md')).toBe(true);
    expect(excluded('infrastructure', true)).toBe(true);
  });

  it('still applies the ignore rules inside the kept directories', () => {
    const filter = withSparseCheckout((path) => path.endsWith('.png'), ['apps']);
    expect(filter('apps/logo.png', false)).toBe(true);
    expect(filter('apps/a.yaml', false)).toBe(false);
  });
});
