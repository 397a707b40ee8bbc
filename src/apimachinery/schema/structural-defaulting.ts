// Structural defaulting as the API server applies it to custom resources when it decodes a
// request or reads from storage: apiextensions-apiserver pkg/apiserver/schema/defaulting
// (PruneNonNullableNullsWithoutDefaults, then Default).
import { childSchema, cloneJson, isJson, itemsOf, nodeOf, propertiesOf, propertyOf, type JSONSchemaProps } from './json-schema-props.js';

// Go decodes a JSON `default: null` to no default at all.
const hasDefault = (schema: JSONSchemaProps | undefined): schema is JSONSchemaProps => schema?.default !== undefined && schema.default !== null;
const isNonNullableNull = (value: unknown, schema: JSONSchemaProps | undefined) => value === null && schema !== undefined && schema.nullable !== true;

// Plain assignment of `__proto__` would change the prototype instead of setting a field.
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Fills missing (or non-nullable null) fields with their schema default, top-down, recursing into defaults too; leaves `value` untouched. */
export function applySchemaDefaults<T>(schema: JSONSchemaProps, value: T): T {
  const out = cloneJson(value);
  defaultInPlace(schema, out);
  return out;
}

/** applySchemaDefaults in place; true when a default was set. */
export function defaultInPlace(schema: JSONSchemaProps, value: unknown): boolean {
  let changed = false;
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    if (!items) return false;
    for (let i = 0; i < value.length; i++) {
      if (isNonNullableNull(value[i], items) && hasDefault(items)) {
        value[i] = cloneJson(items.default);
        changed = true;
      }
      changed = defaultInPlace(items, value[i]) || changed;
    }
    return changed;
  }
  if (!isJson(value)) return false;
  for (const [name, prop] of propertiesOf(schema)) {
    if (!hasDefault(prop)) continue;
    if (!Object.hasOwn(value, name) || isNonNullableNull(value[name], prop)) {
      setField(value, name, cloneJson(prop.default));
      changed = true;
    }
  }
  const additional = nodeOf(schema.additionalProperties);
  for (const name of Object.keys(value)) {
    const prop = propertyOf(schema, name) ?? additional;
    if (!prop) continue;
    if (prop === additional && isNonNullableNull(value[name], prop) && hasDefault(prop)) {
      setField(value, name, cloneJson(prop.default));
      changed = true;
    }
    changed = defaultInPlace(prop, value[name]) || changed;
  }
  return changed;
}

/** Removes nulls the schema neither allows (nullable) nor defaults, in place; true when one was removed. */
export function dropNonNullableNulls(schema: JSONSchemaProps | undefined, value: unknown): boolean {
  let changed = false;
  if (Array.isArray(value)) {
    const items = schema && itemsOf(schema);
    for (const item of value) changed = dropNonNullableNulls(items, item) || changed;
    return changed;
  }
  if (!isJson(value)) return false;
  for (const name of Object.keys(value)) {
    const child = schema && childSchema(schema, name);
    if (isNonNullableNull(value[name], child) && !hasDefault(child)) {
      delete value[name];
      changed = true;
    } else {
      changed = dropNonNullableNulls(child, value[name]) || changed;
    }
  }
  return changed;
}
