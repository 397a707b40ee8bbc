import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from './fs.js';

describe('memoryFileSystem', () => {
  it('has implicit directories', () => {
    const fs = memoryFileSystem({ 'app/base/kustomization.yaml': 'resources: []' });
    expect(fs.isDirectory('/app/base')).toBe(true);
    expect(fs.readDir('/app')).toEqual(['base']);
    expect(fs.readFile('/app/base/kustomization.yaml')).toBe('resources: []');
    expect(fs.exists('/app/missing')).toBe(false);
  });
});
