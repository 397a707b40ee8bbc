import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupField, matchFieldSlots, splitFieldPath } from './field-path.js';

describe('replacement field paths', () => {
  it('keeps bracketed parts whole and drops their brackets unless they select list items', () => {
    expect(splitFieldPath('spec.template.spec.containers.[name=com.foo.app].image')).toEqual(['spec', 'template', 'spec', 'containers', '[name=com.foo.app]', 'image']);
    expect(splitFieldPath('metadata.annotations.[a.b/c]')).toEqual(['metadata', 'annotations', 'a.b/c']);
    expect(splitFieldPath('.metadata.name')).toEqual(['metadata', 'name']);
    expect(splitFieldPath('data.a\\.b')).toEqual(['data', 'a.b']);
  });

  it('splits plain dotted paths into their parts', () => {
    const part = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,8}$/);
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
      expect(splitFieldPath(parts.join('.'))).toEqual(parts);
    }));
  });

  it('matches list items by unanchored regular expression and creates what is missing', () => {
    const obj = { spec: { containers: [{ name: 'app' }, { name: 'app-sidecar' }, { name: 'db' }] } };
    expect(matchFieldSlots(obj, splitFieldPath('spec.containers.[name=app].image'), undefined)).toEqual([]);
    expect(matchFieldSlots(obj, splitFieldPath('spec.containers.[name=app].image'), 'scalar')).toHaveLength(2);
    expect(obj.spec.containers).toEqual([{ name: 'app', image: '' }, { name: 'app-sidecar', image: '' }, { name: 'db' }]);
  });

  it('looks source values up by exact list-item values', () => {
    const obj = { spec: { ports: [{ name: 'http-alt', port: 81 }, { name: 'http', port: 80 }] } };
    expect(lookupField(obj, splitFieldPath('spec.ports.[name=http].port'))).toBe(80);
    expect(lookupField(obj, splitFieldPath('spec.ports.0.port'))).toBe(81);
    expect(lookupField(obj, splitFieldPath('spec.nope'))).toBeUndefined();
  });
});
