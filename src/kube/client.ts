// The API client every controller uses: objects of any kind through discovery, the write verbs
// with Kubernetes semantics (server-side apply, merge and JSON patch, optimistic replace), the
// status subresource, and watches. Every non-2xx reply becomes a KubeApiError.
import type { KubeConfig } from '@kubernetes/client-node';
import { WeirError } from '../lib/index.js';
import { Discovery, groupVersionPath, type ResourceInfo } from './discovery.js';
import { apiErrorOf } from './errors.js';
import { loadKubeConfig, type KubeConfigOptions } from './kubeconfig.js';
import { requestError, Transport, type Reply, type RequestSpec } from './transport.js';
import { describeRef, describeType, type KubeObject, type ObjectRef, type TypeRef, type WatchEvent } from './types.js';
import { openWatch, type WatchHandle } from './watch-stream.js';

/** A page of a list. */
export interface ListPage {
  items: KubeObject[];
  /** The collection's resourceVersion: start a watch here to see every later change. */
  resourceVersion: string;
  /** Pass back as `continue` for the next page; absent on the last page. */
  continue?: string;
}

type Subresource = 'status';

const PATCH = { apply: 'application/apply-patch+yaml', merge: 'application/merge-patch+json', json: 'application/json-patch+json' };

/** A client for one cluster (one kubeconfig context). */
export class KubeClient {
  /** API server URL. */
  readonly server: string;
  private readonly transport: Transport;
  private readonly discovery: Discovery;
  /** Where namespaced objects without a namespace go: the context's namespace, else `default`. */
  private readonly defaultNamespace: string;

  constructor(config: KubeConfig) {
    this.transport = new Transport(config);
    this.discovery = new Discovery(this.transport);
    this.server = this.transport.server;
    this.defaultNamespace = config.getContextObject(config.getCurrentContext())?.namespace || 'default';
  }

  /** kubeconfig file (default: $KUBECONFIG, ~/.kube/config, in-cluster) and optional context */
  static load(options: KubeConfigOptions = {}): KubeClient {
    return new KubeClient(loadKubeConfig(options));
  }

