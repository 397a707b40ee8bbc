// `kustomize build`: accumulate the root, then what kustomize does only once at the top — name
// hashes, name references, vars, dropping local-config, and the output order.
import { posix } from 'node:path';
import { defaultConfig } from './config.js';
import { KustomizeError } from './errors.js';
import { diskFileSystem, memoizedFileSystem, type FileSystem } from './fs.js';
import { nameHash } from './hash.js';
import { OpenApiState } from './openapi.js';
import { createLoader } from './loader.js';
import { fixNameReferences } from './name-reference.js';
import { legacySort } from './order.js';
import { isObject, metadataOf, previousIds, rememberId, type JsonObject, type Resource } from './resource.js';
import { ResMap } from './res-map.js';
import { accumulate, type Accumulator } from './target.js';
import { loadKustomization } from './kustomization.js';
import { resolveVars } from './vars/index.js';
import { stringifyResourceStream } from './yaml/index.js';

/** Options of a build. */
export interface BuildOptions {
  fs?: FileSystem;
  /** No load may leave this directory, symlinks included (Flux: the source root). Default: `/`. */
  boundary?: string;
  /**
   * kustomize's --load-restrictor. `rootOnly` (the default, as kustomize's): a file must be below
   * the kustomization that reads it, while the kustomizations it includes may be anywhere inside
   * the boundary. `none` (what Flux builds with): anything inside the boundary.
   */
  loadRestrictor?: 'rootOnly' | 'none';
  allowPlugins?: boolean;
  allowRemote?: boolean;
}

/** The built resources, in output order. */
export interface BuildResult {
  readonly resources: JsonObject[];
  /** the output stream, as kustomize prints it */
  toYaml(): string;
}

/** Builds the kustomization in dir, as `kustomize build dir` does. */
export function build(dir: string, options: BuildOptions = {}): BuildResult {
  const fs = memoizedFileSystem(options.fs ?? diskFileSystem());
  const root = posix.resolve(dir);
  for (const path of [root, posix.resolve(options.boundary ?? '/')]) {
    if (!fs.isDirectory(path)) throw new KustomizeError(`'${path}' is not a directory`, { file: path }, { code: 'kustomize.missing' });
  }
  const boundary = fs.realPath(posix.resolve(options.boundary ?? '/'));
  const openapi = new OpenApiState();
  const acc: Accumulator = { resmap: new ResMap(openapi), config: defaultConfig(), vars: [], varTargets: new Map() };
  const rootDir = fs.realPath(root);
  const loader = createLoader(fs, rootDir, boundary, (options.loadRestrictor ?? 'rootOnly') === 'rootOnly');
  const buildMetadata = loadKustomization(loader).fields.buildMetadata;
  const metadata = new Set(Array.isArray(buildMetadata) ? (buildMetadata as unknown[]) : []);
  const ctx = { allowPlugins: options.allowPlugins === true, allowRemote: options.allowRemote === true, stack: [rootDir], track: metadata.has('transformerAnnotations'), bases: new Map(), openapi };
  const k = accumulate(loader, acc, ctx, 'root');
  addHashes(acc.resmap.resources);
  fixNameReferences(acc.resmap.resources, acc.config.nameReference, openapi);
  if (acc.vars.length) {
    const targetOf = (name: string) => acc.varTargets.get(name)?.obj;
    resolveVars(acc.resmap.resources.map((r) => r.obj), acc.vars, acc.config.varReference, { file: k.file, previous: previousIds(acc.resmap.resources), targetOf, openapi });
  }
  const kept = acc.resmap.resources.filter((r) => !isLocalConfig(r));
  for (const r of kept) {
    addBuildMetadata(r, metadata, rootDir);
    dropEmptyAnnotations(r.obj);
  }
  const sortOptions = isObject(k.fields.sortOptions) ? k.fields.sortOptions : {};
  const legacy = isObject(sortOptions.legacySortOptions) ? sortOptions.legacySortOptions as { orderFirst?: string[]; orderLast?: string[] } : undefined;
  const ordered = sortOptions.order === 'fifo' ? kept : legacySort(kept, legacy);
  const resources = ordered.map((r) => r.obj);
  return { resources, toYaml: () => stringifyResourceStream(resources) };
}

/** Generated ConfigMaps and Secrets get their content hash appended to their name. */
function addHashes(resources: readonly Resource[]): void {
  for (const res of resources) {
    if (!res.needsHash) continue;
    rememberId(res);
    const meta = metadataOf(res.obj);
    meta.name = `${String(meta.name)}-${nameHash(res.obj)}`;
  }
}

/** buildMetadata: origin and transformer annotations, and the managed-by label kubectl prints. */
function addBuildMetadata(res: Resource, metadata: ReadonlySet<unknown>, rootDir: string): void {
  const meta = metadataOf(res.obj);
  const rel = (abs: string) => posix.relative(rootDir, abs);
  const annotations = (): JsonObject => (isObject(meta.annotations) ? meta.annotations : (meta.annotations = {}));
  if (metadata.has('originAnnotations')) {
    const { abs, configuredIn, configuredBy } = res.origin;
    if (abs) annotations()['config.kubernetes.io/origin'] = `path: ${rel(abs)}\n`;
    else if (configuredIn && configuredBy) {
      annotations()['config.kubernetes.io/origin'] = `configuredIn: ${rel(configuredIn)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${configuredBy.kind}\n`;
    }
  }
  if (metadata.has('transformerAnnotations') && res.transformations?.length) {
    annotations()['alpha.config.kubernetes.io/transformations'] = res.transformations
      .map((t) => `- configuredIn: ${rel(t.configuredIn)}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${t.kind}\n`).join('');
  }
  if (metadata.has('managedByLabel')) {
    // kubectl's embedded kustomize reports its version as "(devel)".
    if (!isObject(meta.labels)) meta.labels = {};
    (meta.labels as JsonObject)['app.kubernetes.io/managed-by'] = 'kustomize-(devel)';
  }
}

/** kustomize rewrites annotations when it strips its build annotations: an empty map goes away. */
function dropEmptyAnnotations(obj: JsonObject): void {
  const meta = obj.metadata;
  if (!isObject(meta) || !('annotations' in meta)) return;
  const ann = meta.annotations;
  if (ann === null || ann === undefined || (isObject(ann) && Object.keys(ann).length === 0)) delete meta.annotations;
}

function isLocalConfig(res: Resource): boolean {
  const meta = res.obj.metadata;
  const ann = isObject(meta) && isObject(meta.annotations) ? meta.annotations : {};
  return ann['config.kubernetes.io/local-config'] === 'true';
}
