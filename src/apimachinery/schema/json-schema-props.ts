// The OpenAPI v3 schema of a CRD version (apiextensions.k8s.io/v1 JSONSchemaProps) as the schema
// engine reads it: defaulting, pruning and validation. A schema from a stored CRD is untrusted
// JSON, so the helpers here read every keyword defensively (a malformed keyword is ignored).

/** An OpenAPI v3 schema node of a CRD (apiextensions.k8s.io/v1 JSONSchemaProps, the subset the engine enforces). */
export interface JSONSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  format?: string;
  properties?: Record<string, JSONSchemaProps>;
  required?: string[];
  items?: JSONSchemaProps;
  additionalProperties?: JSONSchemaProps;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-validations'?: { rule: string; message: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
}

/** TypeScript stand-ins for CEL rules, keyed by the rule text; `self` is the node carrying the rule. */
export type CelRules = Record<string, (self: Record<string, unknown>) => boolean>;

/** A JSON object. */
export type Json = Record<string, unknown>;

/** True for `{...}` values. */
export const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema node, or undefined when the keyword holds something else. */
export function nodeOf(value: unknown): JSONSchemaProps | undefined {
  return isJson(value) ? (value as JSONSchemaProps) : undefined;
}

/** The declared property `name` (own keys only, so that `constructor` is not mistaken for one). */
export function propertyOf(schema: JSONSchemaProps, name: string): JSONSchemaProps | undefined {
  const properties = schema.properties;
  return isJson(properties) && Object.hasOwn(properties, name) ? nodeOf(properties[name]) : undefined;
}

/** The declared properties as [name, schema] pairs. */
export function propertiesOf(schema: JSONSchemaProps): Array<[string, JSONSchemaProps]> {
  const properties = schema.properties;
  if (!isJson(properties)) return [];
  return Object.entries(properties).flatMap(([name, prop]) => (isJson(prop) ? [[name, prop as JSONSchemaProps] as [string, JSONSchemaProps]] : []));
}

/** The schema of a child field: its property, else additionalProperties. */
export function childSchema(schema: JSONSchemaProps, name: string): JSONSchemaProps | undefined {
  return propertyOf(schema, name) ?? nodeOf(schema.additionalProperties);
}

/** The schema of array items. */
export function itemsOf(schema: JSONSchemaProps): JSONSchemaProps | undefined {
  return nodeOf(schema.items);
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined || value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Structural equality of two JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (!isJson(a) || !isJson(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}
