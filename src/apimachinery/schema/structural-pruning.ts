// Pruning as the API server does it for custom resources of a structural schema: fields the
// schema does not declare are dropped when a request is decoded and when an object is read from
// storage, unless a node says x-kubernetes-preserve-unknown-fields. At the root, and in an
// x-kubernetes-embedded-resource, apiVersion, kind and metadata are always kept.
// apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go
import { isJson, itemsOf, nodeOf, propertyOf, type JSONSchemaProps } from './json-schema-props.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

// A field the API server keeps at a resource root whatever the schema says, when its type is right.
function isKeptMetaField(name: string, value: unknown): boolean {
  return name === 'metadata' ? isJson(value) : (name === 'apiVersion' || name === 'kind') && typeof value === 'string';
}

const keyPath = (parent: string, name: string) => (parent ? `${parent}.${name}` : name);

/**
 * Drops, in place, the fields of `value` its schema does not declare. `resourceRoot` treats the
 * value as a whole object (apiVersion, kind and metadata kept). Returns the dropped paths, sorted
 * (`spec.extra`, `spec.items[0].x`), as the API server reports unknown fields.
 */
export function pruneUnknownFields(schema: JSONSchemaProps | undefined, value: unknown, options: { resourceRoot?: boolean } = {}): string[] {
  const dropped: string[] = [];
  const root = options.resourceRoot ? { ...(schema ?? {}), 'x-kubernetes-embedded-resource': true } : schema;
  prune(value, root, '', dropped);
  return dropped.sort();
}

function prune(value: unknown, schema: JSONSchemaProps | undefined, path: string, dropped: string[]): void {
  if (schema?.['x-kubernetes-preserve-unknown-fields'] === true) {
    skipPrune(value, schema, path, dropped);
    return;
  }
  if (Array.isArray(value)) {
    const items = schema && itemsOf(schema);
    value.forEach((item, i) => prune(item, items, `${path}[${i}]`, dropped));
    return;
  }
  if (!isJson(value)) return;
  const embedded = schema?.['x-kubernetes-embedded-resource'] === true;
  const additional = schema && nodeOf(schema.additionalProperties);
  for (const name of Object.keys(value)) {
    if (embedded && isKeptMetaField(name, value[name])) continue;
    const child = schema && (propertyOf(schema, name) ?? additional);
    if (child) {
      prune(value[name], child, keyPath(path, name), dropped);
      continue;
    }
    if (!META_FIELDS.has(name) || path !== '') dropped.push(keyPath(path, name));
    delete value[name];
  }
}

// Below a node that preserves unknown fields, only the declared ones are pruned (recursively).
function skipPrune(value: unknown, schema: JSONSchemaProps, path: string, dropped: string[]): void {
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    if (items) value.forEach((item, i) => skipPrune(item, items, `${path}[${i}]`, dropped));
    return;
  }
  if (!isJson(value)) return;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const additional = nodeOf(schema.additionalProperties);
  for (const name of Object.keys(value)) {
    if (embedded && META_FIELDS.has(name)) continue;
    const child = propertyOf(schema, name) ?? additional;
    if (child) prune(value[name], child, keyPath(path, name), dropped);
  }
}