  /** Reads one object; undefined when it does not exist. */
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const { path, subject } = await this.locate(ref);
    const reply = await this.call(subject, { method: 'GET', path });
    if (reply.status === 404) return undefined;
    return this.decode(subject, reply);
  }

  /** Lists one page (or everything, without `limit`) of a collection. */
  async list(type: TypeRef, options: { limit?: number; continue?: string; signal?: AbortSignal } = {}): Promise<ListPage> {
    const subject = describeType(type);
    const path = await this.resourcePath(type);
    const query = { labelSelector: type.labelSelector, fieldSelector: type.fieldSelector, limit: options.limit, continue: options.continue };
    const reply = await this.call(subject, { method: 'GET', path, query, ...(options.signal ? { signal: options.signal } : {}) });
    const list = this.decode(subject, reply) as unknown as { items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } };
    // Real API servers leave apiVersion and kind out of the items of built-in lists.
    const items = (list.items ?? []).map((item) => withType(item, type));
    const page: ListPage = { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    if (list.metadata?.continue) page.continue = list.metadata.continue;
    return page;
  }

  /** Creates an object (POST); 409 AlreadyExists when it exists. */
  async create(obj: KubeObject, options: { dryRun?: boolean; fieldManager?: string } = {}): Promise<KubeObject> {
    const ref = refOf(obj);
    const { info, namespace, subject } = await this.resolve(ref);
    const path = this.collectionPath(obj.apiVersion, info, namespace);
    const query = { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager };
    return this.decode(subject, await this.call(subject, { method: 'POST', path, query, body: obj }));
  }

  /** Server-side apply: the object is this manager's whole intent; conflicts are 409 unless forced. */
  async apply(obj: KubeObject, options: { fieldManager: string; force?: boolean; dryRun?: boolean; subresource?: Subresource }): Promise<KubeObject> {
    const { path, subject } = await this.locate(refOf(obj), options.subresource);
    const query = { fieldManager: options.fieldManager, force: options.force ? 'true' : undefined, dryRun: options.dryRun ? 'All' : undefined };
    return this.decode(subject, await this.call(subject, { method: 'PATCH', path, query, body: obj, contentType: PATCH.apply }));
  }

  /** JSON merge patch (RFC 7386); `null` removes a field. */
  async mergePatch(ref: ObjectRef, patch: object, options: { subresource?: Subresource; fieldManager?: string } = {}): Promise<KubeObject> {
    const { path, subject } = await this.locate(ref, options.subresource);
    const query = { fieldManager: options.fieldManager };
    return this.decode(subject, await this.call(subject, { method: 'PATCH', path, query, body: patch, contentType: PATCH.merge }));
  }

  /** JSON patch (RFC 6902); a `test` op makes it conditional. */
  async jsonPatch(ref: ObjectRef, ops: object[], options: { subresource?: Subresource } = {}): Promise<KubeObject> {
    const { path, subject } = await this.locate(ref, options.subresource);
    return this.decode(subject, await this.call(subject, { method: 'PATCH', path, body: ops, contentType: PATCH.json }));
  }

  /** Replaces an object (PUT); 409 Conflict when metadata.resourceVersion is stale. */
  async replace(obj: KubeObject, options: { subresource?: Subresource } = {}): Promise<KubeObject> {
    const { path, subject } = await this.locate(refOf(obj), options.subresource);
    return this.decode(subject, await this.call(subject, { method: 'PUT', path, body: obj }));
  }

  /** Deletes an object; false when it did not exist. Finalizers may keep it for a while. */
  async delete(ref: ObjectRef, options: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' } = {}): Promise<boolean> {
    const { path, subject } = await this.locate(ref);
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}) };
    const reply = await this.call(subject, { method: 'DELETE', path, body });
    if (reply.status === 404) return false;
    this.decode(subject, reply);
    return true;
  }

  /** Streams watch events until aborted or the server ends the watch; 410 arrives as an ERROR event with a Status object. */
  async watch(
    type: TypeRef,
    options: { resourceVersion?: string; allowWatchBookmarks?: boolean; timeoutSeconds?: number },
    onEvent: (e: WatchEvent) => void,
    onDone: (err?: unknown) => void,
  ): Promise<WatchHandle> {
    let path: string;
    try {
      path = await this.resourcePath(type);
    } catch (err) {
      onDone(err);
      return { abort: () => undefined };
    }
    const query = {
      watch: 'true',
      resourceVersion: options.resourceVersion || undefined,
      allowWatchBookmarks: options.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: options.timeoutSeconds,
      labelSelector: type.labelSelector,
      fieldSelector: type.fieldSelector,
    };
    const spec = { path, query, ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}) };
    const deliver = (event: WatchEvent) => onEvent(event.type === 'ERROR' ? event : { ...event, object: withType(event.object, type) });
    return openWatch(this.transport, describeType(type), spec, deliver, onDone);
  }

  /** The REST path of a type (discovery, cached): e.g. /apis/source.toolkit.fluxcd.io/v1/namespaces/x/gitrepositories */
  async resourcePath(type: TypeRef): Promise<string> {
    const info = await this.discovery.resolve(type.apiVersion, type.kind);
    return this.collectionPath(type.apiVersion, info, type.namespace);
  }

  /** Closes pooled idle connections (open watches end on their own or by abort). */
  close(): void {
    this.transport.close();
  }

  private async resolve(ref: ObjectRef): Promise<{ info: ResourceInfo; namespace: string | undefined; subject: string }> {
    const info = await this.discovery.resolve(ref.apiVersion, ref.kind);
    const namespace = info.namespaced ? ref.namespace || this.defaultNamespace : undefined;
    return { info, namespace, subject: describeRef({ kind: ref.kind, ...(namespace ? { namespace } : {}), name: ref.name }) };
  }

  private async locate(ref: ObjectRef, subresource?: Subresource): Promise<{ path: string; subject: string }> {
    const { info, namespace, subject } = await this.resolve(ref);
    if (!ref.name) throw new WeirError('kube.name', `${subject}: a name is required here`, { hint: 'set metadata.name' });
    const path = `${this.collectionPath(ref.apiVersion, info, namespace)}/${encodeURIComponent(ref.name)}${subresource ? `/${subresource}` : ''}`;
    return { path, subject };
  }

  private collectionPath(apiVersion: string, info: ResourceInfo, namespace: string | undefined): string {
    const scope = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${groupVersionPath(apiVersion)}${scope}/${info.plural}`;
  }

  private async call(subject: string, spec: RequestSpec): Promise<Reply> {
    try {
      return await this.transport.request(spec);
    } catch (err) {
      throw requestError(subject, `${spec.method} ${this.server}${spec.path}`, err);
    }
  }

  private decode(subject: string, reply: Reply): KubeObject {
    if (reply.status < 200 || reply.status >= 300) throw apiErrorOf(subject, reply.status, reply.body);
    return JSON.parse(reply.body) as KubeObject;
  }
}

function refOf(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name, ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}) };
}

function withType(obj: KubeObject, type: TypeRef): KubeObject {
  return obj.apiVersion && obj.kind ? obj : { ...obj, apiVersion: obj.apiVersion || type.apiVersion, kind: obj.kind || type.kind };
}
