// The recorded scenarios of testdata/: each directory is a kustomization with `replacements`
// that `kubectl kustomize` builds; Weir's applyReplacements must give the same objects (or fail
// with the recorded message fragment).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeScenarios, loadScenarios, type Obj, type Scenario } from '../../../test/support/kustomize-oracle.js';
import { applyReplacements } from './index.js';

const scenarios = loadScenarios(join(dirname(fileURLToPath(import.meta.url)), 'testdata'));

function build(s: Scenario): Obj[] {
  const resources = structuredClone(s.resources);
  applyReplacements(resources, (s.kustomization.replacements as unknown[]) ?? [], { file: 'kustomization.yaml' });
  return resources;
}

describeScenarios('replacement scenarios', scenarios, build);
