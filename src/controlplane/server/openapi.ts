// OpenAPI v3 documents, enough for kubectl: each kind's PATCH operation names its
// group-version-kind and declares `fieldValidation` (otherwise kubectl falls back to client-side
// validation), and each kind has a schema for `kubectl explain`: a custom resource's from its
// CRD, a built-in kind's from the structural schema (openapi-schemas.ts).
// Strategic merge patch is deliberately not listed as a patch media type: kubectl then uses its
// compiled-in patch metadata for built-ins instead of reading strategies from these schemas.
import { createHash } from 'node:crypto';
import { groupVersionOf, type ResourceRegistry, type ResourceType } from '../registry/index.js';
import { builtinSchemaFor, objectMetaSchema } from '../../apimachinery/index.js';
import { openApiSchemaOf, type SchemaComponents } from './openapi-schemas.js';

const QUERY = (name: string, type = 'string') => ({ name, in: 'query', schema: { type }, uniqueItems: true });
const WRITE_PARAMETERS = [QUERY('dryRun'), QUERY('fieldManager'), QUERY('fieldValidation')];

/** The path segment of a group-version in OpenAPI URLs: `api/v1`, `apis/apps/v1`. */
export function openApiPathOf(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** The schema name of a kind, in the reverse-domain style the API server uses. */
export function schemaNameOf(type: ResourceType): string {
  if (type.custom) return `${type.group.split('.').reverse().join('.')}.${type.version}.${type.kind}`;
  if (type.group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${type.version}.${type.kind}`;
  const short = type.group === '' ? 'core' : type.group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
  return `io.k8s.api.${short}.${type.version}.${type.kind}`;
}

const API_VERSION = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
const KIND = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };

/** Fields every kind has, described (the generated table carries no descriptions). */
function objectFields(components: SchemaComponents): Record<string, unknown> {
  const metadata = openApiSchemaOf(objectMetaSchema(), components);
  return { apiVersion: API_VERSION, kind: KIND, metadata: { allOf: [metadata], default: {}, description: "Standard object's metadata." } };
}

/** The properties of a kind: its built-in structure, its CRD schema, or else an open spec and status. */
function kindProperties(type: ResourceType, components: SchemaComponents): Record<string, unknown> {
  const given = type.openAPIV3Schema as Record<string, unknown> | undefined;
  if (given?.properties) return given.properties as Record<string, unknown>;
  const builtin = type.custom ? undefined : builtinSchemaFor({ group: type.group, version: type.version, kind: type.kind });
  if (builtin) return Object.fromEntries(Object.entries(builtin.fields).map(([field, schema]) => [field, openApiSchemaOf(schema.type, components)]));
  return { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
}

function kindSchema(type: ResourceType, components: SchemaComponents): Record<string, unknown> {
  const gvk = [{ group: type.group, version: type.version, kind: type.kind }];
  const given = type.openAPIV3Schema as Record<string, unknown> | undefined;
  const properties = { ...kindProperties(type, components), ...objectFields(components) };
  return { ...(given ?? {}), type: 'object', description: (given?.description as string | undefined) ?? `${type.kind} (${groupVersionOf(type)})`, properties, 'x-kubernetes-group-version-kind': gvk };
}

function operations(type: ResourceType, ref: string): Record<string, unknown> {
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const body = (types: string[]) => ({ content: Object.fromEntries(types.map((t) => [t, { schema: { $ref: ref } }])) });
  const reply = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } };
  const op = (action: string, extra: Record<string, unknown> = {}) => ({ 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk, responses: reply, ...extra });
  return {
    get: op('get'),
    put: op('put', { parameters: WRITE_PARAMETERS, requestBody: body(['*/*']) }),
    patch: op('patch', { parameters: [...WRITE_PARAMETERS, QUERY('force', 'boolean')], requestBody: body(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']) }),
    delete: op('delete'),
  };
}

/** The OpenAPI v3 document of one group-version, or undefined when it is not served. */
export function openApiDocument(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.resourcesOf(group, version).filter((t) => !t.virtual);
  if (types.length === 0 && registry.resourcesOf(group, version).length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: SchemaComponents = {};
  for (const type of types) {
    const name = schemaNameOf(type);
    schemas[name] = kindSchema(type, schemas);
    const scope = type.namespaced ? '/namespaces/{namespace}' : '';
    const ref = `#/components/schemas/${name}`;
    paths[`/${openApiPathOf(group, version)}${scope}/${type.plural}/{name}`] = operations(type, ref);
    paths[`/${openApiPathOf(group, version)}${scope}/${type.plural}`] = {
      post: { 'x-kubernetes-action': 'post', 'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind }, parameters: WRITE_PARAMETERS, requestBody: { content: { '*/*': { schema: { $ref: ref } } } }, responses: { '201': { description: 'Created' } } },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

/** A hash of a document as the index advertises it (upper-case SHA-512 hex, as upstream). */
export function documentHash(text: string): string {
  return createHash('sha512').update(text).digest('hex').toUpperCase();
}
