import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandVars } from './expand.js';

const vars = new Map<string, unknown>([['NAME', 'db'], ['PORT', 5432], ['ON', true], ['MAP', { a: 1 }]]);
const expand = (s: string) => expandVars(s, vars, () => {});

describe('$(VAR) expansion', () => {
  it('keeps the type of a whole-string reference and renders references inside text', () => {
    expect(expand('$(PORT)')).toBe(5432);
    expect(expand('$(ON)')).toBe(true);
    expect(expand('$(NAME):$(PORT)')).toBe('db:5432');
  });

  it('leaves unknown and non-scalar variables, escapes and unfinished references as written', () => {
    expect(expand('$(NOPE)')).toBe('$(NOPE)');
    expect(expand('$(MAP)')).toBe('$(MAP)');
    expect(expand('$$(NAME)')).toBe('$(NAME)');
    expect(expand('a$b $( $')).toBe('a$b $( $');
  });

  it('reports each substituted variable', () => {
    const used: string[] = [];
    expandVars('$(NAME) $(NOPE) $(PORT)', vars, (n) => used.push(n));
    expect(used).toEqual(['NAME', 'PORT']);
  });

  it('never changes text without a $', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.includes('$')), (s) => {
      expect(expand(s)).toBe(s);
    }));
  });
});
