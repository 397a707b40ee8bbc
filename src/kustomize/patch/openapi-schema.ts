// What kyaml's OpenAPI data tells kustomize about kinds (kyaml/openapi): the merge schema of a
// whole resource and, for kinds its precomputed table does not list, whether the API paths say
// they are namespaced. The default is Weir's built-in table; a kustomization's `openapi: {path}`
// replaces it with an OpenAPI (swagger 2.0) document, indexed here as kyaml indexes one:
// definitions by their x-kubernetes-group-version-kind, scope from the `get` operations of
// `paths` (a path with `namespaces/{namespace}` makes a kind namespaced, any other path makes it
// cluster-scoped unless one does). kyaml adds each parse to what earlier ones indexed, so a
// build's schema can be several layers, later ones winning.
import { builtinSchemaNamed } from '../../apimachinery/index.js';
import { builtinRootSchema, documentRootSchema, type Definition, type DefinitionLookup, type MergeSchema } from './merge-schema.js';
import type { ResourceGvk } from './resource-id.js';
import { isMap } from './yaml-node.js';

type Node = { readonly [key: string]: unknown };

/** The OpenAPI data a build patches and scopes with. */
export interface OpenApiSchema {
  /** The merge schema of a whole resource of this kind (kyaml SchemaForResourceType). */
  resourceSchema(gvk: ResourceGvk): MergeSchema | undefined;
  /** What the schema's API paths say: namespaced (true), cluster-scoped (false) or unknown. */
  namespaced(gvk: ResourceGvk): boolean | undefined;
}

/** The built-in schema: Weir's table; its paths add nothing to kyaml's precomputed scope table. */
export const BUILTIN_OPENAPI: OpenApiSchema = { resourceSchema: builtinRootSchema, namespaced: () => undefined };

/** An OpenAPI document, indexed. */
export interface OpenApiDocument {
  readonly definitions: ReadonlyMap<string, Node>;
  /** Definitions by `apiVersion kind`. */
  readonly kinds: ReadonlyMap<string, Node>;
  /** Scope by `apiVersion kind`. */
  readonly namespaced: ReadonlyMap<string, boolean>;
}

const typeKey = (apiVersion: string, kind: string) => `${apiVersion} ${kind}`;
const gvkKey = (gvk: ResourceGvk) => typeKey(gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version, gvk.kind);

// kyaml's toTypeMeta: group (optional), version and kind of one x-kubernetes-group-version-kind entry.
function typeMetaKey(ext: unknown): string | undefined {
  if (!isMap(ext) || typeof ext.version !== 'string' || typeof ext.kind !== 'string') return undefined;
  const group = typeof ext.group === 'string' ? ext.group : '';
  return typeKey(group ? `${group}/${ext.version}` : ext.version, ext.kind);
}

function mapField(doc: Node, field: string): Node {
  const value = doc[field];
  if (value === undefined || value === null) return {};
  if (!isMap(value)) throw new Error(`${field} must be a map`);
  return value;
}

function indexDefinitions(doc: Node): Pick<OpenApiDocument, 'definitions' | 'kinds'> {
  const definitions = new Map<string, Node>();
  const kinds = new Map<string, Node>();
  for (const [name, def] of Object.entries(mapField(doc, 'definitions'))) {
    if (!isMap(def)) throw new Error(`definitions.${name} must be a map`);
    definitions.set(name, def);
    // Only a list of group-version-kinds indexes a definition (a single map is ignored, as kyaml does).
    const gvks = def['x-kubernetes-group-version-kind'];
    for (const key of Array.isArray(gvks) ? gvks.map(typeMetaKey) : []) if (key) kinds.set(key, def);
  }
  return { definitions, kinds };
}

function indexScopes(doc: Node): Map<string, boolean> {
  const namespaced = new Map<string, boolean>();
  for (const [path, item] of Object.entries(mapField(doc, 'paths'))) {
    const get = isMap(item) ? item.get : undefined;
    const key = isMap(get) ? typeMetaKey(get['x-kubernetes-group-version-kind']) : undefined;
    if (!key) continue;
    if (path.includes('namespaces/{namespace}')) namespaced.set(key, true);
    else if (!namespaced.has(key)) namespaced.set(key, false);
  }
  return namespaced;
}

/** Indexes a parsed OpenAPI document; throws an Error saying what is malformed. */
export function indexOpenApiDocument(doc: unknown): OpenApiDocument {
  if (!isMap(doc)) throw new Error('an OpenAPI document must be a map');
  return { ...indexDefinitions(doc), namespaced: indexScopes(doc) };
}

/** One parse kyaml added to its schema: the built-in schema or a document. */
export type OpenApiLayer = 'builtin' | OpenApiDocument;

// A JSON pointer below a document's definitions walks the document's nodes.
function walkPointer(node: Node, tokens: readonly string[]): Node | undefined {
  let current: unknown = node;
  for (const token of tokens) current = isMap(current) ? current[token] : Array.isArray(current) ? current[Number(token)] : undefined;
  return isMap(current) ? current : undefined;
}

/** The schema made of the layers kyaml parsed, in order (later layers win where they overlap). */
export function layeredOpenApi(layers: readonly OpenApiLayer[]): OpenApiSchema {
  const newestFirst = [...layers].reverse();
  const defs: DefinitionLookup = (pointer) => {
    if (pointer[0] !== 'definitions' || pointer[1] === undefined) return undefined;
    const [, name, ...rest] = pointer;
    for (const layer of newestFirst) {
      if (layer === 'builtin') {
        const type = rest.length === 0 ? builtinSchemaNamed(name) : undefined;
        if (type) return { type } satisfies Definition;
        continue;
      }
      const def = layer.definitions.get(name);
      if (def) {
        const node = walkPointer(def, rest);
        return node ? { node } : undefined;
      }
    }
    return undefined;
  };
  return {
    resourceSchema(gvk) {
      for (const layer of newestFirst) {
        if (layer === 'builtin') {
          const schema = builtinRootSchema(gvk);
          if (schema) return schema;
          continue;
        }
        const def = layer.kinds.get(gvkKey(gvk));
        if (def) return documentRootSchema(def, defs);
      }
      return undefined;
    },
    namespaced(gvk) {
      const key = gvkKey(gvk);
      const says = layers.map((l) => (l === 'builtin' ? undefined : l.namespaced.get(key)));
      return says.includes(true) ? true : says.includes(false) ? false : undefined;
    },
  };
}
