// RFC 7386 merge patch, as kubectl label/annotate/patch --type merge send it.
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './index.js';

describe('applyMergePatch', () => {
  const cm = { metadata: { name: 'foo', labels: { app: 'demo', env: 'dev' } }, data: { a: '1', list: ['x', 'y'] } };

  it('adds and overwrites keys, leaving the rest alone (kubectl label)', () => {
    expect(applyMergePatch(cm, { metadata: { labels: { env: 'prod', tier: 'web' } } })).toEqual({
      metadata: { name: 'foo', labels: { app: 'demo', env: 'prod', tier: 'web' } },
      data: { a: '1', list: ['x', 'y'] },
    });
  });

  it('deletes a key set to null (kubectl label env-)', () => {
    expect(applyMergePatch(cm, { metadata: { labels: { env: null } } })).toMatchObject({ metadata: { labels: { app: 'demo' } } });
  });

  it('replaces arrays whole', () => {
    expect(applyMergePatch(cm, { data: { list: ['z'] } })).toMatchObject({ data: { list: ['z'] } });
  });

  it('drops nulls nested in a value the target did not have', () => {
    expect(applyMergePatch({}, { spec: { a: 1, b: null } })).toEqual({ spec: { a: 1 } });
  });

  it('replaces the target when the patch is not an object (RFC 7386 section 2)', () => {
    expect(applyMergePatch(cm, ['a'])).toEqual(['a']);
    expect(applyMergePatch(cm, null)).toBeNull();
    expect(applyMergePatch('scalar', { a: 1 })).toEqual({ a: 1 });
  });

  it('passes the RFC 7386 appendix A examples', () => {
    const cases: [unknown, unknown, unknown][] = [
      [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
      [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
      [{ a: 'b' }, { a: null }, {}],
      [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
      [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
      [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
      [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
      [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
      [['a', 'b'], ['c', 'd'], ['c', 'd']],
      [{ a: 'b' }, ['c'], ['c']],
      [{ e: null }, { a: 1 }, { e: null, a: 1 }],
      [[1, 2], { a: 'b', c: null }, { a: 'b' }],
      [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    ];
    for (const [target, patch, result] of cases) expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('keeps a __proto__ key as data instead of changing prototypes', () => {
    const result = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect((result as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('leaves its inputs untouched', () => {
    const before = JSON.stringify(cm);
    applyMergePatch(cm, { metadata: { labels: { app: null } }, data: { a: '2' } });
    expect(JSON.stringify(cm)).toBe(before);
  });
});
