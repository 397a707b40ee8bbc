// Name references (api/filters/nameref): after prefixes, suffixes, hashes and namespaces changed
// names, every field that names another resource follows it. Candidates are found through one
// index of earlier names, then sieved as kustomize does: earlier name and kind, roleRef kind,
// namespace, then the same name prefixes and suffixes as the referrer. Linear in fields.
import type { NameReference } from './builtins/name-reference-specs.js';
import { KustomizeError } from './errors.js';
import { specSelects, visitField, type FieldSpec } from './field-spec.js';
import type { OpenApiSchema } from './patch/index.js';
import { effectiveNamespace, formatId, idOf, isClusterScoped, isObject, originalId, type ResId, type Resource } from './resource.js';

type Index = Map<string, Resource[]>;

const refKey = (kind: string, name: string) => `${kind}\u0000${name}`;

/** Renamed resources by each earlier kind and name. */
function indexEarlierNames(resources: readonly Resource[]): Index {
  const index: Index = new Map();
  for (const res of resources) {
    for (const key of new Set(res.prevIds.map((id) => refKey(id.kind, id.name)))) {
      const list = index.get(key);
      if (list) list.push(res);
      else index.set(key, [res]);
    }
  }
  return index;
}

const gvkSelected = (ref: { kind: string; group?: string; version?: string }, id: ResId) =>
  id.kind === ref.kind && (!ref.group || ref.group === id.group) && (!ref.version || ref.version === id.version);

const sameList = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What one field visit knows: the referrer, the referred kind and the spec path. */
interface Visit {
  readonly index: Index;
  readonly ref: NameReference;
  readonly referrer: Resource;
  readonly spec: FieldSpec;
  readonly openapi: OpenApiSchema;
}

/** kustomize's selectReferral: the one resource an old name now stands for, if any. */
function selectReferral(v: Visit, oldName: string, pool: readonly Resource[], withNamespace: boolean): Resource | undefined {
  let c = pool.filter((r) => r.prevIds.some((id) => id.name === oldName) && r.prevIds.some((id) => gvkSelected(v.ref, id)));
  const roleRef = v.referrer.obj.roleRef;
  if (v.spec.path.endsWith('roleRef/name') && isObject(roleRef)) {
    const want = { kind: String(roleRef.kind ?? ''), group: String(roleRef.apiGroup ?? '') };
    c = c.filter((r) => r.prevIds.some((id) => id.kind === want.kind && id.group === want.group));
  }
  const referrerId = idOf(v.referrer.obj);
  if (!isClusterScoped(referrerId, v.openapi)) {
    // Cluster-scoped referrals and ServiceAccounts (RBAC subjects) are visible from any namespace.
    c = c.filter((r) => isClusterScoped(idOf(r.obj), v.openapi) || r.obj.kind === 'ServiceAccount' || effectiveNamespace(idOf(r.obj), v.openapi) === effectiveNamespace(referrerId, v.openapi));
  }
  if (c.length === 1) return c[0];
  c = c.filter((r) => sameList(r.prefixes, v.referrer.prefixes) && sameList(r.suffixes, v.referrer.suffixes));
  if (c.length <= 1) return c[0];
  const ids = c.map((r) => idOf(r.obj));
  if (ids.every((id) => id.name === ids[0]!.name && (!withNamespace || id.namespace === ids[0]!.namespace))) return c[0];
  throw new KustomizeError(`found multiple possible referrals for ${oldName} in ${formatId(referrerId)}: ${ids.map(formatId).join(', ')}`, { field: v.spec.path });
}

function fixScalar(v: Visit, name: string): string | undefined {
  const found = selectReferral(v, name, v.index.get(refKey(v.ref.kind, name)) ?? [], false);
  return found && idOf(found.obj).name !== name ? idOf(found.obj).name : undefined;
}

/** A map holding name (and namespace): RBAC subjects, webhook service references. */
function fixMap(v: Visit, node: Record<string, unknown>): void {
  if (typeof node.name !== 'string') return;
  if (typeof node.kind === 'string' && node.kind !== v.ref.kind) return;
  let pool = v.index.get(refKey(v.ref.kind, node.name)) ?? [];
  if (typeof node.namespace === 'string') {
    // Candidates in the namespace the map names: by original namespace first, else current.
    // Namespaces compare effectively: an unset namespace is "default".
    const ns = node.namespace === '' ? 'default' : node.namespace;
    const byOriginal = pool.filter((r) => (originalId(r).namespace || 'default') === ns);
    pool = byOriginal.length ? byOriginal : pool.filter((r) => (idOf(r.obj).namespace || 'default') === ns);
  }
  const found = selectReferral(v, node.name, pool, true);
  if (!found) return;
  const cur = idOf(found.obj);
  node.name = cur.name;
  if (cur.namespace) node.namespace = cur.namespace;
}

function fixValue(v: Visit, value: unknown, parent: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    // A sibling `kind` (scaleTargetRef) must name the referred kind.
    if (typeof parent.kind === 'string' && parent.kind !== v.ref.kind && !v.spec.path.endsWith('roleRef/name')) return undefined;
    return fixScalar(v, value);
  }
  if (Array.isArray(value)) {
    // rules/resourceNames hold names; subjects hold {kind, name, namespace} maps.
    return value.map((item) => {
      if (typeof item === 'string') return fixScalar(v, item) ?? item;
      if (isObject(item)) fixMap(v, item);
      return item;
    });
  }
  if (isObject(value)) fixMap(v, value);
  return undefined;
}

/** Updates every reference to a renamed resource (`openapi` decides which kinds are cluster-scoped). */
export function fixNameReferences(resources: readonly Resource[], refs: readonly NameReference[], openapi: OpenApiSchema): void {
  if (!resources.some((r) => r.prevIds.length > 0)) return;
  const index = indexEarlierNames(resources);
  const specs = specsByKind(refs);
  for (const referrer of resources) {
    const kind = typeof referrer.obj.kind === 'string' ? referrer.obj.kind : '';
    for (const { ref, spec } of [...(specs.get(kind) ?? []), ...(specs.get('') ?? [])]) {
      if (!specSelects(spec, referrer.obj)) continue;
      const visit: Visit = { index, ref, referrer, spec, openapi };
      visitField(referrer.obj, spec, (value, parent) => fixValue(visit, value, parent), 'string');
    }
  }
}

/** Referring field specs by the kind they apply to ('' for any kind), so each resource sees only its own. */
function specsByKind(refs: readonly NameReference[]): Map<string, Array<{ ref: NameReference; spec: FieldSpec }>> {
  const out = new Map<string, Array<{ ref: NameReference; spec: FieldSpec }>>();
  for (const ref of refs) {
    for (const spec of ref.fieldSpecs) {
      const key = spec.kind ?? '';
      (out.get(key) ?? out.set(key, []).get(key)!).push({ ref, spec: { ...spec, create: false } });
    }
  }
  return out;
}
