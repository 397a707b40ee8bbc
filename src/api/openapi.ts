// The part of a CRD's OpenAPI v3 schema the API server enforces, applied in process: structural
// defaulting (apiextensions-apiserver structuraldefaulting.Default) and validation of types,
// required fields, enums, patterns, lengths, minimums and date-time formats, with the API
// server's messages. x-kubernetes-validations rules are CEL, which Weir does not interpret: the
// caller passes a function for each rule it knows; other rules are skipped.

/** An OpenAPI v3 schema node of a CRD (apiextensions.k8s.io/v1 JSONSchemaProps, the subset Flux uses). */
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
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-validations'?: { rule: string; message: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** TypeScript stand-ins for CEL rules, keyed by the rule text; `self` is the node carrying the rule. */
export type CelRules = Record<string, (self: Record<string, unknown>) => boolean>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

// The schema of a child field: its property, else additionalProperties (own keys only, so that a
// field named like an Object.prototype member is not mistaken for one).
function childSchema(schema: JSONSchemaProps, name: string): JSONSchemaProps | undefined {
  return schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : schema.additionalProperties;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Fills missing (or non-nullable null) fields with their schema default, top-down, recursing into defaults too. */
export function applySchemaDefaults<T>(schema: JSONSchemaProps, value: T): T {
  const out = clone(value);
  defaultInPlace(schema, out);
  return out;
}

function defaultInPlace(schema: JSONSchemaProps, value: unknown): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) defaultInPlace(schema.items, item);
    return;
  }
  if (!isObject(value)) return;
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!Object.hasOwn(value, name) || (value[name] === null && !prop.nullable)) value[name] = clone(prop.default);
  }
  for (const [name, child] of Object.entries(value)) {
    const prop = childSchema(schema, name);
    if (prop) defaultInPlace(prop, child);
  }
}

// The JSON type of a value in the API server's words.
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: JSONSchemaProps['type'], value: unknown): boolean {
  const actual = typeOf(value);
  return type === undefined || actual === type || (type === 'number' && actual === 'integer');
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const quoted = (v: unknown) => JSON.stringify(v);
const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** Checks a value against a schema as the API server does on create/update; returns `<field path>: <message>` problems. */
export function validateSchema(schema: JSONSchemaProps, value: unknown, options: { path?: string; rules?: CelRules } = {}): string[] {
  const problems: string[] = [];
  walk(schema, value, options.path ?? '', options.rules ?? {}, problems);
  return problems;
}

function walk(schema: JSONSchemaProps, value: unknown, path: string, rules: CelRules, problems: string[]): void {
  if (value === null && schema.nullable) return;
  if (!typeMatches(schema.type, value)) {
    const actual = typeOf(value);
    problems.push(`${path}: Invalid value: "${actual}": ${path} in body must be of type ${schema.type}: "${actual}"`);
    return;
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    problems.push(`${path}: Unsupported value: ${quoted(value)}: supported values: ${schema.enum.map(quoted).join(', ')}`);
  }
  if (typeof value === 'string') checkString(schema, value, path, problems);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    problems.push(`${path}: Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.minimum}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => walk(schema.items!, item, `${path}[${i}]`, rules, problems));
  if (!isObject(value)) return;
  for (const name of schema.required ?? []) if (!Object.hasOwn(value, name)) problems.push(`${join(path, name)}: Required value`);
  for (const [name, child] of Object.entries(value)) {
    const prop = childSchema(schema, name);
    if (prop) walk(prop, child, join(path, name), rules, problems);
  }
  for (const { rule, message } of schema['x-kubernetes-validations'] ?? []) {
    const check = rules[rule];
    if (check && !check(value)) problems.push(`${path}: Invalid value: "object": ${message}`);
  }
}

function checkString(schema: JSONSchemaProps, value: string, path: string, problems: string[]): void {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`${path}: Too long: may not be more than ${schema.maxLength} bytes`);
  if (schema.minLength !== undefined && length < schema.minLength) {
    problems.push(`${path}: Invalid value: ${quoted(value)}: ${path} in body should be at least ${schema.minLength} chars long`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
    problems.push(`${path}: Invalid value: ${quoted(value)}: ${path} in body should match '${schema.pattern}'`);
  }
  if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
    problems.push(`${path}: Invalid value: ${quoted(value)}: ${path} in body must be of type date-time: ${quoted(value)}`);
  }
}
