import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './json-schema-props.js';
import { applySchemaDefaults, defaultInPlace, dropNonNullableNulls } from './structural-defaulting.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 5 },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
        nested: { type: 'object', default: {}, properties: { leaf: { type: 'string', default: 'x' } } },
        items: { type: 'array', items: { type: 'object', properties: { on: { type: 'boolean', default: false } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        maybe: { type: 'string', nullable: true, default: 'm' },
      },
    },
  },
};

describe('applySchemaDefaults', () => {
  it('fills missing fields top-down, recursing into a default it just set', () => {
    const out = applySchemaDefaults(schema, { spec: { name: 'n', items: [{}, { on: true }] } });
    expect(out).toEqual({ spec: { name: 'n', mode: 'a', maybe: 'm', nested: { leaf: 'x' }, items: [{ on: false }, { on: true }] } });
  });

  it('replaces a null in a non-nullable field, keeps it in a nullable one, and leaves the input untouched', () => {
    const input = { spec: { name: 'n', mode: null, maybe: null } };
    const out = applySchemaDefaults(schema, input);
    expect(out.spec.mode).toBe('a');
    expect(out.spec.maybe).toBeNull();
    expect(input.spec.mode).toBeNull();
  });

  it('replaces null list items and map values with the items\' or additionalProperties\' default', () => {
    const withItemDefaults: JSONSchemaProps = {
      type: 'object',
      properties: {
        list: { type: 'array', items: { type: 'object', default: { kind: 'k' }, properties: { kind: { type: 'string' }, n: { type: 'integer', default: 1 } } } },
        map: { type: 'object', additionalProperties: { type: 'string', default: 'v' } },
      },
    };
    expect(applySchemaDefaults(withItemDefaults, { list: [null, { kind: 'x' }], map: { a: null, b: 'b' } })).toEqual({
      list: [{ kind: 'k', n: 1 }, { kind: 'x', n: 1 }], map: { a: 'v', b: 'b' },
    });
  });
});

describe('defaultInPlace', () => {
  it('says whether it set anything', () => {
    const value = { spec: { name: 'n' } };
    expect(defaultInPlace(schema, value)).toBe(true);
    expect(defaultInPlace(schema, value)).toBe(false);
  });
});

describe('dropNonNullableNulls', () => {
  it('removes nulls the schema neither allows nor defaults, and nothing else', () => {
    const value = { spec: { name: null, mode: null, maybe: null, labels: { a: null }, unknown: null } };
    expect(dropNonNullableNulls(schema, value)).toBe(true);
    expect(value).toEqual({ spec: { mode: null, maybe: null, labels: {}, unknown: null } });
  });
});
