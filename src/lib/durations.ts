// Go durations, because Flux's API speaks them: spec.interval and spec.timeout are parsed with
// time.ParseDuration and written back with time.Duration.String ("10m0s"). Both are ported rule
// for rule (https://cs.opensource.google/go/go/+/refs/tags/go1.22.0:src/time/format.go), working
// in integer nanoseconds (BigInt) so that fractions and overflow behave exactly as in Go.
import { WeirError } from './errors.js';

const NS_PER_MS = 1_000_000;
const OVERFLOW = 1n << 63n;

/** Nanoseconds per unit, as Go's unitMap (both micro signs are accepted). */
const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n, // micro sign
  '\u03bcs': 1_000n, // Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.quote: non-ASCII and control bytes are written as \xNN escapes. */
function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

function invalid(original: string, message = `time: invalid duration ${quote(original)}`): WeirError {
  return new WeirError('lib.duration', message, { hint: 'write a Go duration such as 30s, 5m or 1h30m' });
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Parses a Go duration to nanoseconds, exactly as time.ParseDuration does. */
export function parseDurationNanos(text: string): bigint {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid(text);
  let total = 0n;
  let i = 0;
  while (i < s.length) {
    if (!(s[i] === '.' || isDigit(s[i]))) throw invalid(text);
    // [0-9]*: an integer that must not overflow.
    const intStart = i;
    let value = 0n;
    for (; isDigit(s[i]); i++) {
      if (value > OVERFLOW / 10n) throw invalid(text);
      value = value * 10n + BigInt(s.charCodeAt(i) - 48);
      if (value > OVERFLOW) throw invalid(text);
    }
    const hasInt = i > intStart;
    // (\.[0-9]*)?: digits past int64 precision are consumed but ignored.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (s[i] === '.') {
      i++;
      const fracStart = i;
      let overflowed = false;
      for (; isDigit(s[i]); i++) {
        if (overflowed) continue;
        if (fraction > (OVERFLOW - 1n) / 10n) { overflowed = true; continue; }
        const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
        if (next > OVERFLOW) { overflowed = true; continue; }
        fraction = next;
        scale *= 10;
      }
      hasFraction = i > fracStart;
    }
    if (!hasInt && !hasFraction) throw invalid(text);
    const unitStart = i;
    while (i < s.length && !(s[i] === '.' || isDigit(s[i]))) i++;
    if (i === unitStart) throw invalid(text, `time: missing unit in duration ${quote(text)}`);
    const unitName = s.slice(unitStart, i);
    const unit = UNITS[unitName];
    if (unit === undefined) throw invalid(text, `time: unknown unit ${quote(unitName)} in duration ${quote(text)}`);
    if (value > OVERFLOW / unit) throw invalid(text);
    value *= unit;
    if (fraction > 0n) {
      // Go computes the fractional part in float64 and truncates it, so do we.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > OVERFLOW) throw invalid(text);
    }
    total += value;
    if (total > OVERFLOW) throw invalid(text);
  }
  if (negative) return -total;
  if (total > OVERFLOW - 1n) throw invalid(text);
  return total;
}

/** Parses a Go duration ("1m30s", "10m", "500ms", "1.5h"); throws WeirError code 'lib.duration' */
export function parseDuration(text: string): number {
  return Number(parseDurationNanos(text)) / NS_PER_MS;
}

/** Go's fmtFrac: the fraction of v/10^prec without trailing zeros (and no dot when it is zero). */
function fraction(v: bigint, prec: number): { text: string; rest: bigint } {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = digit.toString() + digits;
    v /= 10n;
  }
  return { text: printed ? `.${digits}` : '', rest: v };
}

/** Formats nanoseconds like Go's time.Duration.String(). */
export function formatDurationNanos(ns: bigint): string {
  const negative = ns < 0n;
  let u = negative ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    const [prec, unit] = u < 1_000n ? [0, 'ns'] : u < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const { text, rest } = fraction(u, prec);
    out = `${rest}${text}${unit}`;
  } else {
    const { text, rest } = fraction(u, 9);
    u = rest;
    out = `${u % 60n}${text}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

/** Formats like Go's time.Duration.String(): 600000 → "10m0s", 1500 → "1.5s", 0 → "0s", 90 → "90ms" */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new WeirError('lib.duration', `cannot format ${ms} as a duration`);
  return formatDurationNanos(BigInt(Math.round(ms * NS_PER_MS)));
}
