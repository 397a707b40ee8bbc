import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './json-schema-props.js';
import { pruneUnknownFields } from './structural-pruning.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { typed: { type: 'object', properties: { a: { type: 'string' } } } } },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
      },
    },
  },
};

describe('pruneUnknownFields', () => {
  it('drops undeclared fields at every depth and reports their paths, sorted', () => {
    const value = { apiVersion: 'v1', kind: 'K', metadata: { name: 'x', custom: 1 }, extra: true, spec: { size: 1, colour: 'red', items: [{ name: 'a', age: 3 }], labels: { any: 'thing' } } };
    expect(pruneUnknownFields(schema, value, { resourceRoot: true })).toEqual(['extra', 'spec.colour', 'spec.items[0].age']);
    // metadata is the API server's, whatever the schema says of it.
    expect(value).toEqual({ apiVersion: 'v1', kind: 'K', metadata: { name: 'x', custom: 1 }, spec: { size: 1, items: [{ name: 'a' }], labels: { any: 'thing' } } });
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields but still prunes declared children', () => {
    const value = { spec: { free: { anything: { goes: 1 }, typed: { a: 'x', b: 'y' } } } };
    expect(pruneUnknownFields(schema, value, { resourceRoot: true })).toEqual(['spec.free.typed.b']);
    expect(value).toEqual({ spec: { free: { anything: { goes: 1 }, typed: { a: 'x' } } } });
  });

  it('keeps apiVersion, kind and metadata of an embedded resource', () => {
    const value = { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 }, status: {} } } };
    expect(pruneUnknownFields(schema, value, { resourceRoot: true })).toEqual(['spec.template.spec.x', 'spec.template.status']);
    expect(value.spec.template).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} });
  });

  it('outside a resource root drops apiVersion, kind and metadata too (unreported at the top, as upstream)', () => {
    const status = { kind: 'x', phase: 'Ready', extra: 1 };
    expect(pruneUnknownFields({ type: 'object', properties: { phase: { type: 'string' } } }, status)).toEqual(['extra']);
    expect(status).toEqual({ phase: 'Ready' });
  });
});
