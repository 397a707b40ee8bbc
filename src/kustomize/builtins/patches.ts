// patchesStrategicMerge, patches and patchesJson6902 (plugin/builtin/patch*): decide SMP or
// JSON 6902 as kustomize does, find targets by id or selector, apply, drop deleted resources.
import { KustomizeError } from '../errors.js';
import { applyJson6902, applyStrategicMerge, effectiveNamespace, matchesSelector, type Selector } from '../patch/index.js';
import { formatId, idKey, idOf, isObject, metadataOf, rememberId, type JsonObject, type ResId, type Resource } from '../resource.js';
import type { ResMap } from '../res-map.js';
import { annotationsAsStrings } from '../resources.js';
import { parseYamlStream } from '../yaml/index.js';

/** A patch loaded from `path:` or inline text. */
export interface PatchSource {
  text: string;
  /** The file it came from, or the kustomization for inline patches. */
  file: string;
  field: string;
}

type Parsed = { kind: 'smp'; patches: JsonObject[] } | { kind: 'json6902'; ops: unknown[] };

/** Parses a patch: a list of operations is JSON 6902, a mapping (or several) a strategic merge. */
export function parsePatch(src: PatchSource): Parsed {
  // A `List` of patches is as good as several documents.
  const docs = parseYamlStream(src.text, src.file).map((d) => d.value)
    .flatMap((d) => (isObject(d) && d.kind === 'List' && Array.isArray(d.items) ? d.items : [d]));
  if (docs.length === 1 && Array.isArray(docs[0])) return { kind: 'json6902', ops: docs[0] };
  if (docs.length > 0 && docs.every(isObject)) {
    for (const doc of docs) annotationsAsStrings(doc as JsonObject);
    return { kind: 'smp', patches: docs as JsonObject[] };
  }
  throw new KustomizeError(`unable to parse SM or JSON patch from ${JSON.stringify(src.text.slice(0, 200))}`, { file: src.file, field: src.field });
}

/** Reads a `target:` selector. */
export function toSelector(value: unknown): Selector | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector']) {
    if (typeof value[key] === 'string' && value[key] !== '') out[key] = value[key] as string;
  }
  return out as Selector;
}

function previousOf(res: Resource): { names: string[]; namespaces: string[] } {
  return { names: res.prevIds.map((p) => p.name), namespaces: res.prevIds.map((p) => p.namespace) };
}

/** Resources a selector picks, in map order. */
export function select(resmap: ResMap, selector: Selector): Resource[] {
  return resmap.resources.filter((r) => matchesSelector(r.obj, selector, previousOf(r), resmap.openapi));
}

const gvkEq = (a: ResId, b: ResId) => a.kind === b.kind && a.group === b.group && a.version === b.version;

/** The one resource a strategic merge patch without target names by its own id (any earlier id counts; a cluster-scoped kind's namespace is ignored). */
function findById(resmap: ResMap, id: ResId, src: PatchSource): Resource {
  const named = resmap.byAnyName(id.kind, id.name);
  const nsOf = (ns: string) => effectiveNamespace(id, ns, resmap.openapi);
  const matches = named.filter((r) => [idOf(r.obj), ...r.prevIds].some((x) =>
    gvkEq(x, id) && x.name === id.name && (nsOf(x.namespace) === nsOf(id.namespace))));
  const loose = matches.length > 0 || id.namespace !== '' ? matches
    : named.filter((r) => [idOf(r.obj), ...r.prevIds].some((x) => gvkEq(x, id) && x.name === id.name));
  if (loose.length === 1) return loose[0]!;
  const why = loose.length === 0 ? 'no resource matches' : 'multiple resources match';
  throw new KustomizeError(`${why} strategic merge patch "${formatId(id)}"`, { file: src.file, field: src.field }, { code: 'kustomize.patch.target' });
}

/** Applies a strategic merge patch to one resource, keeping its name and kind unless allowed. */
function mergeInto(resmap: ResMap, res: Resource, patch: JsonObject, options: JsonObject): void {
  const { name, namespace, kind } = idOf(res.obj);
  const before = idKey(idOf(res.obj), resmap.openapi);
  const allowName = options.allowNameChange === true;
  const allowKind = options.allowKindChange === true;
  if (allowName || allowKind) rememberId(res);
  const merged = applyStrategicMerge(res.obj, patch, resmap.openapi);
  if (merged === undefined || Object.keys(merged).length === 0) {
    resmap.remove(res);
    return;
  }
  res.obj = merged;
  const meta = metadataOf(res.obj);
  if (!allowKind) res.obj.kind = kind;
  if (!allowName) meta.name = name;
  // A patch never moves a resource to another namespace.
  if (namespace) meta.namespace = namespace;
  else delete meta.namespace;
  if (idKey(idOf(res.obj), resmap.openapi) !== before) resmap.invalidate();
}

/** One `patches:` entry (or a patchesJson6902 entry, which always has a target). */
export function applyPatch(resmap: ResMap, src: PatchSource, target: Selector | undefined, options: JsonObject): void {
  const parsed = parsePatch(src);
  if (parsed.kind === 'json6902') {
    if (!target) throw new KustomizeError('a JSON 6902 patch needs a target', { file: src.file, field: src.field });
    for (const res of select(resmap, target)) {
      const before = idKey(idOf(res.obj), resmap.openapi);
      res.obj = applyJson6902(res.obj, parsed.ops, { file: src.file, resource: formatId(idOf(res.obj)) });
      if (idKey(idOf(res.obj), resmap.openapi) !== before) resmap.invalidate();
    }
    return;
  }
  for (const patch of parsed.patches) {
    if (!target) {
      mergeInto(resmap, findById(resmap, idOf(patch), src), patch, options);
      continue;
    }
    for (const res of select(resmap, target)) {
      // The patch takes the target's identity, so one patch fits every selected resource.
      const copy: JsonObject = { ...patch, apiVersion: res.obj.apiVersion, kind: res.obj.kind };
      copy.metadata = { ...(isObject(patch.metadata) ? patch.metadata : {}), name: idOf(res.obj).name };
      if (idOf(res.obj).namespace) (copy.metadata as JsonObject).namespace = idOf(res.obj).namespace;
      if (options.allowNameChange === true && isObject(patch.metadata) && patch.metadata.name) (copy.metadata as JsonObject).name = patch.metadata.name;
      mergeInto(resmap, res, copy, options);
    }
  }
}

/** A patchesStrategicMerge entry: each document patches the resource it names. */
export function applyStrategicMergePatches(resmap: ResMap, src: PatchSource): void {
  const parsed = parsePatch(src);
  if (parsed.kind !== 'smp') throw new KustomizeError('patchesStrategicMerge entries must be strategic merge patches', { file: src.file, field: src.field });
  for (const patch of parsed.patches) mergeInto(resmap, findById(resmap, idOf(patch), src), patch, {});
}
