// The recorded scenarios of testdata/: each directory is a kustomization that `kubectl
// kustomize` builds; this test applies the same patches with Weir's functions (a minimal driver:
// resources, patches, patchesStrategicMerge, patchesJson6902) and compares the objects.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeScenarios, loadScenarios, parseDocs, type Obj, type Scenario } from '../../../test/support/kustomize-oracle.js';
import { applyJson6902, applyStrategicMerge, matchesSelector, type Selector } from './index.js';

const scenarios = loadScenarios(join(dirname(fileURLToPath(import.meta.url)), 'testdata'));

function patchDocs(s: Scenario, entry: Obj): unknown[] {
  return typeof entry.patch === 'string' ? parseDocs(entry.patch) : s.docs(entry.path as string);
}

function meta(o: Obj): Obj {
  return (o.metadata ?? {}) as Obj;
}

// kustomize's ApplySmPatch: the patch takes the target's apiVersion and name; the result keeps the target's id.
function merge(resources: (Obj | undefined)[], index: number, patch: Obj): void {
  const target = resources[index]!;
  const copy = { ...patch, apiVersion: target.apiVersion, metadata: { ...meta(patch), name: meta(target).name } };
  const merged = applyStrategicMerge(target, copy);
  if (merged) {
    merged.kind = target.kind;
    meta(merged).name = meta(target).name;
    if (meta(target).namespace === undefined) delete meta(merged).namespace;
  }
  resources[index] = merged;
}

function applyEntry(s: Scenario, resources: (Obj | undefined)[], entry: Obj): void {
  const docs = patchDocs(s, entry);
  const selected = (sel: Selector) => resources.flatMap((r, i) => (r && matchesSelector(r, sel) ? [i] : []));
  if (docs.length === 1 && Array.isArray(docs[0])) {
    for (const i of selected(entry.target as Selector)) resources[i] = applyJson6902(resources[i]!, docs[0], { resource: '' });
    return;
  }
  for (const patch of docs as Obj[]) {
    const byId = { kind: patch.kind as string, name: meta(patch).name as string };
    for (const i of selected((entry.target as Selector | undefined) ?? byId)) merge(resources, i, patch);
  }
}

function build(s: Scenario): Obj[] {
  const k = s.kustomization;
  // Read afresh rather than cloned: a clone would lose what the reader records about nulls.
  const resources: (Obj | undefined)[] = ((k.resources as string[] | undefined) ?? []).flatMap((file) => s.docs(file)) as Obj[];
  for (const path of (k.patchesStrategicMerge as string[] | undefined) ?? []) applyEntry(s, resources, { path });
  for (const entry of (k.patches as Obj[] | undefined) ?? []) applyEntry(s, resources, entry);
  for (const entry of (k.patchesJson6902 as Obj[] | undefined) ?? []) applyEntry(s, resources, entry);
  return resources.filter((r): r is Obj => r !== undefined);
}

describeScenarios('patch scenarios', scenarios, build);
