// Merging associative lists (patch strategy `merge`) as kyaml's walker does in kustomize's
// "prepend" mode (api/filters/patchstrategicmerge): items are visited patch-first, so items only
// the patch has come before the resource's; items are paired by their key values, with kyaml's
// tolerance for a missing secondary key (a container port without `protocol`).
import { appendItems, findElement, keyValuesOf, setElement } from './list-elements.js';
import { isEmptyMap, isPresent, scalarText } from './yaml-node.js';

/** Merges one pair of list items (either may be undefined); undefined or null deletes the item. */
export type MergeItem = (dest: unknown, origin: unknown) => unknown;

function sameTuple(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

// Patch items first, then the resource's, each key tuple once.
function keyTuples(dest: unknown[], origin: unknown, keys: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const tuple of [...keyValuesOf(origin, keys), ...keyValuesOf(dest, keys)]) {
    if (tuple.length > 0 && !out.some((t) => sameTuple(t, tuple))) out.push(tuple);
  }
  return out;
}

function scalarTuples(dest: unknown[], origin: unknown): string[][] {
  const seen = new Set<string>();
  const items = [...(Array.isArray(origin) ? origin : []), ...dest];
  return items.map(scalarText).filter((v) => !seen.has(v) && seen.add(v)).map((v) => [v]);
}

// Two tuples are the same item when they share a value and differ only where one is empty.
function unify(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) common = true;
    else if (a[i] !== '' && b[i] !== '') return undefined;
    out.push(a[i] !== '' ? a[i]! : b[i]!);
  }
  return common ? out : undefined;
}

function unifyAll(tuples: string[][]): string[][] {
  for (let i = 0; i < tuples.length; i++) {
    for (let j = 0; j < tuples.length; j++) {
      const merged = unify(tuples[i]!, tuples[j]!);
      if (merged) tuples[i] = tuples[j] = merged;
    }
  }
  return tuples;
}

// The keys some tuple has a value for (all keys when none has), and this tuple's values for them.
function validKeys(all: readonly string[][], values: readonly string[], keys: readonly string[]): [string[], string[]] {
  const valid = new Set(keys.filter((_, i) => all.some((t) => t[i] !== '')));
  if (valid.size === 0) return [[...keys], [...values]];
  return [keys.filter((k) => valid.has(k)), values.filter((v, i) => v !== '' || valid.has(keys[i]!))];
}

function mergeItems(dest: unknown[], origin: unknown, tuples: string[][], keys: readonly string[], merge: MergeItem): unknown[] {
  let list = dest;
  let added: unknown[] = [];
  let lastKeys = [...keys];
  for (const tuple of keys.length > 1 ? unifyAll(tuples) : tuples) {
    const [vKeys, vValues] = validKeys(tuples, tuple, keys);
    lastKeys = vKeys;
    const [fKeys, fValues] = validKeys([tuple], tuple, keys);
    const value = merge(findElement(list, fKeys, fValues), findElement(origin, fKeys, fValues));
    if (!isPresent(value) || isEmptyMap(value)) {
      list = setElement(list, undefined, vKeys, vValues);
      continue;
    }
    vKeys.forEach((key, i) => {
      const map = value as Record<string, unknown>;
      if (key !== '' && vValues[i] !== '' && typeof value === 'object' && !Object.hasOwn(map, key)) map[key] = vValues[i];
    });
    added = setElement(added, value, vKeys, vValues);
  }
  return tuples.length > 0 ? appendItems(added, list, lastKeys) : list;
}

/** Merges an associative list `origin` (the patch's) into `dest` (the resource's, or the patch's own when the resource has none). */
export function mergeAssociativeList(dest: unknown[], origin: unknown, keys: readonly string[], merge: MergeItem): unknown[] {
  const tuples = keyTuples(dest, origin, keys);
  if (tuples.length > 0 || keys.length > 0) return mergeItems(dest, origin, tuples, keys, merge);
  return mergeItems(dest, origin, scalarTuples(dest, origin), [''], merge);
}
