// Which resources a replacement reads from and writes to (api/filters/replacement): ids match
// when every field the selector sets is equal — names are NOT regular expressions here, unlike
// patch targets — against the current id or any earlier one; label and annotation selectors of
// `select` must match, and any `reject` entry (by id, or by labels/annotations) excludes.
import type { JsonObject } from '../../apimachinery/index.js';
import { BUILTIN_OPENAPI, effectiveNamespace, gvkOf, matchesSelector, type OpenApiSchema, type PreviousIds, type Selector } from '../patch/index.js';

/** A replacement's resource selector (source, `select` or `reject` entry). */
export interface ReplacementSelector extends Selector {
  readonly [key: string]: unknown;
}

/** The earlier names and namespaces of a resource, as the engine tracks them. */
export type PreviousIdsOf = (resource: JsonObject) => PreviousIds | undefined;

/** What selection needs from the build: earlier ids, and the OpenAPI data that says which kinds are cluster-scoped. */
export interface SelectContext {
  readonly previous?: PreviousIdsOf;
  readonly openapi?: OpenApiSchema;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

type Id = { name: string; namespace: string };

/** The ids (current first) a resource is known by. */
function idsOf(resource: JsonObject, previous: PreviousIdsOf | undefined): Id[] {
  const meta = (resource.metadata ?? {}) as JsonObject;
  const ids = [{ name: str(meta.name), namespace: str(meta.namespace) }];
  const prev = previous?.(resource);
  prev?.names.forEach((name, i) => ids.push({ name, namespace: prev.namespaces[i] ?? '' }));
  return ids;
}

function hasId(selector: ReplacementSelector): boolean {
  return ['group', 'version', 'kind', 'name', 'namespace'].some((k) => str(selector[k]) !== '');
}

// kustomize's ResId.IsSelectedBy, for one id of the resource.
function idSelected(resource: JsonObject, id: Id, selector: ReplacementSelector, openapi: OpenApiSchema): boolean {
  const gvk = gvkOf(resource);
  if ((selector.group && selector.group !== gvk.group) || (selector.version && selector.version !== gvk.version) || (selector.kind && selector.kind !== gvk.kind)) return false;
  const selGvk = { group: str(selector.group), version: str(selector.version), kind: str(selector.kind) };
  return (!selector.name || selector.name === id.name) &&
    (!selector.namespace || effectiveNamespace(selGvk, selector.namespace, openapi) === effectiveNamespace(gvk, id.namespace, openapi));
}

function labelsMatch(resource: JsonObject, selector: ReplacementSelector): boolean {
  if (!selector.labelSelector && !selector.annotationSelector) return true;
  return matchesSelector(resource, { labelSelector: selector.labelSelector, annotationSelector: selector.annotationSelector });
}

/** Whether a resource is a replacement source candidate. */
export function isSource(resource: JsonObject, selector: ReplacementSelector, { previous, openapi = BUILTIN_OPENAPI }: SelectContext): boolean {
  return idsOf(resource, previous).some((id) => idSelected(resource, id, selector, openapi));
}

/** Whether a resource is a target of a `select`/`reject` pair. */
export function isTarget(resource: JsonObject, select: ReplacementSelector, reject: readonly ReplacementSelector[], { previous, openapi = BUILTIN_OPENAPI }: SelectContext): boolean {
  if (!labelsMatch(resource, select)) return false;
  const rejectedByLabels = reject.some((r) => (r.labelSelector || r.annotationSelector) && labelsMatch(resource, r));
  if (rejectedByLabels) return false;
  return idsOf(resource, previous).some((id) => idSelected(resource, id, select, openapi) && !reject.some((r) => hasId(r) && idSelected(resource, id, r, openapi)));
}

/** How kustomize prints a selector's id in errors: `Kind.version.group/name.namespace` with `[noX]` gaps. */
export function formatSelectorId(selector: ReplacementSelector): string {
  const part = (v: unknown, none: string) => str(v) || `[no${none}]`;
  return `${part(selector.kind, 'Kind')}.${part(selector.version, 'Ver')}.${part(selector.group, 'Grp')}/${part(selector.name, 'Name')}.${part(selector.namespace, 'Ns')}`;
}
