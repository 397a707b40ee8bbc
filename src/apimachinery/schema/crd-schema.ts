// The structural schema of a custom resource, from its CRD version's openAPIV3Schema, read the
// way the API server's structural-schema conversion reads it: only `properties`, `items`,
// `additionalProperties` and the x-kubernetes-* markers shape merging; validation keywords
// (pattern, enum, allOf, ...) do not.
// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
import { objectMetaSchema, scalarSchema, untypedSchema } from './builtin-schema.js';
import type { FieldSchema, ListSchemaType, MapType, SchemaType, StructType } from './types.js';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

const LIST_TYPES = new Set(['atomic', 'set', 'map']);

function listOf(node: Node): ListSchemaType {
  const items = isNode(node.items) ? convert(node.items) : untypedSchema;
  const declared = node['x-kubernetes-list-type'];
  // CRDs carry no patch strategies, so a list without a marker is atomic.
  const listType = typeof declared === 'string' && LIST_TYPES.has(declared) ? (declared as ListSchemaType['listType']) : 'atomic';
  const mapKeys = stringList(node['x-kubernetes-list-map-keys']);
  return listType === 'map' && mapKeys ? { kind: 'list', items, listType, mapKeys } : { kind: 'list', items, listType };
}

function fieldsOf(properties: Node): Record<string, FieldSchema> {
  const fields: Record<string, FieldSchema> = {};
  for (const [name, child] of Object.entries(properties)) fields[name] = { type: isNode(child) ? convert(child) : untypedSchema };
  return fields;
}

// An embedded object (x-kubernetes-embedded-resource) is typed like a top-level object.
function withObjectFields(fields: Record<string, FieldSchema>): Record<string, FieldSchema> {
  return { ...fields, apiVersion: { type: scalarSchema }, kind: { type: scalarSchema }, metadata: { type: objectMetaSchema() } };
}

function objectOf(node: Node): SchemaType {
  const atomic = node['x-kubernetes-map-type'] === 'atomic';
  if (isNode(node.properties)) {
    let fields = fieldsOf(node.properties);
    if (node['x-kubernetes-embedded-resource'] === true) fields = withObjectFields(fields);
    const others = isNode(node.additionalProperties) ? { otherFields: convert(node.additionalProperties) } : {};
    return { kind: 'struct', fields, ...others, ...(atomic ? { atomic: true } : {}) };
  }
  if (isNode(node.additionalProperties)) {
    const map: MapType = { kind: 'map', values: convert(node.additionalProperties) };
    return atomic ? { ...map, atomic: true } : map;
  }
  if (node['x-kubernetes-embedded-resource'] === true) return { kind: 'struct', fields: withObjectFields({}) };
  // `type: object` with x-kubernetes-preserve-unknown-fields (or nothing at all): any JSON.
  return untypedSchema;
}

function convert(node: Node): SchemaType {
  if (node['x-kubernetes-int-or-string'] === true) return scalarSchema;
  switch (node.type) {
    case 'object':
      return objectOf(node);
    case 'array':
      return listOf(node);
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return scalarSchema;
    default:
      // No type: only preserve-unknown-fields nodes and the root may omit it in a structural schema.
      if (isNode(node.properties) || isNode(node.additionalProperties)) return objectOf(node);
      if (isNode(node.items)) return listOf(node);
      return untypedSchema;
  }
}

/** The schema of a custom resource from `spec.versions[].schema.openAPIV3Schema` (any value; missing → metadata typed, rest untyped). */
export function schemaFromOpenAPIV3(schema: unknown): StructType {
  const root = isNode(schema) ? convert(schema) : untypedSchema;
  const fields = root.kind === 'struct' ? root.fields : {};
  // The API server types metadata, apiVersion and kind itself, whatever the CRD declares.
  const typed: Record<string, FieldSchema> = withObjectFields(fields);
  const otherFields = root.kind === 'struct' ? root.otherFields : root.kind === 'map' ? root.values : undefined;
  return otherFields ? { kind: 'struct', fields: typed, otherFields } : { kind: 'struct', fields: typed };
}
