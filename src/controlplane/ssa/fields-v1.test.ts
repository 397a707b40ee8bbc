import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldSetFromPaths, listPaths, setsEqual, type FieldSet } from './field-set.js';
import { FieldsV1Error, fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { fieldElement, indexElement, keyElement, pathToString, valueElement, type FieldPath, type PathElement } from './path.js';

const roundTrip = (text: string): string => JSON.stringify(toFieldsV1(fromFieldsV1(JSON.parse(text))));

describe('FieldsV1', () => {
  // Golden data of structured-merge-diff's fieldpath/serialize_test.go (TestSerializeV1GoldenData).
  it('round-trips the upstream flat golden example byte for byte', () => {
    const golden = String.raw`{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\"name\":\"first\"}":{},"k:{\"name\":\"second\"}":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\"aa\"":{},"v:\"ab\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}`;
    expect(roundTrip(golden)).toBe(golden);
  });

  it('round-trips the upstream nested golden example byte for byte', () => {
    const golden = String.raw`{"f:aaa":{"k:{\"name\":\"second\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\"port\":443,\"protocol\":\"udp\"}":{"k:{\"port\":443,\"protocol\":\"tcp\"}":{}}},"k:{\"name\":\"first\"}":{}},"f:aac":{"f:aaa":{"v:1":{}},"f:aac":{},"v:3":{"k:{\"name\":\"second\"}":{}}},"f:aad":{"f:aac":{"v:1":{}},"f:aaf":{"k:{\"name\":\"first\"}":{"k:{\"name\":\"first\"}":{}}},"i:1":{"i:1":{},"i:3":{"v:true":{}}}},"f:aae":{"f:aae":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"k:{\"port\":443,\"protocol\":\"udp\"}":{}},"i:4":{"f:aaf":{}}},"f:aaf":{"i:1":{"f:aac":{}},"i:2":{},"i:3":{}},"k:{\"name\":\"first\"}":{"f:aad":{"f:aaf":{}}},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"f:aaa":{"f:aad":{}}},"k:{\"port\":443,\"protocol\":\"udp\"}":{"f:aac":{},"k:{\"name\":\"first\"}":{"i:3":{}},"k:{\"port\":443,\"protocol\":\"udp\"}":{"i:4":{}}},"v:1":{"f:aac":{"i:4":{}},"f:aaf":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{}},"v:2":{"f:aad":{"f:aaf":{}},"i:1":{}},"v:3":{"f:aaa":{},"k:{\"name\":\"first\"}":{},"i:2":{}},"v:\"aa\"":{"f:aab":{"f:aaf":{}},"f:aae":{},"k:{\"name\":\"first\"}":{"f:aad":{}},"i:2":{}},"v:\"ab\"":{"f:aaf":{"i:4":{}},"k:{\"port\":443,\"protocol\":\"tcp\"}":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:1":{"k:{\"port\":443,\"protocol\":\"udp\"}":{}},"i:1":{"f:aae":{"i:4":{}}}},"v:true":{"k:{\"name\":\"second\"}":{"f:aaa":{}},"i:2":{"k:{\"port\":443,\"protocol\":\"tcp\"}":{}}},"i:1":{"i:3":{"f:aaf":{}}},"i:2":{"f:aae":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"v:1":{}}},"i:3":{"f:aab":{"v:true":{"v:\"aa\"":{}}},"f:aaf":{},"i:1":{}},"i:4":{"v:\"aa\"":{"f:aab":{"k:{\"name\":\"second\"}":{}}}}}`;
    expect(roundTrip(golden)).toBe(golden);
  });

  it('drops keys of unknown element kinds, as upstream TestDropUnknown expects', () => {
    expect(roundTrip('{"f:aaa":{},"r:aab":{}}')).toBe('{"f:aaa":{}}');
  });

  it('writes "." first for a node that is itself a member and has children', () => {
    const set = fieldSetFromPaths([[fieldElement('data')], [fieldElement('data'), fieldElement('key1')]]);
    expect(JSON.stringify(toFieldsV1(set))).toBe('{"f:data":{".":{},"f:key1":{}}}');
  });

  it('reads a container item with "." and its fields', () => {
    const text = String.raw`{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}`;
    const set = fromFieldsV1(JSON.parse(text));
    expect(listPaths(set).map(pathToString)).toEqual([
      '.spec.containers[name="nginx"]',
      '.spec.containers[name="nginx"].image',
      '.spec.containers[name="nginx"].name',
    ]);
    expect(roundTrip(text)).toBe(text);
  });

  it('writes list-map keys sorted by field name, whatever order they were read in', () => {
    const text = String.raw`{"k:{\"protocol\":\"TCP\",\"containerPort\":80}":{}}`;
    expect(roundTrip(text)).toBe(String.raw`{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}`);
  });

  it('treats null like {} (a member)', () => {
    expect(listPaths(fromFieldsV1({ 'f:a': null })).map(pathToString)).toEqual(['.a']);
  });

  it.each([
    ['a key shorter than two characters', { x: {} }],
    ['a key without a colon after its kind', { 'fa': {} }],
    ['a list-map key that is not a JSON object', { 'k:[1]': {} }],
    ['a set value that is not JSON', { 'v:{bad': {} }],
    ['an index that is not an integer', { 'i:one': {} }],
    ['a child that is not an object', { 'f:a': 'x' }],
  ])('rejects %s', (_what, value) => {
    expect(() => fromFieldsV1(value)).toThrow(FieldsV1Error);
  });
});

const scalarArb = fc.oneof(fc.string({ maxLength: 6, unit: 'binary' }), fc.integer({ min: -1000, max: 1000 }), fc.boolean());
const elementArb: fc.Arbitrary<PathElement> = fc.oneof(
  fc.string({ maxLength: 8, unit: 'binary' }).map(fieldElement),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), scalarArb, { minKeys: 1, maxKeys: 3 }).map((d) => keyElement(d)),
  scalarArb.map(valueElement),
  fc.nat(20).map(indexElement),
);
const setArb: fc.Arbitrary<FieldSet> = fc
  .array(fc.array(elementArb, { minLength: 1, maxLength: 4 }), { maxLength: 25 })
  .map((paths: FieldPath[]) => fieldSetFromPaths(paths));

describe('FieldsV1 property', () => {
  it('survives serialization to JSON text and back, and re-serializes identically', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const text = JSON.stringify(toFieldsV1(set));
        const back = fromFieldsV1(JSON.parse(text));
        expect(setsEqual(back, set)).toBe(true);
        expect(JSON.stringify(toFieldsV1(back))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
