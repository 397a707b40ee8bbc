// The verbs on resource paths (`/api/v1/namespaces/x/configmaps/y`, `/apis/G/V/...`): get,
// list, watch, create, update, patch, delete and deletecollection, with dry runs, Tables and
// the status and scale subresources.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error.js';
import { asKubeObject, compileFilter, deleteObject, listObjects, type KubeObject, type ObjectStore, type WriteOptions } from '../objects/index.js';
import { decodeKubernetesProtobuf, KUBERNETES_PROTOBUF_MEDIA_TYPE, ProtobufDecodeError, UnsupportedProtobufKindError } from '../protobuf/index.js';
import type { ResourceType } from '../registry/index.js';
import { buildTable, wantsTable, type IncludeObject } from '../tables/index.js';
import type { WatchHub } from '../watch/index.js';
import { mediaTypeOf, parseStructuredBody, readBody, sendJson, streamJson } from './http-io.js';
import { checkPatchType, PATCH_TYPES, patchObject } from './patch-request.js';
import { fromScale, toScale } from './scale.js';
import { answerReview } from './virtual-kinds.js';
import { openWatchStream } from './watch-stream.js';

/** A request on a resource path, resolved against the registry. */
export interface ResourceRequest {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name?: string;
  readonly subresource?: string;
  readonly query: URLSearchParams;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

/** What the handlers need from the server. */
export interface HandlerContext {
  readonly store: ObjectStore;
  readonly watches: WatchHub;
  /** Idle interval of watch streams (bookmark or keep-alive newline). */
  readonly watchIdleMs: number;
}

const SUBRESOURCES = new Set(['status', 'scale', 'finalize']);

function writeOptions(request: ResourceRequest): WriteOptions {
  const dryRun = request.query.getAll('dryRun');
  for (const value of dryRun) if (value !== 'All') throw ApiError.badRequest(`Invalid dry run value: "${value}": supported values: "All"`);
  const fieldManager = request.query.get('fieldManager') ?? undefined;
  if (fieldManager !== undefined && fieldManager.length > 128) {
    throw ApiError.invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueTooLong', field: 'fieldManager', message: 'Too long: may not be longer than 128' }]);
  }
  return {
    dryRun: dryRun.length > 0,
    ...(fieldManager !== undefined ? { fieldManager } : {}),
    ...(request.req.headers['user-agent'] ? { userAgent: request.req.headers['user-agent'] } : {}),
    ...(request.subresource ? { subresource: request.subresource } : {}),
  };
}

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject') ?? 'Metadata';
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') throw ApiError.badRequest(`includeObject must be None, Metadata or Object, not "${value}"`);
  return value;
}

