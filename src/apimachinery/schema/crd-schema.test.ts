// Custom resource schemas from a CRD's openAPIV3Schema.
import { describe, expect, it } from 'vitest';
import { objectMetaSchema, schemaFromOpenAPIV3, type SchemaType } from './index.js';

const widgetSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        port: { 'x-kubernetes-int-or-string': true },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port', 'protocol'],
          items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string' } } },
        },
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        args: { type: 'array', items: { type: 'string' } },
        selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
        ref: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { name: { type: 'string' } } },
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

function specField(name: string): SchemaType | undefined {
  const spec = schemaFromOpenAPIV3(widgetSchema).fields.spec?.type;
  return spec?.kind === 'struct' ? spec.fields[name]?.type : undefined;
}

describe('schemaFromOpenAPIV3', () => {
  it('reads x-kubernetes-list-type map with its map keys', () => {
    expect(specField('ports')).toMatchObject({ kind: 'list', listType: 'map', mapKeys: ['port', 'protocol'], items: { kind: 'struct' } });
  });

  it('reads sets, and makes lists without a marker atomic', () => {
    expect(specField('tags')).toMatchObject({ listType: 'set', items: { kind: 'scalar' } });
    expect(specField('args')).toMatchObject({ listType: 'atomic' });
  });

  it('reads atomic maps and structs, int-or-string scalars and preserved unknown fields', () => {
    expect(specField('selector')).toEqual({ kind: 'map', values: { kind: 'scalar' }, atomic: true });
    expect(specField('ref')).toMatchObject({ kind: 'struct', atomic: true });
    expect(specField('port')).toEqual({ kind: 'scalar' });
    expect(specField('config')).toEqual({ kind: 'untyped' });
  });

  it('types an embedded resource like an object', () => {
    expect(specField('template')).toMatchObject({ kind: 'struct', fields: { metadata: { type: objectMetaSchema() } } });
  });

  it('always types metadata as ObjectMeta and apiVersion/kind as scalars', () => {
    const schema = schemaFromOpenAPIV3(widgetSchema);
    expect(schema.fields.metadata?.type).toBe(objectMetaSchema());
    expect(schema.fields.kind?.type).toEqual({ kind: 'scalar' });
  });

  it('without a schema, types metadata and leaves the rest untyped', () => {
    const schema = schemaFromOpenAPIV3(undefined);
    expect(Object.keys(schema.fields).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(schema.otherFields).toBeUndefined();
  });
});
