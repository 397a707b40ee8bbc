// How kyaml (go-yaml v3, resolve.go) types a plain scalar, and what value kustomize ends up
// with after it turns the node into JSON: ints stay exact (int64/uint64, so `bigint` beyond
// 2^53), floats become numbers, timestamps become Go's RFC3339Nano text, and `yes`/`on`/`y` stay
// strings (YAML 1.2), while YAML 1.1 octals (`0755`) and `_` separators still read as numbers.
import { parseGoInt, parseGoTimestamp, parseGoUint, parseYamlStyleFloat } from './go-scalars.js';

/** The result of resolving a plain scalar: the typed value, or the text itself for strings. */
export type Resolved = string | number | bigint | boolean | null;

const SPECIAL = new Map<string, Resolved>([
  ['true', true], ['True', true], ['TRUE', true],
  ['false', false], ['False', false], ['FALSE', false],
  ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);

// go-yaml's hint table: only these first characters can start a non-string plain scalar.
const HINT = new Uint8Array(128);
for (const c of '+-') HINT[c.charCodeAt(0)] = 1; // sign
for (const c of '0123456789') HINT[c.charCodeAt(0)] = 1; // digit
for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 2; // word in the map
HINT['.'.charCodeAt(0)] = 3;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const intValue = (n: bigint): number | bigint => (n <= SAFE && n >= -SAFE ? Number(n) : n);

/** Resolves a plain (unquoted, untagged) scalar as go-yaml v3 does; strings come back unchanged. */
export function resolvePlain(text: string): Resolved {
  const c = text.charCodeAt(0);
  const hint = text === '' ? 2 : c < 128 ? HINT[c]! : 0;
  if (hint === 0) return text;
  const special = SPECIAL.get(text);
  if (special !== undefined) return special;
  if (hint === 2) return text;
  if (hint === 3) return DOT_FLOAT.test(text) ? Number(text) : text;
  if (text.length >= 8 && text.charCodeAt(4) === 0x2d) {
    const ts = parseGoTimestamp(text);
    if (ts !== undefined) return ts;
  }
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  // Fast path for the common case: a short decimal integer.
  if (plain.length < 16 && /^-?[1-9][0-9]*$|^0$/.test(plain)) return Number(plain);
  const i = parseGoInt(plain);
  if (typeof i === 'bigint') return intValue(i);
  const u = parseGoUint(plain);
  if (typeof u === 'bigint') return intValue(u);
  const f = parseYamlStyleFloat(plain);
  return f === undefined ? text : f;
}

/** Resolves a scalar carrying an explicit core tag (`!!int "12"`), as go-yaml v3 does; throws the reason when it cannot. */
export function resolveTagged(tag: 'int' | 'float' | 'bool' | 'null' | 'timestamp', text: string): Resolved {
  const v = resolvePlain(text);
  const isTimestamp = typeof v === 'string' && v !== text;
  const got = v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v === 'bigint' ? 'int'
    : typeof v === 'number' ? (isIntegerText(text) ? 'int' : 'float') : isTimestamp ? 'timestamp' : 'str';
  if (got === tag) return v;
  if (tag === 'float' && got === 'int') return Number(v);
  if (tag === 'timestamp' && got === 'str') {
    const ts = parseGoTimestamp(text);
    if (ts !== undefined) return ts;
  }
  throw new Error(`cannot decode !!${got} \`${text}\` as a !!${tag}`);
}

function isIntegerText(text: string): boolean {
  const plain = text.replaceAll('_', '');
  return typeof parseGoInt(plain) === 'bigint' || typeof parseGoUint(plain) === 'bigint';
}
