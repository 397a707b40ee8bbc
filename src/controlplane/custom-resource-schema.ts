// Custom resources against their CRD version's openAPIV3Schema, as apiextensions-apiserver treats
// them. What a request carries and what storage holds is decoded the same way: fields the schema
// does not declare are pruned (unless x-kubernetes-preserve-unknown-fields), nulls it does not
// allow are dropped, and defaults are filled in (pkg/apiserver/schema/{pruning,defaulting}, run by
// the decoders of customresource_handler.go). A write is then validated (pkg/registry/
// customresource/validator.go): the whole object on the main resource, the status alone on the
// status subresource, with unchanged values not reported on update (ratcheting). CEL rules are
// checked only where a TypeScript stand-in exists (Flux's own rules); others are skipped.
// Built-in kinds never get here, and a schema is compiled once per served CRD version.
import { FLUX_CEL_RULES } from '../api/index.js';
import { defaultInPlace, dropNonNullableNulls, pruneUnknownFields, schemaFieldErrors, type FieldError, type JSONSchemaProps } from '../apimachinery/index.js';
import { ApiError, type StatusCause } from './api-error.js';
import type { KindHooks, KubeObject, WriteScope } from './objects/index.js';
import type { ResourceType } from './registry/index.js';

/** The parts of a CRD version's schema the control plane uses. */
interface CompiledSchema {
  readonly root: JSONSchemaProps;
  /** The status property alone, which status subresource writes are validated against. */
  readonly status: JSONSchemaProps | undefined;
}

const isNode = (value: unknown): value is JSONSchemaProps => value !== null && typeof value === 'object' && !Array.isArray(value);

// ResourceTypes are replaced whenever their CRD changes, so a weak cache never serves a stale schema.
const compiled = new WeakMap<ResourceType, CompiledSchema | null>();

function compiledSchemaOf(type: ResourceType): CompiledSchema | undefined {
  if (!type.custom) return undefined;
  let schema = compiled.get(type);
  if (schema === undefined) {
    const root = type.openAPIV3Schema;
    const status = isNode(root) && isNode(root.properties) ? root.properties.status : undefined;
    schema = isNode(root) ? { root, status: isNode(status) ? status : undefined } : null;
    compiled.set(type, schema);
  }
  return schema ?? undefined;
}

function causesOf(errors: FieldError[]): StatusCause[] {
  return errors.map((e) => ({ reason: e.type, field: e.field, message: e.message }));
}

/** Prunes, drops disallowed nulls and defaults a custom resource in place; true when it changed. */
export function decodeCustomResource(type: ResourceType, object: KubeObject): boolean {
  const schema = compiledSchemaOf(type);
  if (!schema) return false;
  const pruned = pruneUnknownFields(schema.root, object, { resourceRoot: true }).length > 0;
  const nulls = dropNonNullableNulls(schema.root, object);
  return defaultInPlace(schema.root, object) || pruned || nulls;
}

/** Field causes of a custom resource its schema refuses (status alone for the status subresource). */
export function validateCustomResource(type: ResourceType, object: KubeObject, current: KubeObject | undefined, scope: WriteScope): StatusCause[] {
  const schema = compiledSchemaOf(type);
  if (!schema) return [];
  if (scope === 'status') {
    if (!schema.status || object.status === undefined) return [];
    return causesOf(schemaFieldErrors(schema.status, object.status, { path: 'status', rules: FLUX_CEL_RULES, ...(current ? { old: current.status } : {}) }));
  }
  return causesOf(schemaFieldErrors(schema.root, object, { rules: FLUX_CEL_RULES, ...(current ? { old: current } : {}) }));
}

/**
 * Refuses a server-side apply configuration with fields its schema does not declare, as the API
 * server's typed conversion does: a 500 with no reason (kubernetes/kubernetes#139253), the paths
 * written the structured-merge-diff way (`.spec.extra`).
 */
export function checkApplyConfiguration(type: ResourceType, config: KubeObject): void {
  const schema = compiledSchemaOf(type);
  if (!schema) return;
  const undeclared = pruneUnknownFields(schema.root, structuredClone(config), { resourceRoot: true });
  if (undeclared.length === 0) return;
  const lines = undeclared.map((path) => `.${path}: field not declared in schema`);
  const gvk = `${type.group}/${type.version}, Kind=${type.kind}`;
  const subject = `${config.metadata.namespace ?? ''}/${config.metadata.name ?? ''}; ${gvk}`;
  throw ApiError.unclassified(`failed to create typed patch object (${subject}): ${lines.length === 1 ? lines[0] : ['errors:', ...lines.map((l) => `  ${l}`)].join('\n')}`);
}

/** The object-store hooks of custom resources with a schema. */
export const CUSTOM_RESOURCE_SCHEMA: KindHooks = {
  decode: decodeCustomResource,
  // Objects written since the version was registered were decoded on the way in.
  decodes: (type, revision) => compiledSchemaOf(type) !== undefined && (type.registeredAt === undefined || revision <= type.registeredAt),
  validate: validateCustomResource,
};
