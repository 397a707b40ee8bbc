// `generators:` and `transformers:` entries: files holding builtin plugin configurations
// (kind: ConfigMapGenerator, PatchTransformer…). Exec and Go plugins are refused.
import { transformImages, transformReplicas, toImageRules } from './builtins/images.js';
import { transformMapEntries, transformNamespace, transformPrefixSuffix } from './builtins/metadata.js';
import { applyPatch, toSelector } from './builtins/patches.js';
import { KustomizeError } from './errors.js';
import { toFieldSpecs } from './field-spec.js';
import { generate } from './generators.js';
import { gvkOf, isClusterScoped } from './patch/index.js';
import type { Loader } from './loader.js';
import { isObject, type JsonObject } from './resource.js';
import { parseDocuments } from './resources.js';
import { applyReplacementsTo, type Accumulator } from './target.js';

type Where = { file: string; field: string };

/** Runs the builtin plugins listed in a kustomization's generators or transformers field. */
export function runListedPlugins(acc: Accumulator, loader: Loader, entries: unknown[], where: Where, allowPlugins: boolean, field: string): void {
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new KustomizeError(`${field} entries must be strings`, where);
    const text = entry.includes('\n') ? entry : loader.readText(entry, where);
    for (const doc of parseDocuments(text, entry.includes('\n') ? where.file : entry)) {
      if (!isObject(doc.value)) continue;
      // kustomize loads plugin configurations into a resource map, whose ids may be the first use of the OpenAPI schema.
      isClusterScoped(gvkOf(doc.value), acc.resmap.openapi);
      runPlugin(acc, loader, doc.value, where, allowPlugins);
    }
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function runPlugin(acc: Accumulator, loader: Loader, c: JsonObject, where: Where, allowPlugins: boolean): void {
  const rs = acc.resmap;
  switch (c.kind) {
    case 'ConfigMapGenerator':
    case 'SecretGenerator': {
      const meta = isObject(c.metadata) ? c.metadata : {};
      const args = { ...c, name: c.name ?? meta.name, namespace: c.namespace ?? meta.namespace };
      rs.absorb(generate(c.kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret', args, undefined, loader, where), where.file);
      return;
    }
    case 'NamespaceTransformer':
      transformNamespace(rs.resources, str(isObject(c.metadata) ? c.metadata.namespace : ''), withFallback(c.fieldSpecs, acc.config.namespace), rs.openapi, {
        unsetOnly: c.unsetOnly === true,
        setRoleBindingSubjects: c.setRoleBindingSubjects === 'allServiceAccounts' || c.setRoleBindingSubjects === 'none' ? c.setRoleBindingSubjects : 'defaultOnly',
      });
      return rs.invalidate();
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer':
      transformPrefixSuffix(rs.resources, str(c.prefix), str(c.suffix), withFallback(c.fieldSpecs, acc.config.namePrefix));
      return rs.invalidate();
    case 'LabelTransformer':
      return transformMapEntries(rs.resources, isObject(c.labels) ? c.labels : {}, withFallback(c.fieldSpecs, acc.config.commonLabels));
    case 'AnnotationsTransformer':
      return transformMapEntries(rs.resources, isObject(c.annotations) ? c.annotations : {}, withFallback(c.fieldSpecs, acc.config.commonAnnotations));
    case 'ImageTagTransformer':
      return transformImages(rs.resources, toImageRules([c.imageTag]), withFallback(c.fieldSpecs, acc.config.images));
    case 'ReplicaCountTransformer':
      return transformReplicas(rs.resources, [c.replica], withFallback(c.fieldSpecs, acc.config.replicas));
    case 'PatchTransformer':
    case 'PatchJson6902Transformer':
    case 'PatchStrategicMergeTransformer': {
      const paths = c.kind === 'PatchStrategicMergeTransformer' ? (Array.isArray(c.paths) ? c.paths : []) : [c.path];
      // Inline patches are `patch` (PatchTransformer), `jsonOp` (PatchJson6902Transformer) or `patches` (PatchStrategicMergeTransformer).
      const inline = [c.patch, c.jsonOp, c.patches].filter((t): t is string => typeof t === 'string' && t !== '');
      const texts = [...paths.filter((p): p is string => typeof p === 'string' && p !== '').map((p) => loader.readText(p, where)), ...inline];
      for (const text of texts) applyPatch(rs, { text, ...where }, toSelector(c.target), isObject(c.options) ? c.options : {});
      return;
    }
    case 'ReplacementTransformer':
      return applyReplacementsTo(acc, Array.isArray(c.replacements) ? c.replacements : [], where.file);
    default:
      throw new KustomizeError(`plugin ${String(c.apiVersion)}/${String(c.kind)} is not a builtin; ${allowPlugins ? 'exec and Go plugins are not supported' : 'plugins are not allowed'}`, where, { code: 'kustomize.plugins' });
  }
}

function withFallback(specs: unknown, fallback: ReturnType<typeof toFieldSpecs>) {
  const own = toFieldSpecs(specs);
  return own.length ? own : fallback;
}
