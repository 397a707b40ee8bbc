// Accumulating one kustomization (api/internal/target/kusttarget.go): resources, components,
// configurations, generators, then the builtin transformers in kustomize's fixed order.
import { posix } from 'node:path';
import { transformImages, transformReplicas, toImageRules } from './builtins/images.js';
import { transformMapEntries, transformNamespace, transformPrefixSuffix } from './builtins/metadata.js';
import { applyPatch, applyStrategicMergePatches, toSelector, type PatchSource } from './builtins/patches.js';
import { mergeConfig, parseConfig, type TransformerConfig } from './config.js';
import { configFromCrds } from './crds.js';
import { KustomizeError } from './errors.js';
import { toFieldSpecs } from './field-spec.js';
import { generate } from './generators.js';
import { hasKustomization, loadKustomization, type Kustomization } from './kustomization.js';
import type { Loader } from './loader.js';
import { cloneResource, isObject, previousIds, type JsonObject, type Resource } from './resource.js';
import { readResourceFile, parseDocuments } from './resources.js';
import { ResMap } from './res-map.js';
import type { OpenApiSnapshot, OpenApiState } from './openapi.js';
import { runListedPlugins } from './plugins.js';
import { applyReplacements } from './replacements/index.js';
import { findVarTargets } from './vars/index.js';

/** What accumulates while a tree of kustomizations is built. */
export interface Accumulator {
  resmap: ResMap;
  config: TransformerConfig;
  vars: unknown[];
  /** The resource each var was bound to when its kustomization finished (kustomize's MergeVars). */
  varTargets: Map<string, Resource>;
}

/** Build-wide settings. */
export interface TargetContext {
  allowPlugins: boolean;
  allowRemote: boolean;
  /** Directories on the current path, to report cycles. */
  stack: string[];
  /** Record which transformers ran over each resource (buildMetadata: transformerAnnotations). */
  track: boolean;
  /** Bases already accumulated in this build, by directory, inherited configuration and schema state; with the schema state they leave. */
  bases: Map<string, { acc: Accumulator; openapi: OpenApiSnapshot }>;
  /** The build's OpenAPI schema (kyaml's process-wide one, here per build). */
  openapi: OpenApiState;
}

