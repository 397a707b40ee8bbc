// Property: whatever the writer prints, the reader reads back as the same value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlStream, stringifyResourceStream } from './index.js';

// Excluded on purpose, because kustomize itself changes them: NEL (U+0085) is re-read as a
// folded line break, LS/PS are breaks for go-yaml's emitter but not for a YAML 1.2 reader,
// and integral floats in [2^53, 2^64) come back as exact integers (bigint), as in kustomize.
const tricky = fc.array(fc.constantFrom(...' :#-?\n\t\r\'"01.e+_xaynT~,[{*&!|>%@`é'.split(''), 'yes', 'null', '0x', '2001-12-14'), { maxLength: 40 })
  .map((parts) => parts.join(''));
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), tricky).filter((s) => !/[\u0085\u2028\u2029]/.test(s));
const key = text.filter((k) => k !== '__proto__');
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true })
    .filter((x) => !(Number.isInteger(x) && Math.abs(x) >= 2 ** 53 && Math.abs(x) < 2 ** 64))
    .map((x) => (Object.is(x, -0) ? 0 : x)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, number, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
}));
const resource = fc.dictionary(key, value, { maxKeys: 8 });

describe('stringify then parse', () => {
  it('reads back every JSON-like resource the writer prints', () => {
    fc.assert(
      fc.property(fc.array(resource, { minLength: 1, maxLength: 3 }), (resources) => {
        const printed = stringifyResourceStream(resources);
        expect(parseYamlStream(printed, 'printed.yaml').map((d) => d.value)).toEqual(resources);
      }),
      { numRuns: 500 },
    );
  });

  it('is stable: printing what was read prints the same text', () => {
    fc.assert(
      fc.property(resource, (r) => {
        const printed = stringifyResourceStream([r]);
        expect(stringifyResourceStream(parseYamlStream(printed, 'p.yaml').map((d) => d.value))).toBe(printed);
      }),
      { numRuns: 300 },
    );
  });
});
