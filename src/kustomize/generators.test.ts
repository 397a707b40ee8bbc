import { describe, expect, it } from 'vitest';
import { mergeOptions, parseEnvFile } from './generators.js';

const where = { file: 'kustomization.yaml', field: 'configMapGenerator[0]' };

describe('env files', () => {
  it('skips comments and blank lines and keeps values verbatim', () => {
    expect(parseEnvFile('# c\n\n  A=1\nB="q"\nC=a=b\r\n', where)).toEqual([['A', '1'], ['B', '"q"'], ['C', 'a=b']]);
  });
  it('keeps odd keys verbatim, as kubectl kustomize does', () => {
    expect(parseEnvFile('  Y = two \nexport W=1\n', where)).toEqual([['Y ', ' two '], ['export W', '1']]);
  });
  it('refuses an empty key', () => {
    expect(() => parseEnvFile('=x\n', where)).toThrow(/needs a key/);
  });
});

describe('generator options', () => {
  it('lets a generator override global labels', () => {
    expect(mergeOptions({ labels: { a: '1', b: '1' } }, { labels: { b: '2' } }).labels).toEqual({ a: '1', b: '2' });
  });
});
