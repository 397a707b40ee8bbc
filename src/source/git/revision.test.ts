import { describe, expect, it } from 'vitest';
import { formatRevision, parseRevision, shortMessage } from './revision.js';

const sha = 'a'.repeat(40);

describe('formatRevision', () => {
  it('drops refs/heads/ and refs/tags/ as Flux does', () => {
    expect(formatRevision('refs/heads/main', sha)).toBe(`main@sha1:${sha}`);
    expect(formatRevision('refs/heads/feature/x', sha)).toBe(`feature/x@sha1:${sha}`);
    expect(formatRevision('refs/tags/v1.2.3', sha)).toBe(`v1.2.3@sha1:${sha}`);
  });

  it('keeps any other reference whole', () => {
    expect(formatRevision('refs/pull/1/head', sha)).toBe(`refs/pull/1/head@sha1:${sha}`);
  });

  it('gives only the digest when no reference is known', () => {
    expect(formatRevision(undefined, sha)).toBe(`sha1:${sha}`);
    expect(formatRevision(undefined, 'b'.repeat(64))).toBe(`sha256:${'b'.repeat(64)}`);
  });
});

describe('parseRevision', () => {
  it('reads current, digest-only and pre-2.0 revisions', () => {
    expect(parseRevision(`main@sha1:${sha}`)).toEqual({ ref: 'main', algorithm: 'sha1', sha });
    expect(parseRevision(`refs/pull/1/head@sha1:${sha}`)).toEqual({ ref: 'refs/pull/1/head', algorithm: 'sha1', sha });
    expect(parseRevision(`sha1:${sha}`)).toEqual({ algorithm: 'sha1', sha });
    expect(parseRevision(`main/${sha}`)).toEqual({ ref: 'main', algorithm: 'sha1', sha });
    expect(parseRevision(sha)).toEqual({ algorithm: 'sha1', sha });
    expect(parseRevision('nonsense')).toBeUndefined();
  });
});

describe('shortMessage', () => {
  it('returns the subject, cut at 50 characters', () => {
    expect(shortMessage('fix: things\n\nbody')).toBe('fix: things');
    expect(shortMessage('x'.repeat(60))).toBe(`${'x'.repeat(50)}...`);
  });
});
