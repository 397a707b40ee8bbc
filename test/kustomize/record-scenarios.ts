// Records kubectl kustomize's output for every scenario into scenarios.expected.json (a dev tool,
// run by hand where kubectl is installed; tests only read the JSON).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './scenarios.js';

const expected: Record<string, string> = {};
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  const root = mkdtempSync(join(tmpdir(), 'weir-scenario-'));
  for (const [path, text] of Object.entries(scenario.files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  expected[name] = execFileSync('kubectl', ['kustomize', join(root, scenario.dir ?? '.')], { encoding: 'utf8' });
  rmSync(root, { recursive: true });
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'scenarios.expected.json');
writeFileSync(out, `${JSON.stringify(expected, null, 2)}\n`);