async function readObjectBody(request: ResourceRequest): Promise<Record<string, unknown>> {
  const body = await readBody(request.req);
  const mediaType = mediaTypeOf(request.req.headers['content-type']);
  if (mediaType === KUBERNETES_PROTOBUF_MEDIA_TYPE) {
    try {
      return decodeKubernetesProtobuf(body);
    } catch (err) {
      if (err instanceof UnsupportedProtobufKindError) throw ApiError.unsupportedMediaType(`${err.message}; send application/json instead`);
      if (err instanceof ProtobufDecodeError) throw ApiError.badRequest(err.message);
      throw err;
    }
  }
  if (mediaType !== '' && mediaType !== 'application/json' && mediaType !== 'application/yaml' && mediaType !== '*/*') {
    throw ApiError.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, ${KUBERNETES_PROTOBUF_MEDIA_TYPE}`);
  }
  const value = parseStructuredBody(body, mediaType);
  return asKubeObject(value) as unknown as Record<string, unknown>;
}

function sendObject(request: ResourceRequest, code: number, object: KubeObject): void {
  if (wantsTable(request.req.headers.accept)) {
    sendJson(request.res, code, buildTable(request.type, [object as unknown as Record<string, unknown>], { include: includeObjectOf(request.query), resourceVersion: object.metadata.resourceVersion ?? '' }));
  } else {
    sendJson(request.res, code, object);
  }
}

/** GET of one object (or its status or scale). */
export function handleGet(ctx: HandlerContext, request: ResourceRequest): void {
  const { object, stored } = ctx.store.read(request.type, request.namespace, request.name!);
  if (request.subresource === 'scale') return sendJson(request.res, 200, toScale(request.type, object));
  if (wantsTable(request.req.headers.accept)) return sendObject(request, 200, object);
  sendJson(request.res, 200, ctx.store.textOf(request.type, stored));
}

/** GET of a collection: a list, a Table, or a watch. */
export function handleList(ctx: HandlerContext, request: ResourceRequest): void | Promise<void> {
  const { query, type } = request;
  const watch = query.get('watch');
  if (watch === 'true' || watch === '1') return handleWatch(ctx, request);
  const limit = query.get('limit');
  const page = listObjects(ctx.store, type, request.namespace, {
    ...(query.get('labelSelector') ? { labelSelector: query.get('labelSelector')! } : {}),
    ...(query.get('fieldSelector') ? { fieldSelector: query.get('fieldSelector')! } : {}),
    ...(limit ? { limit: Number(limit) } : {}),
    ...(query.get('continue') ? { continue: query.get('continue')! } : {}),
  });
  if (wantsTable(request.req.headers.accept)) {
    const objects = page.items.map((stored) => ctx.store.decode(type, stored.value) as unknown as Record<string, unknown>);
    return sendJson(request.res, 200, buildTable(type, objects, { include: includeObjectOf(query), resourceVersion: page.resourceVersion, ...(page.continue ? { continue: page.continue } : {}), ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}) }));
  }
  // Streamed from stored text: a list of thousands of objects is never parsed, re-serialized or
  // held in memory as one string, and a slow reader holds back only its own list.
  const metadata = JSON.stringify({ resourceVersion: page.resourceVersion, ...(page.continue ? { continue: page.continue } : {}), ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}) });
  const apiVersion = type.group === '' ? type.version : `${type.group}/${type.version}`;
  const head = `{"kind":${JSON.stringify(type.listKind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${metadata},"items":[`;
  return streamJson(request.res, head, page.items.map((stored) => () => ctx.store.textOf(type, stored)), ']}');
}

function handleWatch(ctx: HandlerContext, request: ResourceRequest): void {
  const { query, type } = request;
  const filter = compileFilter(type, query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
  const timeout = query.get('timeoutSeconds');
  const table = wantsTable(request.req.headers.accept) ? { include: includeObjectOf(query) } : undefined;
  const sink = openWatchStream(request.res, {
    type,
    ...(table ? { table } : {}),
    bookmarks: query.get('allowWatchBookmarks') === 'true',
    ...(timeout ? { timeoutSeconds: Number(timeout) } : {}),
    idleIntervalMs: ctx.watchIdleMs,
    currentRevision: () => ctx.store.backend.revision,
  });
  const rv = query.get('resourceVersion') ?? undefined;
  const stop = ctx.watches.open({ type, namespace: request.namespace, filter, ...(rv !== undefined ? { resourceVersion: rv } : {}) }, sink);
  sink.onClose(stop);
}

/** POST to a collection. */
export async function handleCreate(ctx: HandlerContext, request: ResourceRequest): Promise<void> {
  const body = await readObjectBody(request);
  if (request.type.virtual) return sendJson(request.res, 201, answerReview(request.type, body));
  const object = ctx.store.create(request.type, request.namespace, body, writeOptions(request));
  sendObject(request, 201, object);
}

/** PUT of an object, its status, its scale, or a namespace's finalizers. */
export async function handleUpdate(ctx: HandlerContext, request: ResourceRequest): Promise<void> {
  const body = await readObjectBody(request);
  const options = writeOptions(request);
  if (request.subresource === 'scale') {
    const current = ctx.store.read(request.type, request.namespace, request.name!);
    const next = fromScale(request.type, current.object, body);
    ctx.store.checkPrecondition(request.type, current, next.metadata.resourceVersion);
    const object = ctx.store.replace(request.type, current, next, { ...options, subresource: 'scale' });
    return sendJson(request.res, 200, toScale(request.type, object));
  }
  const object = ctx.store.update(request.type, request.namespace, request.name!, body, options);
  sendObject(request, 200, object);
}

/** PATCH of an object (or its status or scale). */
export async function handlePatch(ctx: HandlerContext, request: ResourceRequest): Promise<void> {
  const { type } = request;
  const mediaType = mediaTypeOf(request.req.headers['content-type']);
  checkPatchType(type, mediaType);
  const body = await readBody(request.req);
  const options = writeOptions(request);
  const force = request.query.get('force');
  if (mediaType === PATCH_TYPES.apply) {
    if (!options.fieldManager) {
      throw ApiError.invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueRequired', field: 'fieldManager', message: 'Required value: is required for apply patch' }]);
    }
    const config = asKubeObject(parseStructuredBody(body, mediaType));
    const result = ctx.store.apply(type, request.namespace, request.name!, config, { ...options, force: force === 'true' });
    return sendObject(request, result.created ? 201 : 200, result.object);
  }
  if (force !== null) {
    throw ApiError.invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueForbidden', field: 'force', message: 'Forbidden: may not be specified for non-apply patch' }]);
  }
  const current = ctx.store.read(type, request.namespace, request.name!);
  if (request.subresource === 'scale') {
    const patchedScale = patchObject(type, toScale(type, current.object) as unknown as KubeObject, mediaType, body);
    const next = fromScale(type, current.object, patchedScale as unknown as Record<string, unknown>);
    ctx.store.checkPrecondition(type, current, next.metadata.resourceVersion);
    return sendJson(request.res, 200, toScale(type, ctx.store.replace(type, current, next, options)));
  }
  const next = patchObject(type, current.object, mediaType, body);
  ctx.store.checkPrecondition(type, current, next.metadata.resourceVersion);
  sendObject(request, 200, ctx.store.replace(type, current, next, options));
}

async function deleteOptionsOf(request: ResourceRequest): Promise<{ propagationPolicy?: string; orphanDependents?: boolean; preconditions?: { uid?: string; resourceVersion?: string }; dryRun: boolean }> {
  const body = await readBody(request.req);
  const parsed = body.length > 0 && body.toString('utf8').trim() !== '' ? (parseStructuredBody(body, 'application/json') as Record<string, unknown>) : {};
  const dryRun = [...request.query.getAll('dryRun'), ...((parsed.dryRun as string[] | undefined) ?? [])];
  for (const value of dryRun) if (value !== 'All') throw ApiError.badRequest(`Invalid dry run value: "${value}": supported values: "All"`);
  const policy = (parsed.propagationPolicy as string | undefined) ?? request.query.get('propagationPolicy') ?? undefined;
  return {
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(parsed.orphanDependents !== undefined ? { orphanDependents: Boolean(parsed.orphanDependents) } : {}),
    ...(parsed.preconditions ? { preconditions: parsed.preconditions as { uid?: string; resourceVersion?: string } } : {}),
    dryRun: dryRun.length > 0,
  };
}

function successStatus(type: ResourceType, object: KubeObject): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: object.metadata.name, ...(type.group ? { group: type.group } : {}), kind: type.plural, uid: object.metadata.uid },
  };
}

/** DELETE of one object. */
export async function handleDelete(ctx: HandlerContext, request: ResourceRequest): Promise<void> {
  const options = await deleteOptionsOf(request);
  const result = deleteObject(ctx.store, request.type, request.namespace, request.name!, options);
  // Like the API server: a Status when the object is gone, the object while finalizers hold it.
  if (result.gone) sendJson(request.res, 200, successStatus(request.type, result.object));
  else sendJson(request.res, 200, result.object);
}

/** DELETE of a collection (with selectors). */
export async function handleDeleteCollection(ctx: HandlerContext, request: ResourceRequest): Promise<void> {
  const options = await deleteOptionsOf(request);
  const { query, type } = request;
  const page = listObjects(ctx.store, type, request.namespace, {
    ...(query.get('labelSelector') ? { labelSelector: query.get('labelSelector')! } : {}),
    ...(query.get('fieldSelector') ? { fieldSelector: query.get('fieldSelector')! } : {}),
  });
  const deleted: KubeObject[] = [];
  for (const stored of page.items) {
    const object = ctx.store.decode(type, stored.value);
    deleted.push(deleteObject(ctx.store, type, object.metadata.namespace ?? '', object.metadata.name!, options).object);
  }
  sendJson(request.res, 200, { kind: type.listKind, apiVersion: type.group ? `${type.group}/${type.version}` : type.version, metadata: { resourceVersion: String(ctx.store.backend.revision) }, items: deleted });
}

/** Dispatches a resource request by method. */
export async function handleResource(ctx: HandlerContext, request: ResourceRequest): Promise<void> {
  const { req, type, name, subresource } = request;
  if (subresource !== undefined && (!SUBRESOURCES.has(subresource) || (subresource === 'status' && !type.statusSubresource) || (subresource === 'scale' && !type.scale) || (subresource === 'finalize' && type.kind !== 'Namespace'))) {
    throw ApiError.pathNotFound();
  }
  const method = req.method ?? 'GET';
  if (type.virtual && !(method === 'POST' && name === undefined)) throw ApiError.methodNotAllowed(`the server does not allow this method on the requested resource`);
  if (name === undefined) {
    if (method === 'GET') return handleList(ctx, request);
    if (method === 'POST') return handleCreate(ctx, request);
    if (method === 'DELETE') return handleDeleteCollection(ctx, request);
  } else {
    if (method === 'GET') return handleGet(ctx, request);
    if (method === 'PUT') return handleUpdate(ctx, request);
    if (method === 'PATCH') return handlePatch(ctx, request);
    if (method === 'DELETE' && subresource === undefined) return handleDelete(ctx, request);
  }
  throw ApiError.methodNotAllowed('the server does not allow this method on the requested resource');
}
