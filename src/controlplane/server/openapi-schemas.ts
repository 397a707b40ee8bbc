// OpenAPI v3 schemas of the built-in kinds, written from the structural schema: every field
// under its real name and type, structs as named components (`metadata <ObjectMeta>`,
// `spec <DeploymentSpec>` in `kubectl explain`), scalars with their JSON type, IntOrString and
// Quantity by name as upstream. The generated table has no descriptions, so neither do these.
import { builtinTypeName, type ScalarFormat, type SchemaType, type StructType } from '../../apimachinery/index.js';

/** components.schemas of one document, filled as schemas are written. */
export type SchemaComponents = Record<string, Record<string, unknown>>;

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** Named scalars: no `type`, so that kubectl shows their name instead of a JSON type. */
const NAMED_SCALARS: Partial<Record<ScalarFormat, [string, Record<string, unknown>]>> = {
  'int-or-string': [INT_OR_STRING, { format: 'int-or-string', 'x-kubernetes-int-or-string': true, oneOf: [{ type: 'integer' }, { type: 'string' }] }],
  quantity: [QUANTITY, { oneOf: [{ type: 'string' }, { type: 'number' }] }],
};

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function scalarSchema(format: ScalarFormat | undefined, components: SchemaComponents): Record<string, unknown> {
  const named = format === undefined ? undefined : NAMED_SCALARS[format];
  if (named) {
    components[named[0]] ??= named[1];
    return refTo(named[0]);
  }
  // A scalar of unknown JSON type (the table has none today) is written as a string: an empty
  // schema would break `kubectl explain` ("expected schema argument to subtemplate 'typeguess'").
  return { type: format ?? 'string' };
}

/** The component of a struct (written once, so cycles end), or the struct inline if it has no name. */
function structSchema(struct: StructType, components: SchemaComponents): Record<string, unknown> {
  const name = builtinTypeName(struct);
  if (name !== undefined && components[name] !== undefined) return refTo(name);
  const schema: Record<string, unknown> = { type: 'object' };
  if (name !== undefined) components[name] = schema;
  const properties: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(struct.fields)) properties[field] = openApiSchemaOf(fieldSchema.type, components);
  schema.properties = properties;
  // No x-kubernetes-map-type: an atomic use of a struct (PersistentVolume claimRef's
  // ObjectReference) shares its component with the granular ones.
  return name === undefined ? schema : refTo(name);
}

/** The OpenAPI schema of a structural type, adding the components it refers to. */
export function openApiSchemaOf(type: SchemaType, components: SchemaComponents): Record<string, unknown> {
  switch (type.kind) {
    case 'scalar':
      return scalarSchema(type.format, components);
    case 'untyped':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'struct':
      return structSchema(type, components);
    case 'map':
      return { type: 'object', additionalProperties: openApiSchemaOf(type.values, components), ...(type.atomic ? { 'x-kubernetes-map-type': 'atomic' } : {}) };
    case 'list': {
      const keys = type.listType === 'map' && type.mapKeys ? { 'x-kubernetes-list-map-keys': type.mapKeys } : {};
      return { type: 'array', items: openApiSchemaOf(type.items, components), 'x-kubernetes-list-type': type.listType, ...keys };
    }
  }
}
