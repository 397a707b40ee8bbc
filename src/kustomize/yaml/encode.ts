// yaml.v2's encoder (encode.go) for the values JSONToYAML hands it: which text and which style
// each scalar asks the emitter for, and the order of map keys. Numbers are printed as Go prints
// them after json.Marshal and yaml.v2's re-read (int64/uint64 digits, else FormatFloat 'g').
import { WeirError } from '../../lib/index.js';
import type { ScalarEvent } from './emitter.js';
import { formatGoFloat, formatGoIntegerDigits, parseGoInt, parseGoTimestamp, parseGoUint, parseYamlStyleFloat } from './go-scalars.js';
import { compareKeys } from './key-order.js';

const V2_SPECIAL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when yaml.v2 (sigs.k8s.io/yaml's fork, resolve.go) reads this plain text as a non-string. */
function resolvesAsNonString(s: string): boolean {
  // '<<' is in yaml.v2's map but its first character has no hint, so it is never looked up.
  if (V2_SPECIAL.has(s)) return s !== '<<';
  const c = s.charCodeAt(0);
  if (c === 0x2e) return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d)) return false;
  if (parseGoTimestamp(s) !== undefined) return true;
  const plain = s.includes('_') ? s.replaceAll('_', '') : s;
  // (Newer sigs.k8s.io/yaml forks also resolve out-of-range ints as big.Int; kubectl 1.32's does not.)
  return typeof parseGoInt(plain) === 'bigint' || typeof parseGoUint(plain) === 'bigint' || parseYamlStyleFloat(plain) !== undefined;
}

function foldedBreaks(run: string): string {
  const breaks = run.split('\u0085').length - 1;
  return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
}

/** yaml.v2 `stringv`: literal when multi-line, plain unless it would read back as another type. */
export function stringEvent(raw: string): ScalarEvent {
  // json.Marshal leaves NEL (U+0085) raw, and yaml.v2 re-reads it inside a double-quoted
  // scalar as a line break, folding it like any other: one break → a space, n breaks → n-1 newlines.
  const s = raw.includes('\u0085') ? raw.replace(/ *\u0085(?: *\u0085)* */g, (m) => foldedBreaks(m)) : raw;
  if (s.includes('\n')) return { text: s, style: 'literal' };
  const c = s.charCodeAt(0);
  const canPlain = !resolvesAsNonString(s) && !((c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39)) && s.includes(':') && BASE60_FLOAT.test(s));
  return { text: s, style: canPlain ? 'plain' : 'double' };
}

/** The text Go prints for a number after the JSON round trip (json.Marshal, then yaml.v2). */
function numberText(x: number): string {
  if (!Number.isFinite(x)) {
    const go = Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
    throw new WeirError('kustomize.yaml.number', `json: unsupported value: ${go}`, { hint: 'kustomize cannot print .inf or .nan either' });
  }
  // encoding/json prints integral floats below 1e21 as digits; yaml.v2 reads those as int64/uint64.
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return formatGoIntegerDigits(String(x), x);
  return formatGoFloat(x);
}

const NULL: ScalarEvent = { text: 'null', style: 'plain' };
const TRUE: ScalarEvent = { text: 'true', style: 'plain' };
const FALSE: ScalarEvent = { text: 'false', style: 'plain' };

/** The scalar yaml.v2 emits for a non-collection value after the JSON round trip. */
export function scalarEvent(value: unknown): ScalarEvent {
  switch (typeof value) {
    case 'string': return stringEvent(value);
    case 'number': return { text: numberText(value), style: 'plain' };
    case 'bigint': return { text: formatGoIntegerDigits(value.toString(), Number(value)), style: 'plain' };
    case 'boolean': return value ? TRUE : FALSE;
    case 'undefined': return NULL;
    case 'object':
      if (value === null) return NULL;
      if (value instanceof Date) return stringEvent(value.toISOString());
      break;
    default: break;
  }
  throw new WeirError('kustomize.yaml.value', `cannot write a ${typeof value} as YAML`);
}

/** A mapping's keys in yaml.v2 order; undefined values are dropped as JSON drops them. */
export function sortedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj);
  for (const k of keys) {
    if (obj[k] === undefined) return keys.filter((x) => obj[x] !== undefined).sort(compareKeys);
  }
  return keys.sort(compareKeys);
}

