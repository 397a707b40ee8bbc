// Plain JSON values as the merge engines see them, and the few helpers they share.

/** A JSON object (what `JSON.parse` returns for `{...}`). */
export interface JsonObject {
  [key: string]: unknown;
}

/** True for `{...}` values, false for arrays, null and scalars. */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Sets an own property, also for the key `__proto__` (which plain assignment would turn into a prototype change). */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A deep copy, so the engines can work in place without touching their inputs. */
export function deepClone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/** Structural equality of two JSON values (key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

// Go's %v prints float64 in %g style: exponent form from 1e+06 up and below 1e-04.
function goFloat(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return String(n);
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

/** Formats a JSON value as Go's `%v` does, so error messages read like the API server's. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return goFloat(value);
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isJsonObject(value)) {
    const entries = Object.keys(value).sort().map((k) => `${k}:${goFormat(value[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

/** The Go type name a decoded JSON value has (`map[string]interface {}`, `[]interface {}`, `float64`, ...). */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (isJsonObject(value)) return 'map[string]interface {}';
  return typeof value === 'number' ? 'float64' : typeof value === 'boolean' ? 'bool' : 'string';
}
