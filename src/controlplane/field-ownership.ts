// Wires server-side apply field management (../ssa) to the object store, with each resource's
// structural schema: the built-in table for built-in kinds, the CRD's schema for custom ones.
import type { FieldOwnership, KubeObject, Writer } from './objects/index.js';
import { groupVersionOf, type ResourceType } from './registry/index.js';
import { builtinSchemaFor, schemaFromOpenAPIV3, type SchemaType } from '../apimachinery/index.js';
import { checkApplyConfiguration } from './custom-resource-schema.js';
import { applyConfiguration, recordUpdate, topLevelFields, type FieldSet } from './ssa/index.js';

const UNTYPED: SchemaType = { kind: 'untyped' };
const schemas = new WeakMap<ResourceType, SchemaType>();

/** The structural schema of a resource (untyped when none is known). */
export function schemaOf(type: ResourceType): SchemaType {
  let schema = schemas.get(type);
  if (!schema) {
    schema = type.custom
      ? schemaFromOpenAPIV3(type.openAPIV3Schema)
      : (builtinSchemaFor({ group: type.group, version: type.version, kind: type.kind }) ?? UNTYPED);
    schemas.set(type, schema);
  }
  return schema;
}

// With a status subresource, the main resource never owns status and the status endpoint owns
// nothing but status (metadata aside), as the API server's field manager resets them.
function ignoredFields(type: ResourceType, object: KubeObject, subresource: string | undefined): FieldSet | undefined {
  if (!type.statusSubresource) return undefined;
  if (subresource === 'status') return topLevelFields(Object.keys(object).filter((k) => k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind'));
  return topLevelFields(['status']);
}

/** The FieldOwnership the object store uses. */
export const SSA_FIELD_OWNERSHIP: FieldOwnership = {
  recordUpdate(type: ResourceType, before: KubeObject | undefined, after: KubeObject, writer: Writer, now: Date): unknown[] | undefined {
    const ignored = ignoredFields(type, after, writer.subresource);
    const result = recordUpdate({
      before: before as never,
      after: after as never,
      manager: writer.manager,
      apiVersion: groupVersionOf(type),
      ...(writer.subresource ? { subresource: writer.subresource } : {}),
      managedFields: before?.metadata.managedFields ?? after.metadata.managedFields,
      schema: schemaOf(type),
      now,
      ...(ignored ? { ignoredFields: ignored } : {}),
    });
    return result.managedFields.length > 0 ? result.managedFields : undefined;
  },

  apply(type: ResourceType, live: KubeObject | undefined, config: KubeObject, writer: Writer & { force: boolean }, now: Date): KubeObject {
    checkApplyConfiguration(type, config);
    const ignored = ignoredFields(type, config, writer.subresource);
    const result = applyConfiguration({
      live: live as never,
      config: config as never,
      manager: writer.manager,
      apiVersion: groupVersionOf(type),
      kind: type.kind,
      force: writer.force,
      managedFields: live?.metadata.managedFields,
      schema: schemaOf(type),
      now,
      ...(writer.subresource ? { subresource: writer.subresource } : {}),
      ...(ignored ? { ignoredFields: ignored } : {}),
    });
    return result.object as unknown as KubeObject;
  },
};
