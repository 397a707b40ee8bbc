// Finding, replacing and removing list items by key values, with the exact matching rules of
// kyaml's ElementSetter and ElementMatcher, on which the order and the quirks of merged
// associative lists depend (an empty wanted value matches any item that has the field; empty
// items are dropped whenever a list is rewritten).
import { isEmptyMap, isMap, isNilOrEmpty, isPresent, scalarText } from './yaml-node.js';

// FieldMatcher with a StringValue: "" only requires the field (or, for scalars, nothing).
function fieldMatches(item: unknown, key: string, value: string): boolean {
  if (key === '') return !isMap(item) && !Array.isArray(item) && (value === '' || scalarText(item) === value);
  if (!isMap(item) || !Object.hasOwn(item, key)) return false;
  return value === '' || scalarText(item[key]) === value;
}

function itemMatches(item: unknown, keys: readonly string[], values: readonly string[]): boolean {
  let matched = false;
  for (let j = 0; j < keys.length; j++) {
    // Past the end of `values` the previous field's answer stands, as in kyaml.
    if (j < values.length) matched = fieldMatches(item, keys[j]!, values[j]!);
    if (!matched) return false;
  }
  return true;
}

/** kyaml ElementSetter: replaces every item matching keys=values by `element` (removes them when undefined), appending when none matched. */
export function setElement(list: readonly unknown[], element: unknown, keys: readonly string[], values: readonly string[]): unknown[] {
  const ks = keys.length === 0 ? [''] : keys;
  const mappingSetter = ks[0] !== '' && values.length > 0 && values[0] !== '';
  const out: unknown[] = [];
  let found = false;
  for (const item of list) {
    if (!isPresent(item) || isEmptyMap(item)) continue;
    if (!isMap(item) && mappingSetter) {
      out.push(item);
      continue;
    }
    if (!itemMatches(item, ks, values)) {
      if (values.length > 0) out.push(item);
      continue;
    }
    found = true;
    if (element !== undefined) out.push(element);
  }
  if (element !== undefined && !found) out.push(element);
  return out;
}

/** kyaml ElementMatcher: the first item whose fields equal the values exactly (scalars by text when the key is ''). */
export function findElement(list: unknown, keys: readonly string[], values: readonly string[]): unknown {
  if (!Array.isArray(list)) return undefined;
  if (keys.length === 0 || keys[0] === '') return list.find((item) => !isMap(item) && !Array.isArray(item) && scalarText(item) === (values[0] ?? ''));
  return list.find((item) => isMap(item) && keys.every((k, i) => Object.hasOwn(item, k) && scalarText(item[k]) === values[i]));
}

/** kyaml ElementValuesList: for each item, the text of each key field ('' when missing or empty). */
export function keyValuesOf(list: unknown, keys: readonly string[]): string[][] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => keys.map((k) => (isMap(item) && !isNilOrEmpty(item[k]) ? scalarText(item[k]) : '')));
}

/** kyaml appendListNode: sets each item of `src` into `dst` by its key values (multi-key items move to the end). */
export function appendItems(dst: unknown[], src: readonly unknown[], keys: readonly string[]): unknown[] {
  let out = dst;
  for (const item of src) {
    if (keys[0] === '') {
      out = setElement(out, item, [''], [scalarText(item)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      // An item without the key is appended as is (and, as in kyaml, still set below).
      if (!isMap(item) || !Object.hasOwn(item, key)) out = [...out, item];
      else values.push(scalarText(item[key]));
    }
    if (keys.length > 1) out = setElement(out, undefined, keys, values);
    out = setElement(out, item, keys, values);
  }
  return out;
}
