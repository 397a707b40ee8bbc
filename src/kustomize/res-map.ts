// The ordered resource map (api/resmap/reswrangler.go): insertion order kept, every resource
// indexed by its current id so appends, conflicts and lookups cost O(1), never a scan.
import { KustomizeError } from './errors.js';
import type { OpenApiSchema } from './patch/index.js';
import { formatId, idKey, idOf, isObject, metadataOf, type Resource } from './resource.js';

/** Resources in order, indexed by current id. */
export class ResMap {
  /**
   * The build's OpenAPI data: ids compare namespaces only for namespaced kinds. Computing an id
   * consults it as kustomize's does, which is what first loads kyaml's lazily parsed schema.
   */
  constructor(readonly openapi: OpenApiSchema) {}

  private list: Resource[] = [];
  private index: Map<string, Resource> | undefined = new Map();
  /** kind + name → resources having had that name (current or earlier), built on demand. */
  private names: Map<string, Resource[]> | undefined;

  /** The resources, in order. */
  get resources(): readonly Resource[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** Appends a resource; an id already present is an error naming both origins. */
  append(res: Resource, file?: string): void {
    const key = idKey(idOf(res.obj), this.openapi);
    const existing = this.byKey().get(key);
    if (existing) {
      const where = (r: Resource) => r.origin.path ?? (r.origin.configuredBy ? `${r.origin.configuredBy.kind} ${r.origin.configuredBy.name}` : 'unknown origin');
      throw new KustomizeError(
        `may not add resource with an already registered id: ${formatId(idOf(res.obj))} (from ${where(res)}; already added from ${where(existing)})`,
        { file }, { code: 'kustomize.duplicate' });
    }
    this.list.push(res);
    this.index!.set(key, res);
    this.names = undefined;
  }

  /** Appends every resource of another map. */
  appendAll(other: ResMap, file?: string): void {
    for (const res of other.list) this.append(res, file);
  }

  /** The resource with this current id. */
  get(key: string): Resource | undefined {
    return this.byKey().get(key);
  }

  /** Replaces the list (after a transformer removed resources); ids are re-indexed lazily. */
  replaceAll(list: Resource[]): void {
    this.list = list;
    this.invalidate();
  }

  /** Call after renaming resources: the indexes are rebuilt on the next lookup. */
  invalidate(): void {
    this.index = undefined;
    this.names = undefined;
  }

  /** Resources of a kind that have, or had, this name — in map order. */
  byAnyName(kind: string, name: string): Resource[] {
    if (!this.names) {
      const names = new Map<string, Resource[]>();
      for (const r of this.list) {
        const keys = new Set([idOf(r.obj), ...r.prevIds].map((id) => `${id.kind}\u0000${id.name}`));
        for (const k of keys) (names.get(k) ?? names.set(k, []).get(k)!).push(r);
      }
      this.names = names;
    }
    return this.names.get(`${kind}\u0000${name}`) ?? [];
  }

  /** Removes one resource. */
  remove(res: Resource): void {
    this.replaceAll(this.list.filter((r) => r !== res));
  }

  private byKey(): Map<string, Resource> {
    if (!this.index) this.index = new Map(this.list.map((r) => [idKey(idOf(r.obj), this.openapi), r]));
    return this.index;
  }

  /** Absorbs a generated resource according to its behavior (create, merge, replace). */
  absorb(res: Resource, file: string): void {
    const id = idOf(res.obj);
    const matches = this.byAnyName(id.kind, id.name).filter((r) => sameGeneratedId(r, id));
    if (res.behavior === 'create' || res.behavior === undefined) {
      if (matches.length) this.append(res, file); // reports the conflict
      else this.append(res, file);
      return;
    }
    if (matches.length !== 1) {
      throw new KustomizeError(`id ${formatId(id)} does not exist; cannot merge or replace`, { file });
    }
    const target = matches[0]!;
    if (res.behavior === 'replace') replaceGenerated(target, res);
    else mergeGenerated(target, res);
  }
}

/** Generated resources match base resources by original name, kind and namespace. */
function sameGeneratedId(r: Resource, id: ReturnType<typeof idOf>): boolean {
  const ids = [idOf(r.obj), ...r.prevIds];
  return ids.some((x) => x.kind === id.kind && x.name === id.name && (id.namespace === '' || x.namespace === id.namespace || (x.namespace === '' && id.namespace === 'default')));
}

function mergeMaps(into: Record<string, unknown>, key: string, from: Record<string, unknown>): void {
  const a = isObject(into[key]) ? into[key] : {};
  const b = isObject(from[key]) ? from[key] : {};
  const merged = { ...a, ...b };
  if (Object.keys(merged).length) into[key] = merged;
}

function mergeGenerated(target: Resource, res: Resource): void {
  mergeMaps(target.obj, 'data', res.obj);
  mergeMaps(target.obj, 'binaryData', res.obj);
  const meta = metadataOf(target.obj);
  mergeMaps(meta, 'labels', metadataOf(res.obj));
  mergeMaps(meta, 'annotations', metadataOf(res.obj));
  target.needsHash = target.needsHash || res.needsHash;
  if (res.obj.immutable !== undefined) target.obj.immutable = res.obj.immutable;
}

/** Replace swaps the data wholesale but, like kustomize, keeps the name and merges metadata. */
function replaceGenerated(target: Resource, res: Resource): void {
  for (const key of ['data', 'binaryData', 'type', 'immutable']) {
    if (res.obj[key] === undefined) delete target.obj[key];
    else target.obj[key] = res.obj[key];
  }
  const meta = metadataOf(target.obj);
  mergeMaps(meta, 'labels', metadataOf(res.obj));
  mergeMaps(meta, 'annotations', metadataOf(res.obj));
  target.needsHash = res.needsHash;
}

