// schema: the structural schema of API objects — for each field, whether it is a scalar, a
// struct, a map or a list, how list items are identified (list type, map keys) and which patch
// strategy and merge key strategic merge patch uses. Built-in kinds come from a generated table
// (builtin-schema.json, see builtin-schema.ts); custom resources from their CRD's openAPIV3Schema.
// It is also the schema engine the API server runs over a CRD's openAPIV3Schema: pruning of
// unknown fields, structural defaulting and validation with the API server's field errors.
// This folder is pure data and lookups: it must never do I/O at run time (beyond loading its own
// JSON), know about HTTP or storage, or import another folder of the control plane.
export type {
  FieldSchema,
  GroupVersionKind,
  ListSchemaType,
  ListType,
  MapType,
  ScalarFormat,
  ScalarType,
  SchemaType,
  StructType,
  UntypedType,
} from './types.js';
export { builtinSchemaFor, builtinSchemaKinds, builtinTypeName, objectMetaSchema, scalarSchema, untypedSchema } from './builtin-schema.js';
export { schemaFromOpenAPIV3 } from './crd-schema.js';
export { type CelRules, type JSONSchemaProps } from './json-schema-props.js';
export { applySchemaDefaults, defaultInPlace, dropNonNullableNulls } from './structural-defaulting.js';
export { pruneUnknownFields } from './structural-pruning.js';
export { schemaFieldErrors, validateSchema, type SchemaValidationOptions } from './schema-validation.js';
export type { FieldError, FieldErrorType } from './field-error.js';
export { builtinSchemaNamed } from './builtin-schema.js';
