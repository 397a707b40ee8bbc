// Go's number and timestamp syntax as go-yaml uses it to resolve plain scalars
// (strconv.ParseInt/ParseUint with base 0, the `yamlStyleFloat` regexp, time.Parse with the four
// layouts of go-yaml's `allowedTimestampFormats`), and Go's float formatting
// (strconv.FormatFloat 'g' -1). Shared by the reader (go-yaml v3) and the writer (yaml.v2).

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Result of Go's strconv integer parsing: a value, or why it failed. */
export type GoIntResult = bigint | 'syntax' | 'range';

/** strconv.ParseUint(s, 0, 64): base prefixes 0b/0o/0x (only with a digit after), a leading 0 means octal. */
export function parseGoUint(s: string): GoIntResult {
  if (s === '') return 'syntax';
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
    if (p === 'b' || p === 'o' || p === 'x') {
      base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  let n = 0n;
  const b = BigInt(base);
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i) | 0x20;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x7a ? c - 0x61 + 10 : 99;
    if (d >= base) return 'syntax';
    n = n * b + BigInt(d);
  }
  return n > UINT64_MAX ? 'range' : n;
}

/** strconv.ParseInt(s, 0, 64): an optional sign, then ParseUint, then the int64 range. */
export function parseGoInt(s: string): GoIntResult {
  const neg = s[0] === '-';
  const u = parseGoUint(s[0] === '+' || neg ? s.slice(1) : s);
  if (typeof u !== 'bigint') return u;
  if (neg) return u > INT64_MAX + 1n ? 'range' : -u;
  return u > INT64_MAX ? 'range' : u;
}

/** go-yaml's `yamlStyleFloat`: the only float spellings it resolves after an int failed. */
export const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** A float Go's ParseFloat accepts for this text, or undefined (ParseFloat fails on overflow). */
export function parseYamlStyleFloat(s: string): number | undefined {
  if (!YAML_STYLE_FLOAT.test(s)) return undefined;
  const f = Number(s.endsWith('.') ? s + '0' : s);
  return Number.isFinite(f) ? f : undefined;
}

/** strconv.FormatFloat(x, 'g', -1, 64): shortest digits; exponent form when exp < -4 or exp >= 6 (Go uses 6 for shortest). */
export function formatGoFloat(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, e] = x.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(x);
}

/** The text yaml.v2 prints for an integer it decoded from JSON digits (int64, uint64, else a float). */
export function formatGoIntegerDigits(digits: string, approx: number): string {
  const n = BigInt(digits);
  if ((n >= -INT64_MAX - 1n && n <= INT64_MAX) || (n >= 0n && n <= UINT64_MAX)) return n.toString();
  return formatGoFloat(approx);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TS = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:([Tt])| )(\d\d?):(\d\d?):(\d\d?)(?:[.,](\d+))?(Z|[+-]\d\d:\d\d)?)?$/;

/** go-yaml's timestamp resolution, returned as Go's RFC3339Nano text (what JSON marshalling prints), or undefined. */
export function parseGoTimestamp(s: string): string | undefined {
  const m = TS.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, t, h, mi, sec, frac, zone] = m;
  // Layouts: date only; `T`/`t` with a mandatory zone; a space with no zone.
  if (h !== undefined && (t !== undefined) !== (zone !== undefined)) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS[month - 1]!)) return undefined;
  const hh = Number(h ?? 0);
  const mm = Number(mi ?? 0);
  const ss = Number(sec ?? 0);
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  let zoneOut = 'Z';
  if (zone !== undefined && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 24 || zm > 59) return undefined;
    if (zh !== 0 || zm !== 0) zoneOut = zone;
  }
  const nanos = (frac ?? '').slice(0, 9).replace(/0+$/, '');
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${y}-${p2(month)}-${p2(day)}T${p2(hh)}:${p2(mm)}:${p2(ss)}${nanos === '' ? '' : '.' + nanos}${zoneOut}`;
}
