// kustomize/patch: how kustomize patches one resource — target selection (selectors with anchored
// name/namespace regexes and label/annotation selectors), strategic merge patch with kyaml's
// merge2 semantics (not the API server's), JSON 6902 operations, and the OpenAPI data (kyaml's
// schema: built-in or a kustomization's `openapi:` document) that merge keys and kinds' scope come
// from. Pure functions over plain JSON objects, the schema passed in as data: this folder must
// never read files, parse YAML, walk the resource map or know which kustomization asked; the
// engine finds targets and calls these per resource.
export { matchesSelector, type Selector, type PreviousIds } from './selector.js';
export { applyStrategicMerge } from './strategic-merge.js';
export { applyJson6902, type Json6902Place } from './json6902.js';
export { apiVersionOf, describeResource, effectiveNamespace, gvkOf, isClusterScoped, type ResourceGvk } from './resource-id.js';
export { BUILTIN_OPENAPI, indexOpenApiDocument, layeredOpenApi, type OpenApiDocument, type OpenApiLayer, type OpenApiSchema } from './openapi-schema.js';
export type { MergeSchema } from './merge-schema.js';
