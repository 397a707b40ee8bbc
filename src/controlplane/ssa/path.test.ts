import { describe, expect, it } from 'vitest';
import { compareElements, elementKey, fieldElement, indexElement, keyElement, makePath, pathToString, valueElement } from './path.js';
import { goNumber, goQuote } from './value.js';

describe('paths as the server prints them', () => {
  it('prints fields with dots', () => {
    expect(pathToString(makePath('data', 'key1'))).toBe('.data.key1');
    expect(pathToString(makePath('metadata', 'labels', 'app'))).toBe('.metadata.labels.app');
  });

  it('prints a list-map item by its keys, strings quoted as Go quotes them', () => {
    const path = makePath('spec', 'template', 'spec', 'containers', keyElement({ name: 'a' }), 'image');
    expect(pathToString(path)).toBe('.spec.template.spec.containers[name="a"].image');
  });

  it('prints several keys sorted by name, numbers bare', () => {
    expect(pathToString([keyElement({ protocol: 'TCP', containerPort: 80 })])).toBe('[containerPort=80,protocol="TCP"]');
  });

  it('prints set items with "=" and list indexes in brackets', () => {
    expect(pathToString(makePath('metadata', 'finalizers', valueElement('x')))).toBe('.metadata.finalizers[="x"]');
    expect(pathToString(makePath('args', 0))).toBe('.args[0]');
  });

  it('quotes like Go %q and formats numbers like Go %v', () => {
    expect(goQuote('a"b\\c\n\x01é')).toBe('"a\\"b\\\\c\\n\\x01é"');
    expect(goNumber(80)).toBe('80');
    expect(goNumber(1.5)).toBe('1.5');
    expect(goNumber(0.00001)).toBe('1e-05');
  });
});

describe('element order and keys', () => {
  it('orders fields before keys before values before indexes', () => {
    const sorted = [indexElement(0), valueElement('a'), keyElement({ name: 'a' }), fieldElement('z')].sort(compareElements);
    expect(sorted.map(elementKey)).toEqual(['f:z', 'k:{"name":"a"}', 'v:"a"', 'i:0']);
  });

  it('orders set values numbers first, then strings, then booleans', () => {
    const sorted = [valueElement(true), valueElement('aa'), valueElement(3), valueElement(1)].sort(compareElements);
    expect(sorted.map(elementKey)).toEqual(['v:1', 'v:3', 'v:"aa"', 'v:true']);
  });
});
