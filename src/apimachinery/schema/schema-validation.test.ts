import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './json-schema-props.js';
import { schemaFieldErrors, validateSchema } from './schema-validation.js';

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

  it('reports a null in a non-nullable field as a type error and accepts it in a nullable one', () => {
    expect(validateSchema(schema, { spec: { name: null } })).toEqual(['spec.name: Invalid value: "null": spec.name in body must be of type string: "null"']);
    expect(validateSchema({ type: 'object', properties: { a: { type: 'string', nullable: true } } }, { a: null })).toEqual([]);
  });

  it('checks bounds and item counts, and quotes non-string enum values as field.NotSupported does', () => {
    const bounded: JSONSchemaProps = {
      type: 'object',
      properties: {
        replicas: { type: 'integer', maximum: 3 },
        ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
        hosts: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
        level: { type: 'integer', enum: [1, 2] },
        port: { 'x-kubernetes-int-or-string': true },
      },
    };
    expect(validateSchema(bounded, { replicas: 4, ratio: 0, hosts: ['a', 'b', 'c'], level: 3, port: 'http' })).toEqual([
      'replicas: Invalid value: 4: replicas in body should be less than or equal to 3',
      'ratio: Invalid value: 0: ratio in body should be greater than 0',
      'hosts: Too many: 3: must have at most 2 items',
      'level: Unsupported value: 3: supported values: "1", "2"',
    ]);
    expect(validateSchema(bounded, { hosts: [], port: true })).toEqual([
      'hosts: Invalid value: 0: hosts in body should have at least 1 items',
      'port: Invalid value: "boolean": port in body must be of type integer,string: "boolean"',
    ]);
  });

  it('prints bad strings as Go quotes them', () => {
    expect(validateSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^a$' } } }, { s: 'tab\there\u0001' }))
      .toEqual(['s: Invalid value: "tab\\there\\x01": s in body should match \'^a$\'']);
  });
});

describe('schemaFieldErrors', () => {
  it('gives each error its field.ErrorType, field and body', () => {
    expect(schemaFieldErrors(schema, { spec: { mode: 'c', name: 'toolong', items: {} } })).toEqual([
      { type: 'FieldValueNotSupported', field: 'spec.mode', message: 'Unsupported value: "c": supported values: "a", "b"' },
      { type: 'FieldValueTooLong', field: 'spec.name', message: 'Too long: may not be more than 5 bytes' },
      { type: 'FieldValueTypeInvalid', field: 'spec.items', message: 'Invalid value: "object": spec.items in body must be of type array: "object"' },
    ]);
    expect(schemaFieldErrors(schema, { spec: {} })).toEqual([{ type: 'FieldValueRequired', field: 'spec.name', message: 'Required value' }]);
  });

  it('starts paths where it is told to (a status validated alone)', () => {
    expect(schemaFieldErrors({ type: 'object', properties: { phase: { type: 'string' } } }, { phase: 1 }, { path: 'status' })).toEqual([
      { type: 'FieldValueTypeInvalid', field: 'status.phase', message: 'Invalid value: "integer": status.phase in body must be of type string: "integer"' },
    ]);
  });

  it('ratchets on update: values equal to the old ones are not reported, changed ones are', () => {
    const old = { spec: { name: 'toolong', count: -1, items: [] } };
    expect(schemaFieldErrors(schema, { spec: { name: 'toolong', count: -1, mode: 'c' } }, { old })).toEqual([
      { type: 'FieldValueNotSupported', field: 'spec.mode', message: 'Unsupported value: "c": supported values: "a", "b"' },
    ]);
    expect(schemaFieldErrors(schema, { spec: { name: 'toolong', count: -2 } }, { old })).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.count', message: 'Invalid value: -2: spec.count in body should be greater than or equal to 0' },
    ]);
  });

  it('follows map-list items by key when ratcheting, and not items of atomic lists', () => {
    const listSchema: JSONSchemaProps = {
      type: 'object',
      properties: {
        keyed: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' }, v: { type: 'integer', minimum: 0 } } } },
        plain: { type: 'array', items: { type: 'integer', minimum: 0 } },
      },
    };
    const old = { keyed: [{ name: 'a', v: -1 }], plain: [-1] };
    expect(validateSchema(listSchema, { keyed: [{ name: 'b', v: 0 }, { name: 'a', v: -1 }], plain: [-1, 0] }, { old })).toEqual([
      'plain[0]: Invalid value: -1: plain[0] in body should be greater than or equal to 0',
    ]);
  });
});
