// A resource in the build: the object plus what kustomize tracks beside it — where it came from,
// the ids it had before renames (for name references and patch targets), and generator flags.
import { isClusterScoped as isKindClusterScoped, type OpenApiSchema } from './patch/index.js';
import { cloneYamlValue } from './yaml/index.js';

/** A plain JSON object, as resources are held. */
export type JsonObject = { [key: string]: unknown };

/** Group, version, kind, namespace and name: kustomize's ResId. */
export interface ResId {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** One resource and its build-time bookkeeping. */
export interface Resource {
  obj: JsonObject;
  /** Ids it had before each rename (prefix, suffix, namespace, hash), oldest first. */
  prevIds: ResId[];
  /** Where it was loaded (`path`, shown relative to the boundary; `abs`) or which generator made it. */
  origin: { path?: string; abs?: string; configuredIn?: string; configuredBy?: { kind: string; name: string } };
  /** Name prefixes and suffixes applied to it, in order (name references prefer equal ones). */
  prefixes?: string[];
  suffixes?: string[];
  /** Builtin transformers that ran over it, for buildMetadata's transformerAnnotations. */
  transformations?: Array<{ configuredIn: string; kind: string }>;
  /** Generated ConfigMap/Secret that still needs its name hash. */
  needsHash?: boolean;
  /** Generator behavior when absorbed (create, merge, replace). */
  behavior?: string;
}

/** True for plain JSON objects (not arrays or null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** metadata, created on demand. */
export function metadataOf(obj: JsonObject): JsonObject {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata as JsonObject;
}

/** Splits apiVersion into group and version (`v1` is the core group). */
export function splitApiVersion(apiVersion: unknown): { group: string; version: string } {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = text.lastIndexOf('/');
  return slash < 0 ? { group: '', version: text } : { group: text.slice(0, slash), version: text.slice(slash + 1) };
}

/** The current id of an object. */
export function idOf(obj: JsonObject): ResId {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const { group, version } = splitApiVersion(obj.apiVersion);
  return {
    group, version, kind: typeof obj.kind === 'string' ? obj.kind : '',
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
  };
}

/** The id the resource was loaded with (before any rename). */
export function originalId(res: Resource): ResId {
  return res.prevIds[0] ?? idOf(res.obj);
}

/** An independent copy: transformers may change it without touching the original. */
export function cloneResource(res: Resource): Resource {
  const copy: Resource = { ...res, obj: cloneYamlValue(res.obj), prevIds: [...res.prevIds], origin: { ...res.origin } };
  if (res.prefixes) copy.prefixes = [...res.prefixes];
  if (res.suffixes) copy.suffixes = [...res.suffixes];
  if (res.transformations) copy.transformations = [...res.transformations];
  return copy;
}

/** Records the current id before a transformer renames the resource. */
export function rememberId(res: Resource): void {
  res.prevIds.push(idOf(res.obj));
}

/** Whether kustomize treats the kind as cluster-scoped, with the build's OpenAPI data. */
export function isClusterScoped(id: ResId, openapi: OpenApiSchema): boolean {
  return isKindClusterScoped(id, openapi);
}

/** The namespace used for id equality: empty means `default`, cluster-scoped means none. */
export function effectiveNamespace(id: ResId, openapi: OpenApiSchema): string {
  if (isClusterScoped(id, openapi)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

/** The key of an id in the resource map (kustomize compares namespaces effectively). */
export function idKey(id: ResId, openapi: OpenApiSchema): string {
  return `${id.group}|${id.version}|${id.kind}|${effectiveNamespace(id, openapi)}|${id.name}`;
}

/** kustomize's printed form of an id, e.g. `Deployment.v1.apps/web.prod`. */
export function formatId(id: ResId): string {
  const gvk = [id.kind, id.version, id.group].filter((p, i) => i === 0 || p !== '').join('.');
  const kind = id.kind === '' ? '[noKind]' : gvk;
  return `${kind}/${id.name}.${id.namespace === '' ? '[noNs]' : id.namespace}`;
}

/** Earlier names and namespaces by object, for modules that select resources by old ids. */
export function previousIds(resources: readonly Resource[]): (obj: JsonObject) => { names: string[]; namespaces: string[] } | undefined {
  const byObject = new Map(resources.map((r) => [r.obj, r] as const));
  return (obj) => {
    const res = byObject.get(obj);
    return res && res.prevIds.length ? { names: res.prevIds.map((p) => p.name), namespaces: res.prevIds.map((p) => p.namespace) } : undefined;
  };
}
