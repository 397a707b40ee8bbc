import { describe, expect, it } from 'vitest';
import { GitError } from './errors.js';
import { parseTagVersion, selectSemverTag } from './semver-tags.js';

describe('parseTagVersion', () => {
  it('accepts what Masterminds NewVersion accepts', () => {
    expect(parseTagVersion('v1.2.3')?.version).toBe('1.2.3');
    expect(parseTagVersion('1.2')?.version).toBe('1.2.0');
    expect(parseTagVersion('v2')?.version).toBe('2.0.0');
    expect(parseTagVersion('1.0.0-rc.1+build.5')?.version).toBe('1.0.0-rc.1');
  });

  it('skips tags that are not versions', () => {
    for (const tag of ['latest', 'release-1.0', 'v1.2.3.4', 'vv1', '']) expect(parseTagVersion(tag)).toBeUndefined();
  });
});

describe('selectSemverTag', () => {
  const tags = ['v0.9.0', 'v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', '1.1.5', 'v2.0.0', 'v2.1.0-beta.1', 'latest', 'stable'];

  it('picks the highest tag in the range', () => {
    expect(selectSemverTag(tags, '>=1.0.0 <2.0.0')).toEqual({ tag: '1.1.5', version: '1.1.5' });
    expect(selectSemverTag(tags, '1.x')?.tag).toBe('1.1.5');
    expect(selectSemverTag(tags, '*')?.tag).toBe('v2.0.0');
    expect(selectSemverTag(tags, '~1.0')?.tag).toBe('v1.0.0');
  });

  it('accepts Masterminds comma-separated constraints', () => {
    expect(selectSemverTag(tags, '>= 1.0, < 1.1')?.tag).toBe('v1.0.0');
  });

  it('leaves pre-releases out unless the range names one', () => {
    expect(selectSemverTag(tags, '>=2.0.0')?.tag).toBe('v2.0.0');
    expect(selectSemverTag(tags, '>=1.2.0-0 <1.3.0')).toBeUndefined(); // Masterminds: `<1.3.0` names no pre-release
    expect(selectSemverTag(tags, '>=1.2.0-0')?.tag).toBe('v2.1.0-beta.1');
    expect(selectSemverTag(tags, '^1.2.0-0')?.tag).toBe('v1.2.0-rc.1');
  });

  it('returns nothing when no tag matches, and rejects invalid ranges', () => {
    expect(selectSemverTag(tags, '>=5.0.0')).toBeUndefined();
    expect(() => selectSemverTag(tags, 'not a range!')).toThrow(GitError);
  });
});
