// Scenario trees for the kustomize engine's unit tests: each scenario is a directory that
// `kubectl kustomize` can build as is (kustomization.yaml, resources, patches) plus the recorded
// output (expected.yaml) or the recorded failure (expected-error.txt). Tests apply Weir's
// functions to the same files and compare objects; the live check rebuilds each tree with the
// real kubectl (kustomize v5.5.0) so recordings cannot drift from the oracle.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlStream } from '../../src/kustomize/yaml/index.js';
import { kubectlInstalled } from './kubectl.js';

/** A JSON object as the engine sees resources. */
export type Obj = Record<string, unknown>;

/** One scenario directory, loaded. */
export interface Scenario {
  readonly name: string;
  readonly dir: string;
  readonly kustomization: Obj;
  /** The documents of every `resources:` file, in order. */
  readonly resources: Obj[];
  /** The recorded output, when the build succeeds. */
  readonly expected?: Obj[];
  /** A fragment of Weir's error message, when the build fails. */
  readonly expectedError?: string;
  /** The parsed documents of a file of the scenario. */
  readonly docs: (path: string) => unknown[];
}

/** Parses a YAML stream as kustomize's outputs are read back (YAML 1.1 booleans do not occur in them). */
export function parseDocs(text: string): unknown[] {
  // The engine's own reader: it records what plain JSON loses (a written `null` versus `key:`).
  return parseYamlStream(text, 'scenario').map((d) => d.value);
}

function loadScenario(dir: string, name: string): Scenario {
  const docs = (path: string) => parseDocs(readFileSync(join(dir, path), 'utf8'));
  const kustomization = docs('kustomization.yaml')[0] as Obj;
  const files = (kustomization.resources as string[] | undefined) ?? [];
  const expectedFile = join(dir, 'expected.yaml');
  const errorFile = join(dir, 'expected-error.txt');
  return {
    name,
    dir,
    kustomization,
    resources: files.flatMap((f) => docs(f) as Obj[]),
    ...(existsSync(expectedFile) ? { expected: docs('expected.yaml') as Obj[] } : {}),
    ...(existsSync(errorFile) ? { expectedError: readFileSync(errorFile, 'utf8').trim() } : {}),
    docs,
  };
}

/** Every scenario under `root`, by directory name. */
export function loadScenarios(root: string): Scenario[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => loadScenario(join(root, name), name));
}

/** What `kubectl kustomize` printed for a scenario, or undefined when kubectl is not installed. */
export function kubectlKustomize(dir: string): { ok: true; output: Obj[] } | { ok: false; error: string } | undefined {
  if (!kubectlInstalled()) return undefined;
  try {
    const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    return { ok: true, output: parseDocs(out) as Obj[] };
  } catch (err) {
    return { ok: false, error: String((err as { stderr?: string }).stderr ?? err) };
  }
}

/** Why live scenario checks are skipped. */
export const KUBECTL_ORACLE_MISSING = 'kubectl is not installed: skipping the live `kubectl kustomize` checks of the recorded scenarios';

/** Output order does not matter to these pure-function scenarios (kustomize sorts by kind): compare by id. */
function sortById(objs: Obj[]): Obj[] {
  const id = (o: Obj) => `${String(o.apiVersion)}/${String(o.kind)}/${String((o.metadata as Obj | undefined)?.namespace ?? '')}/${String((o.metadata as Obj | undefined)?.name ?? '')}`;
  return [...objs].sort((a, b) => id(a).localeCompare(id(b)));
}

/**
 * Registers a folder's recorded scenarios twice: `build` against the recorded kubectl output
 * (always), and the recording against a live `kubectl kustomize` (skipped without kubectl).
 */
export function describeScenarios(title: string, scenarios: readonly Scenario[], build: (s: Scenario) => Obj[]): void {
  describe(`${title} (recorded from kubectl kustomize)`, () => {
    for (const s of scenarios) {
      it(s.name, () => {
        if (s.expectedError) expect(() => build(s)).toThrow(s.expectedError);
        else expect(sortById(build(s))).toEqual(sortById(s.expected!));
      });
    }
  });
  const live = scenarios.map((s) => [s, kubectlKustomize(s.dir)] as const);
  const missing = live[0]?.[1] === undefined;
  describe.skipIf(missing)(missing ? KUBECTL_ORACLE_MISSING : `${title} (live kubectl kustomize)`, () => {
    for (const [s, result] of live) {
      it(`${s.name} matches the recording`, () => {
        if (s.expectedError) expect(result?.ok).toBe(false);
        else expect(result).toEqual({ ok: true, output: s.expected });
      });
    }
  });
}
