import { describe, expect, it } from 'vitest';
import { applySchemaDefaults, validateSchema, type JSONSchemaProps } from './openapi.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 5 },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
        count: { type: 'integer', minimum: 0 },
        when: { type: 'string', format: 'date-time' },
        nested: { type: 'object', default: {}, properties: { leaf: { type: 'string', default: 'x' } } },
        items: { type: 'array', items: { type: 'object', properties: { on: { type: 'boolean', default: false } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
      'x-kubernetes-validations': [{ rule: 'self.count < 10', message: 'count must stay below 10' }],
    },
  },
};

describe('applySchemaDefaults', () => {
  it('fills missing fields top-down, recursing into a default it just set', () => {
    const out = applySchemaDefaults(schema, { spec: { name: 'n', items: [{}, { on: true }] } });
    expect(out).toEqual({ spec: { name: 'n', mode: 'a', nested: { leaf: 'x' }, items: [{ on: false }, { on: true }] } });
  });

  it('replaces a null in a non-nullable field and leaves the input untouched', () => {
    const input = { spec: { name: 'n', mode: null } };
    expect(applySchemaDefaults(schema, input).spec.mode).toBe('a');
    expect(input.spec.mode).toBeNull();
  });
});

describe('validateSchema', () => {
  const check = (spec: unknown) => validateSchema(schema, { spec }, { rules: { 'self.count < 10': (self) => Number(self.count ?? 0) < 10 } });

  it('accepts a valid object', () => {
    expect(check({ name: 'ok', mode: 'b', count: 3, when: '2024-01-02T03:04:05Z', labels: { a: 'b' } })).toEqual([]);
  });

  it('reports problems with the field path and the API server\'s wording', () => {
    expect(check({ mode: 'c', count: -1, when: 'yesterday', labels: { a: 1 } })).toEqual([
      'spec.name: Required value',
      'spec.mode: Unsupported value: "c": supported values: "a", "b"',
      'spec.count: Invalid value: -1: spec.count in body should be greater than or equal to 0',
      'spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
      'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"',
    ]);
  });

  it('checks string lengths', () => {
    expect(check({ name: '' })).toEqual(['spec.name: Invalid value: "": spec.name in body should be at least 1 chars long']);
    expect(check({ name: 'toolong' })).toEqual(['spec.name: Too long: may not be more than 5 bytes']);
  });

  it('runs the CEL rules it is given and skips the others', () => {
    expect(check({ name: 'n', count: 12 })).toEqual(['spec: Invalid value: "object": count must stay below 10']);
    expect(validateSchema(schema, { spec: { name: 'n', count: 12 } })).toEqual([]);
  });

  it('ignores unknown fields, even ones named like Object.prototype members', () => {
    expect(check(JSON.parse('{"name":"n","constructor":"x","__proto__":{"a":1},"toString":3}'))).toEqual([]);
  });

  it('reports a wrong type once, without descending', () => {
    expect(validateSchema(schema, { spec: 'x' })).toEqual(['spec: Invalid value: "string": spec in body must be of type object: "string"']);
  });
});
