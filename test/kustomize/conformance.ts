// The kustomize conformance runner: builds every corpus case with Weir's engine and compares with
// `kubectl kustomize`'s output, objects in order first, then bytes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from '../../src/kustomize/index.js';
import { parseYamlStream } from '../../src/kustomize/yaml/index.js';

/** Where the corpus lives (shared, never copied into the repository). */
export const CORPUS_DIR = process.env.WEIR_KUSTOMIZE_CORPUS ?? '/work/shared/corpus/kustomize';

/** One failing case and the first difference found. */
export interface CaseFailure {
  readonly id: string;
  readonly reason: string;
}

/** Counts over the corpus. */
export interface ConformanceReport {
  readonly total: number;
  readonly objectIdentical: number;
  readonly byteIdentical: number;
  readonly failures: CaseFailure[];
  /** Object-identical cases whose bytes still differ. */
  readonly byteFailures: CaseFailure[];
}

/** Whether the corpus is present. */
export function corpusPresent(dir = CORPUS_DIR): boolean {
  return existsSync(join(dir, 'cases.tsv'));
}

/** The first path where two values differ, e.g. `.metadata.name: "a" != "b"`. */
function diffPath(a: unknown, b: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = diffPath((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '.'}: got ${JSON.stringify(a)?.slice(0, 160)} expected ${JSON.stringify(b)?.slice(0, 160)}`;
}

const describeDoc = (d: unknown) => {
  const o = (d ?? {}) as { kind?: string; metadata?: { name?: string } };
  return `${o.kind ?? '?'}/${o.metadata?.name ?? '?'}`;
};

function firstDifference(actual: unknown[], expected: unknown[]): string {
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    if (!isDeepStrictEqual(actual[i], expected[i])) {
      return `document ${i + 1} (${describeDoc(expected[i])}) ${diffPath(actual[i], expected[i])}`;
    }
  }
  return `got ${actual.length} documents, expected ${expected.length}`;
}

function firstByteDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  const line = actual.slice(0, i).split('\n').length;
  return `bytes differ at line ${line}: got ${JSON.stringify(actual.slice(i, i + 60))} expected ${JSON.stringify(expected.slice(i, i + 60))}`;
}

/** Runs one case; undefined when object-identical. */
function runCase(dir: string, row: string[]): { objects?: CaseFailure; bytes?: CaseFailure } {
  const [id, , , kdir, expectedFile] = row as [string, string, string, string, string];
  const expectedText = readFileSync(join(dir, expectedFile), 'utf8');
  let result;
  try {
    result = build(join(dir, 'cases', kdir), { boundary: join(dir, 'cases') });
  } catch (err) {
    return { objects: { id, reason: `build failed: ${(err as Error).message.split('\n')[0]}` } };
  }
  const expected = parseYamlStream(expectedText, expectedFile).map((d) => d.value);
  const actual = result.resources.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
  if (actual.length !== expected.length || !isDeepStrictEqual(actual, expected)) {
    return { objects: { id, reason: firstDifference(actual, expected) } };
  }
  const text = result.toYaml();
  return text === expectedText ? {} : { bytes: { id, reason: firstByteDifference(text, expectedText) } };
}

/** Builds every case of the corpus and compares. */
export function runConformance(dir = CORPUS_DIR): ConformanceReport {
  const rows = readFileSync(join(dir, 'cases.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const failures: CaseFailure[] = [];
  const byteFailures: CaseFailure[] = [];
  for (const row of rows) {
    const { objects, bytes } = runCase(dir, row);
    if (objects) failures.push(objects);
    if (bytes) byteFailures.push(bytes);
  }
  return {
    total: rows.length, failures, byteFailures,
    objectIdentical: rows.length - failures.length,
    byteIdentical: rows.length - failures.length - byteFailures.length,
  };
}
