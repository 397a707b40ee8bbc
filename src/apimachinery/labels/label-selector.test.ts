import { describe, expect, it } from 'vitest';
import { matchesRequirements, parseLabelSelector } from './label-selector.js';

function matches(selector: string, labels: Record<string, string>): boolean {
  const reqs = parseLabelSelector(selector);
  if (typeof reqs === 'string') throw new Error(reqs);
  return matchesRequirements(reqs, labels);
}

describe('label selectors', () => {
  it('matches equality, inequality, set and existence requirements', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(matches('app=web', labels)).toBe(true);
    expect(matches('app==web,tier!=back', labels)).toBe(true);
    expect(matches('app in (api, web), tier notin (back)', labels)).toBe(true);
    expect(matches('app,!legacy', labels)).toBe(true);
    expect(matches('app notin (web)', labels)).toBe(false);
    expect(matches('legacy', labels)).toBe(false);
    expect(matches('', labels)).toBe(true);
  });

  it('treats a missing label as unequal to anything', () => {
    expect(matches('env!=prod', {})).toBe(true);
    expect(matches('env notin (prod)', {})).toBe(true);
    expect(matches('env in (prod)', {})).toBe(false);
  });

  it('reports what does not parse', () => {
    expect(parseLabelSelector('a b c')).toMatch(/unable to parse requirement/);
  });
});
