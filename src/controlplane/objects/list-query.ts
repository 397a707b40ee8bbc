// Lists with label and field selectors and `limit`/`continue` pages, answered from stored JSON
// text without parsing objects whenever the selector allows it.
import { ApiError } from '../api-error.js';
import { storagePrefix, type ResourceType } from '../registry/index.js';
import type { StoredValue } from '../storage/index.js';
import { matchesFields, parseFieldSelector, type FieldRequirement } from './field-selector.js';
import type { KubeObject } from './kube-object.js';
import { matchesLabels, parseLabelSelector, type LabelRequirement, type Labels } from './label-selector.js';
import type { ObjectStore } from './object-store.js';

/** The query parameters of a list. */
export interface ListQuery {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
}

/** One page of a list: stored texts plus list metadata. */
export interface ListPage {
  readonly items: StoredValue[];
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

/** A compiled selector that decides whether a stored object belongs to a list or watch. */
export interface ObjectFilter {
  readonly empty: boolean;
  matches(stored: StoredValue, parse: () => KubeObject): boolean;
}

/** Compiles `labelSelector` and `fieldSelector` for a resource. */
export function compileFilter(type: ResourceType, labelSelector?: string, fieldSelector?: string): ObjectFilter {
  const labels = parseLabelSelector(labelSelector);
  const fields = parseFieldSelector(fieldSelector, type.kind, type.custom);
  const fromKey = fields.filter((f) => f.field === 'metadata.name' || f.field === 'metadata.namespace');
  const fromBody = fields.filter((f) => !fromKey.includes(f));
  return {
    empty: labels.length === 0 && fields.length === 0,
    matches(stored, parse) {
      if (!matchesKeyFields(fromKey, stored.key)) return false;
      if (labels.length === 0 && fromBody.length === 0) return true;
      if (labels.length > 0 && !matchesLabels(labels, labelsOf(stored, parse))) return false;
      return fromBody.length === 0 || matchesFields(fromBody, parse() as unknown as Record<string, unknown>);
    },
  };
}

// Keys end in `<namespace>/<name>`, so the metadata fields need no parsing.
function matchesKeyFields(requirements: readonly FieldRequirement[], key: string): boolean {
  if (requirements.length === 0) return true;
  const nameAt = key.lastIndexOf('/');
  const name = key.slice(nameAt + 1);
  const namespace = key.slice(key.lastIndexOf('/', nameAt - 1) + 1, nameAt);
  return requirements.every((req) => ((req.field === 'metadata.name' ? name : namespace) === req.value) === req.equals);
}

// Labels are cached per stored value: selectors run on every list and watch event, and a
// stored value never changes (a write makes a new one), so the cache can never go stale.
const labelCache = new WeakMap<StoredValue, { labels: Labels | undefined }>();

function labelsOf(stored: StoredValue, parse: () => KubeObject): Labels | undefined {
  let cached = labelCache.get(stored);
  if (!cached) labelCache.set(stored, (cached = { labels: parse().metadata.labels }));
  return cached.labels;
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through to the error below
  }
  throw ApiError.badRequest(`continue key is not valid: ${token}`);
}

/** Lists a resource in a namespace ('' for all namespaces or cluster scope). */
export function listObjects(store: ObjectStore, type: ResourceType, namespace: string, query: ListQuery): ListPage {
  const filter = compileFilter(type, query.labelSelector, query.fieldSelector);
  const prefix = storagePrefix(type) + (type.namespaced && namespace ? `${namespace}/` : '');
  const limit = query.limit && query.limit > 0 ? query.limit : undefined;
  let afterKey = query.continue ? decodeContinue(query.continue) : undefined;
  const resourceVersion = String(store.backend.revision);
  const items: StoredValue[] = [];
  // Read in chunks so that a selective filter with a limit does not scan everything at once.
  const chunk = limit ? Math.max(limit * 2, 256) : undefined;
  for (;;) {
    const batch = store.backend.list(prefix, { ...(afterKey !== undefined ? { afterKey } : {}), ...(chunk ? { limit: chunk } : {}) });
    for (const stored of batch) {
      afterKey = stored.key;
      if (filter.matches(stored, () => store.decode(type, stored.value))) items.push(stored);
      if (limit && items.length === limit) return withContinue(store, prefix, items, resourceVersion, filter, afterKey);
    }
    if (!chunk || batch.length < chunk) return { items, resourceVersion };
  }
}

function withContinue(store: ObjectStore, prefix: string, items: StoredValue[], resourceVersion: string, filter: ObjectFilter, lastKey: string): ListPage {
  const rest = store.backend.list(prefix, { afterKey: lastKey, limit: 1 });
  if (rest.length === 0) return { items, resourceVersion };
  const token = Buffer.from(JSON.stringify({ k: lastKey })).toString('base64url');
  // The count of what remains is exact only without selectors, as upstream reports it.
  const remainingItemCount = filter.empty ? store.backend.list(prefix, { afterKey: lastKey }).length : undefined;
  return { items, resourceVersion, continue: token, ...(remainingItemCount !== undefined ? { remainingItemCount } : {}) };
}