const REMOTE = /^(git::|https?:\/\/|git@|ssh:\/\/|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/;

/** Accumulates the kustomization in loader.dir into acc. */
export function accumulate(loader: Loader, acc: Accumulator, ctx: TargetContext, expect: 'Kustomization' | 'Component' | 'root'): Kustomization {
  const k = loadKustomization(loader);
  // As kustomize: the root always sets the schema, a base or component only while none is set.
  ctx.openapi.set(k, loader, expect === 'root');
  // The root may be either kind; a base must be a Kustomization, a component a Component.
  if (expect !== 'root' && k.kind !== expect) {
    throw new KustomizeError(expect === 'Component'
      ? `expected kind 'Component' for a path listed in components, got '${k.kind}'`
      : `expected kind != 'Component' for a path listed in resources`, { file: k.file });
  }
  refuseUnsupported(k, ctx);
  const f = k.fields;
  const file = k.file;
  for (const entry of list(f.resources)) accumulateResource(loader, acc, ctx, entry, file);
  for (const entry of list(f.components)) accumulateDir(loader, acc, ctx, entry, file, 'components');
  for (const path of list(f.configurations).filter((p): p is string => typeof p === 'string')) {
    for (const doc of parseDocuments(loader.readText(path, { file, field: 'configurations' }), path)) {
      if (isObject(doc.value)) mergeConfig(acc.config, parseConfig(doc.value));
    }
  }
  for (const path of list(f.crds).filter((p): p is string => typeof p === 'string')) {
    for (const doc of parseDocuments(loader.readText(path, { file, field: 'crds' }), path)) {
      if (isObject(doc.value)) mergeConfig(acc.config, configFromCrds(doc.value));
    }
  }
  for (const [i, args] of list(f.configMapGenerator).entries()) absorbGenerated(acc, loader, 'ConfigMap', args, f, { file, field: `configMapGenerator[${i}]` });
  for (const [i, args] of list(f.secretGenerator).entries()) absorbGenerated(acc, loader, 'Secret', args, f, { file, field: `secretGenerator[${i}]` });
  runListedPlugins(acc, loader, list(f.generators), { file, field: 'generators' }, ctx.allowPlugins, 'generators');
  runTransformers(acc, loader, f, file, ctx.track ? posix.join(loader.dir, posix.basename(file)) : undefined);
  runListedPlugins(acc, loader, list(f.transformers), { file, field: 'transformers' }, ctx.allowPlugins, 'transformers');
  if (Array.isArray(f.vars) && f.vars.length) bindVars(acc, f.vars, file);
  return k;
}

/** Binds vars to resources now, while only this kustomization's resources are visible. */
function bindVars(acc: Accumulator, vars: unknown[], file: string): void {
  const resources = acc.resmap.resources;
  const byObject = new Map(resources.map((r) => [r.obj, r] as const));
  const targets = findVarTargets(resources.map((r) => r.obj), vars, { file, previous: previousIds(resources), openapi: acc.resmap.openapi });
  vars.forEach((v, i) => {
    const target = targets[i] && byObject.get(targets[i]);
    if (target && isObject(v) && typeof v.name === 'string') acc.varTargets.set(v.name, target);
  });
  acc.vars.push(...vars);
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function refuseUnsupported(k: Kustomization, ctx: TargetContext): void {
  for (const field of ['helmCharts', 'helmChartInflationGenerator', 'helmGlobals']) {
    if (k.fields[field] !== undefined) throw new KustomizeError('helm chart inflation is not supported (Flux refuses it too)', { file: k.file, field }, { code: 'kustomize.unsupported' });
  }
  if (list(k.fields.validators).length) {
    // Validators are exec or Go plugins: never run in-process, allowed or not.
    const why = ctx.allowPlugins ? 'are not supported by this engine' : 'are plugins, which are not allowed';
    throw new KustomizeError(`validators ${why}`, { file: k.file, field: 'validators' }, { code: 'kustomize.plugins' });
  }
}

function accumulateResource(loader: Loader, acc: Accumulator, ctx: TargetContext, entry: unknown, file: string): void {
  if (typeof entry !== 'string') throw new KustomizeError('resources entries must be strings', { file, field: 'resources' });
  if (REMOTE.test(entry)) {
    throw new KustomizeError(`remote resource ${entry} is not supported${ctx.allowRemote ? ' by this engine' : ': remote bases are not allowed'}`, { file, field: 'resources' }, { code: 'kustomize.remote' });
  }
  const abs = loader.resolve(entry, { file, field: 'resources' });
  if (loader.fs.isDirectory(abs)) return accumulateDir(loader, acc, ctx, entry, file, 'resources');
  for (const res of readResourceFile(loader, entry, file)) acc.resmap.append(res, file);
}

/** A base (its own accumulator, appended) or a component (applied to acc itself). */
function accumulateDir(loader: Loader, acc: Accumulator, ctx: TargetContext, entry: unknown, file: string, field: 'resources' | 'components'): void {
  if (typeof entry !== 'string') throw new KustomizeError(`${field} entries must be strings`, { file, field });
  if (REMOTE.test(entry)) throw new KustomizeError(`remote ${field} ${entry} is not supported`, { file, field }, { code: 'kustomize.remote' });
  const abs = loader.resolve(entry, { file, field });
  const real = loader.fs.realPath(abs);
  if (ctx.stack.includes(real)) {
    const cycle = [...ctx.stack.slice(ctx.stack.indexOf(real)), real].map((d) => loader.display(d)).join(' -> ');
    throw new KustomizeError(`cycle detected: ${cycle}`, { file, field }, { code: 'kustomize.cycle' });
  }
  if (!loader.fs.isDirectory(abs) || !hasKustomization(loader, abs)) {
    if (field === 'components') throw new KustomizeError(`component '${entry}' must be a directory with a kustomization`, { file, field });
  }
  const child = loader.child(abs);
  const inner = { ...ctx, stack: [...ctx.stack, real] };
  if (field === 'components') {
    accumulate(child, acc, inner, 'Component');
    return;
  }
  const sub = accumulateBase(child, acc.config, inner);
  acc.resmap.appendAll(sub.resmap, file);
  mergeConfig(acc.config, sub.config);
  acc.vars.push(...sub.vars);
  for (const [name, res] of sub.varTargets) acc.varTargets.set(name, res);
}

/**
 * The result of a base, accumulated once per build: aggregating overlays of one base is the
 * common shape, and kustomize's cost there is re-reading the base for each overlay. A base's
 * result depends only on its directory and the configuration it inherits; each use gets a copy.
 */
function accumulateBase(loader: Loader, inherited: TransformerConfig, ctx: TargetContext): Accumulator {
  const key = `${loader.dir}\u0000${JSON.stringify(inherited)}\u0000${ctx.openapi.key()}`;
  let done = ctx.bases.get(key);
  if (done === undefined) {
    const sub: Accumulator = { resmap: new ResMap(ctx.openapi), config: structuredClone(inherited), vars: [], varTargets: new Map() };
    accumulate(loader, sub, ctx, 'Kustomization');
    done = { acc: copyAccumulator(sub), openapi: ctx.openapi.snapshot() };
    ctx.bases.set(key, done);
  }
  // The base may have set or first used the schema: so does its reuse.
  ctx.openapi.restore(done.openapi);
  return copyAccumulator(done.acc);
}

function copyAccumulator(acc: Accumulator): Accumulator {
  const resmap = new ResMap(acc.resmap.openapi);
  const copies = new Map<Resource, Resource>();
  for (const res of acc.resmap.resources) {
    const copy = cloneResource(res);
    copies.set(res, copy);
    resmap.append(copy);
  }
  const varTargets = new Map([...acc.varTargets].map(([name, res]) => [name, copies.get(res) ?? res] as const));
  return { resmap, config: acc.config, vars: acc.vars, varTargets };
}

function absorbGenerated(acc: Accumulator, loader: Loader, kind: 'ConfigMap' | 'Secret', args: unknown, f: JsonObject, where: { file: string; field: string }): void {
  if (!isObject(args)) throw new KustomizeError('a generator entry must be a mapping', where);
  acc.resmap.absorb(generate(kind, args, f.generatorOptions, loader, where), where.file);
}

function patchSource(loader: Loader, entry: JsonObject | string, file: string, field: string): PatchSource {
  if (typeof entry === 'string') {
    // patchesStrategicMerge entries are paths, or inline YAML when they do not name a file.
    const looksInline = entry.includes('\n') || /^\s*(apiVersion|kind|metadata)\s*:/.test(entry);
    if (looksInline) return { text: entry, file, field };
    return { text: loader.readText(entry, { file, field }), file: loader.display(posix.resolve(loader.dir, entry)), field };
  }
  if (typeof entry.path === 'string' && entry.path !== '') {
    if (typeof entry.patch === 'string' && entry.patch !== '') throw new KustomizeError('patch and path cannot both be set', { file, field });
    return { text: loader.readText(entry.path, { file, field }), file: loader.display(posix.resolve(loader.dir, entry.path)), field };
  }
  if (typeof entry.patch === 'string' && entry.patch !== '') return { text: entry.patch, file, field };
  throw new KustomizeError('must specify one of patch and path', { file, field });
}

/** The builtin transformers, in kusttarget's order. */
function runTransformers(acc: Accumulator, loader: Loader, f: JsonObject, file: string, trackIn: string | undefined): void {
  const { resmap, config } = acc;
  const record = (kind: string, ran: boolean) => {
    if (!trackIn || !ran) return;
    for (const r of resmap.resources) (r.transformations ??= []).push({ configuredIn: trackIn, kind });
  };
  runPatchesAndMetadata(acc, loader, f, file, record);
  record('PatchJson6902Transformer', list(f.patchesJson6902).length > 0);
  for (const [i, entry] of list(f.patchesJson6902).entries()) {
    if (!isObject(entry)) throw new KustomizeError('a patch must be a mapping', { file, field: `patchesJson6902[${i}]` });
    applyPatch(resmap, patchSource(loader, entry, file, `patchesJson6902[${i}]`), toSelector(entry.target), {});
  }
  record('ReplicaCountTransformer', list(f.replicas).length > 0);
  transformReplicas(resmap.resources, f.replicas, config.replicas);
  const rules = toImageRules(f.images);
  if (rules.length) transformImages(resmap.resources, rules, config.images);
  record('ImageTagTransformer', rules.length > 0);
  runReplacements(acc, loader, f, file);
  record('ReplacementTransformer', list(f.replacements).length > 0);
}

/** Patches, then namespace, prefix/suffix, labels and annotations. */
function runPatchesAndMetadata(acc: Accumulator, loader: Loader, f: JsonObject, file: string, record: (kind: string, ran: boolean) => void): void {
  const { resmap, config } = acc;
  for (const [i, entry] of list(f.patchesStrategicMerge).entries()) {
    applyStrategicMergePatches(resmap, patchSource(loader, entry as string, file, `patchesStrategicMerge[${i}]`));
  }
  record('PatchStrategicMergeTransformer', list(f.patchesStrategicMerge).length > 0);
  record('PatchTransformer', list(f.patches).length > 0);
  for (const [i, entry] of list(f.patches).entries()) {
    if (!isObject(entry)) throw new KustomizeError('a patch must be a mapping', { file, field: `patches[${i}]` });
    applyPatch(resmap, patchSource(loader, entry, file, `patches[${i}]`), toSelector(entry.target), isObject(entry.options) ? entry.options : {});
  }
  if (typeof f.namespace === 'string' && f.namespace !== '') {
    record('NamespaceTransformer', true);
    transformNamespace(resmap.resources, f.namespace, config.namespace, resmap.openapi);
    resmap.invalidate();
  }
  const prefix = typeof f.namePrefix === 'string' ? f.namePrefix : '';
  const suffix = typeof f.nameSuffix === 'string' ? f.nameSuffix : '';
  record('PrefixTransformer', prefix !== '');
  if (prefix) transformPrefixSuffix(resmap.resources, prefix, '', config.namePrefix);
  record('SuffixTransformer', suffix !== '');
  if (suffix) transformPrefixSuffix(resmap.resources, '', suffix, config.nameSuffix);
  if (prefix || suffix) resmap.invalidate();
  record('LabelTransformer', isObject(f.commonLabels) || list(f.labels).length > 0);
  if (isObject(f.commonLabels)) transformMapEntries(resmap.resources, f.commonLabels, config.commonLabels);
  for (const entry of list(f.labels).filter(isObject)) {
    const specs = entry.includeSelectors === true ? config.commonLabels
      : [{ path: 'metadata/labels', create: true }, ...(entry.includeTemplates === true ? config.templateLabels : [])];
    transformMapEntries(resmap.resources, isObject(entry.pairs) ? entry.pairs : {}, [...specs, ...toFieldSpecs(entry.fields)]);
  }
  record('AnnotationsTransformer', isObject(f.commonAnnotations));
  if (isObject(f.commonAnnotations)) transformMapEntries(resmap.resources, f.commonAnnotations, config.commonAnnotations);
}

function runReplacements(acc: Accumulator, loader: Loader, f: JsonObject, file: string): void {
  const entries = list(f.replacements);
  if (entries.length === 0) return;
  const replacements: unknown[] = [];
  for (const entry of entries) {
    if (isObject(entry) && typeof entry.path === 'string') {
      for (const doc of parseDocuments(loader.readText(entry.path, { file, field: 'replacements' }), entry.path)) {
        replacements.push(...(Array.isArray(doc.value) ? doc.value : [doc.value]));
      }
    } else replacements.push(entry);
  }
  applyReplacementsTo(acc, replacements, file);
}

/** Replacements run over plain objects, selecting by current or earlier names; ids are re-indexed after. */
export function applyReplacementsTo(acc: Accumulator, replacements: unknown[], file: string): void {
  applyReplacements(acc.resmap.resources.map((r) => r.obj), replacements, { file, previous: previousIds(acc.resmap.resources), openapi: acc.resmap.openapi });
  acc.resmap.invalidate();
}
