// Target selection for patches and replacements, as kustomize's resource map selects
// (api/resmap Select with types.SelectorRegex): group, version and kind must equal the selector's
// when set; name and namespace are regular expressions anchored at both ends, matched against the
// current or any earlier name/namespace; label and annotation selectors use label-selector syntax.
import type { JsonObject } from '../../apimachinery/index.js';
import { KustomizeError } from '../errors.js';
import { matchesRequirements, parseLabelSelector } from '../../apimachinery/index.js';
import { BUILTIN_OPENAPI, type OpenApiSchema } from './openapi-schema.js';
import { effectiveNamespace, gvkOf, metadataOf, nameAndNamespace, type ResourceGvk } from './resource-id.js';

/** A patch or replacement target selector. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** A resource's names and namespaces before prefixes, suffixes and namespace changes. */
export interface PreviousIds {
  readonly names: readonly string[];
  readonly namespaces: readonly string[];
}

const regexCache = new Map<string, RegExp>();

// Go's regexp is RE2; JavaScript's `u` mode is close enough for the names kustomize users write.
function anchored(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch (err) {
      throw new KustomizeError(`selector pattern ${JSON.stringify(pattern)} is not a valid regular expression`, {}, { cause: err });
    }
    regexCache.set(pattern, re);
  }
  return re;
}

function gvkSelected(gvk: ResourceGvk, selector: Selector): boolean {
  return (!selector.group || selector.group === gvk.group) && (!selector.version || selector.version === gvk.version) && (!selector.kind || selector.kind === gvk.kind);
}

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
}

function selectorMatches(selector: string | undefined, map: unknown, field: string): boolean {
  if (!selector) return true;
  const reqs = parseLabelSelector(selector);
  if (typeof reqs === 'string') throw new KustomizeError(`${field} ${JSON.stringify(selector)}: ${reqs}`, { field });
  return matchesRequirements(reqs, stringMap(map));
}

/** Whether a resource matches a patch/replacement target selector, as kustomize matches (name and namespace are anchored regexes; labelSelector/annotationSelector are label-selector syntax). `previousNames`/`previousNamespaces`: the resource's names and namespaces before prefixes/suffixes/namespace changes, which kustomize also matches against where it does. `openapi` decides which kinds are cluster-scoped. */
export function matchesSelector(resource: JsonObject, selector: Selector, previous?: PreviousIds, openapi: OpenApiSchema = BUILTIN_OPENAPI): boolean {
  const gvk = gvkOf(resource);
  const { name, namespace } = nameAndNamespace(resource);
  if (selector.namespace) {
    const re = anchored(selector.namespace);
    const namespaces = [namespace, ...(previous?.namespaces ?? [])].map((ns) => effectiveNamespace(gvk, ns, openapi));
    if (!namespaces.some((ns) => re.test(ns))) return false;
  }
  if (selector.name) {
    const re = anchored(selector.name);
    if (![name, ...(previous?.names ?? [])].some((n) => re.test(n))) return false;
  }
  if (!gvkSelected(gvk, selector)) return false;
  const meta = metadataOf(resource);
  return selectorMatches(selector.labelSelector, meta.labels, 'labelSelector') && selectorMatches(selector.annotationSelector, meta.annotations, 'annotationSelector');
}
