// Validation of a value against a CRD's OpenAPI v3 schema as the API server does it on create and
// update (kube-openapi's validator, its errors turned into field errors by apiextensions-apiserver
// pkg/apiserver/validation): types, nullable, required, enums, patterns, lengths, bounds, item
// counts and date-time formats. x-kubernetes-validations rules are CEL, which Weir does not
// interpret: the caller passes a stand-in for each rule it knows; other rules are skipped.
// On update, a value equal to the old one is not reported (validation ratcheting, KEP-4008).
import { goNumber, goQuote, invalid, notSupported, required, tooLong, tooMany, typeInvalid, type FieldError } from './field-error.js';
import { childSchema, isJson, itemsOf, jsonEqual, type CelRules, type JSONSchemaProps } from './json-schema-props.js';

/** What validateSchema needs besides the schema and the value. */
export interface SchemaValidationOptions {
  /** Field path of the value (`status` when only the status is validated); empty at the root. */
  readonly path?: string;
  readonly rules?: CelRules;
  /** The value before an update: whatever is unchanged is not reported (ratcheting). */
  readonly old?: unknown;
}

// No old value to compare with (a create, or a new list item).
const NONE: unique symbol = Symbol('none');
type Old = unknown | typeof NONE;

interface Walk {
  readonly rules: CelRules;
  readonly errors: FieldError[];
}

/** Field errors of `value` against `schema`, in the API server's words. */
export function schemaFieldErrors(schema: JSONSchemaProps, value: unknown, options: SchemaValidationOptions = {}): FieldError[] {
  const walk: Walk = { rules: options.rules ?? {}, errors: [] };
  check(walk, schema, value, 'old' in options ? options.old : NONE, options.path ?? '');
  return walk.errors;
}

/** schemaFieldErrors as `<field path>: <message>` lines. */
export function validateSchema(schema: JSONSchemaProps, value: unknown, options: SchemaValidationOptions = {}): string[] {
  return schemaFieldErrors(schema, value, options).map((e) => `${e.field}: ${e.message}`);
}

// The JSON type of a value in the API server's words.
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schema: JSONSchemaProps, actual: string): boolean {
  if (schema['x-kubernetes-int-or-string'] === true) return actual === 'integer' || actual === 'string';
  const type = schema.type;
  return typeof type !== 'string' || actual === type || (type === 'number' && actual === 'integer');
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function check(walk: Walk, schema: JSONSchemaProps, value: unknown, old: Old, path: string): void {
  if (old !== NONE && jsonEqual(old, value)) return;
  if (value === null && schema.nullable === true) return;
  const actual = typeOf(value);
  if (!typeMatches(schema, actual)) {
    walk.errors.push(typeInvalid(path, actual, `${path} in body must be of type ${schema.type ?? 'integer,string'}: "${actual}"`));
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => jsonEqual(allowed, value))) walk.errors.push(notSupported(path, value, schema.enum));
  if (typeof value === 'string') checkString(walk, schema, value, path);
  if (typeof value === 'number') checkNumber(walk, schema, value, path);
  if (Array.isArray(value)) checkArray(walk, schema, value, old, path);
  if (isJson(value)) checkObject(walk, schema, value, old, path);
}

function checkString(walk: Walk, schema: JSONSchemaProps, value: string, path: string): void {
  const length = [...value].length;
  if (num(schema.maxLength) && length > schema.maxLength) walk.errors.push(tooLong(path, schema.maxLength));
  if (num(schema.minLength) && length < schema.minLength) walk.errors.push(invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
  const pattern = typeof schema.pattern === 'string' ? compiled(schema.pattern) : undefined;
  if (pattern && !pattern.test(value)) walk.errors.push(invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  if (schema.format === 'date-time' && !DATE_TIME.test(value)) walk.errors.push(invalid(path, value, `${path} in body must be of type date-time: ${goQuote(value)}`));
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const patterns = new Map<string, RegExp | null>();

// Patterns are compiled once (as Unicode patterns where they can be); one JavaScript cannot read
// at all (Go's RE2 syntax differs a little) is skipped.
function compiled(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    patterns.set(pattern, regExpOf(pattern, 'u') ?? regExpOf(pattern, ''));
  }
  return patterns.get(pattern) ?? undefined;
}

function regExpOf(pattern: string, flags: string): RegExp | null {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return null;
  }
}

function checkNumber(walk: Walk, schema: JSONSchemaProps, value: number, path: string): void {
  if (num(schema.minimum) && (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)) {
    walk.errors.push(invalid(path, value, `${path} in body should be greater than ${schema.exclusiveMinimum === true ? '' : 'or equal to '}${goNumber(schema.minimum)}`));
  }
  if (num(schema.maximum) && (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)) {
    walk.errors.push(invalid(path, value, `${path} in body should be less than ${schema.exclusiveMaximum === true ? '' : 'or equal to '}${goNumber(schema.maximum)}`));
  }
}

function checkArray(walk: Walk, schema: JSONSchemaProps, value: unknown[], old: Old, path: string): void {
  const items = itemsOf(schema);
  if (items) value.forEach((item, i) => check(walk, items, item, oldItem(schema, item, old), `${path}[${i}]`));
  if (num(schema.minItems) && value.length < schema.minItems) walk.errors.push(invalid(path, value.length, `${path} in body should have at least ${schema.minItems} items`));
  if (num(schema.maxItems) && value.length > schema.maxItems) walk.errors.push(tooMany(path, value.length, schema.maxItems));
}

// Ratcheting follows list items only where they can be matched: by key in a map list, by value in a set.
function oldItem(schema: JSONSchemaProps, item: unknown, old: Old): Old {
  if (!Array.isArray(old)) return NONE;
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') return old.some((o) => jsonEqual(o, item)) ? item : NONE;
  const keys = schema['x-kubernetes-list-map-keys'];
  if (listType !== 'map' || !Array.isArray(keys) || !isJson(item)) return NONE;
  const match = old.find((o) => isJson(o) && keys.every((k) => jsonEqual(o[k], item[k])));
  return match === undefined ? NONE : match;
}

function checkObject(walk: Walk, schema: JSONSchemaProps, value: Record<string, unknown>, old: Old, path: string): void {
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string' && !Object.hasOwn(value, name)) walk.errors.push(required(join(path, name)));
  }
  for (const [name, child] of Object.entries(value)) {
    const prop = childSchema(schema, name);
    if (prop) check(walk, prop, child, isJson(old) && Object.hasOwn(old, name) ? old[name] : NONE, join(path, name));
  }
  const validations = schema['x-kubernetes-validations'];
  for (const { rule, message } of Array.isArray(validations) ? validations : []) {
    const stand = walk.rules[rule];
    if (stand && !stand(value)) walk.errors.push(invalid(path, 'object', message));
  }
}
