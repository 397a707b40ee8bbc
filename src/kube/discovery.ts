// Kind → REST resource, from the API server's discovery documents (`/api/v1`,
// `/apis/<group>/<version>`). Cached per group-version and fetched again once when a kind is
// missing, because a CRD installed after the first look adds kinds to a group-version.
import { WeirError } from '../lib/index.js';
import { apiErrorOf } from './errors.js';
import { requestError, type Transport } from './transport.js';

/** How a kind is served. */
export interface ResourceInfo {
  /** Plural resource name, the last segment of the collection path (`gitrepositories`). */
  readonly plural: string;
  readonly namespaced: boolean;
}

type Resources = Map<string, ResourceInfo>;

/** The path prefix of a group-version: `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(apiVersion: string): string {
  if (!/^([a-z0-9.-]+\/)?[a-z0-9]+$/.test(apiVersion)) {
    throw new WeirError('kube.apiVersion', `apiVersion "${apiVersion}" is not of the form <version> or <group>/<version>`);
  }
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** Resolves kinds through discovery, with a per-group-version cache. */
export class Discovery {
  private readonly cache = new Map<string, Promise<Resources>>();
  private readonly fetching = new Map<string, Promise<Resources>>();

  constructor(private readonly transport: Transport) {}

  /** How `kind` of `apiVersion` is served; throws WeirError `kube.unknownKind` when it is not. */
  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const found = (await this.load(apiVersion, false)).get(kind) ?? (await this.load(apiVersion, true)).get(kind);
    if (found) return found;
    throw new WeirError('kube.unknownKind', `${kind}: the server does not serve kind "${kind}" in ${apiVersion}`, {
      hint: 'check apiVersion and kind, or install the CustomResourceDefinition that defines it',
    });
  }

  private load(apiVersion: string, refresh: boolean): Promise<Resources> {
    const cached = this.cache.get(apiVersion);
    if (cached && !refresh) return cached;
    // Callers that miss at the same time share one refresh.
    const pending = this.fetching.get(apiVersion);
    if (pending) return pending;
    const next = this.fetch(apiVersion);
    this.fetching.set(apiVersion, next);
    next.then(
      () => this.cache.set(apiVersion, next),
      () => undefined,
    ).finally(() => this.fetching.delete(apiVersion));
    return next;
  }

  private async fetch(apiVersion: string): Promise<Resources> {
    const path = groupVersionPath(apiVersion);
    let reply;
    try {
      reply = await this.transport.request({ method: 'GET', path });
    } catch (err) {
      throw requestError(`discovery of ${apiVersion}`, this.transport.server + path, err);
    }
    const resources: Resources = new Map();
    if (reply.status === 404) return resources;
    if (reply.status < 200 || reply.status >= 300) throw apiErrorOf(`discovery of ${apiVersion}`, reply.status, reply.body);
    const list = JSON.parse(reply.body) as { resources?: Array<{ name: string; kind: string; namespaced: boolean }> };
    for (const resource of list.resources ?? []) {
      if (resource.name.includes('/') || resources.has(resource.kind)) continue; // subresources
      resources.set(resource.kind, { plural: resource.name, namespaced: resource.namespaced });
    }
    return resources;
  }
}
