// Cases from Go's own tests of time.ParseDuration and Duration.String (src/time/time_test.go).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationNanos, parseDuration, parseDurationNanos } from './durations.js';
import { WeirError } from './errors.js';

const S = 1_000_000_000n;
const MS = 1_000_000n;
const US = 1_000n;
const MIN = 60n * S;
const H = 60n * MIN;
const MAX = (1n << 63n) - 1n;
const MIN_INT = -(1n << 63n);

describe('parseDurationNanos', () => {
  it.each<[string, bigint]>([
    ['0', 0n], ['5s', 5n * S], ['30s', 30n * S], ['1478s', 1478n * S],
    ['-5s', -5n * S], ['+5s', 5n * S], ['-0', 0n], ['+0', 0n],
    ['5.0s', 5n * S], ['5.6s', 5n * S + 600n * MS], ['5.s', 5n * S], ['.5s', 500n * MS], ['1.0s', S], ['1.00s', S],
    ['1.004s', S + 4n * MS], ['1.0040s', S + 4n * MS], ['100.00100s', 100n * S + MS],
    ['10ns', 10n], ['11us', 11n * US], ['12\u00b5s', 12n * US], ['12\u03bcs', 12n * US], ['13ms', 13n * MS],
    ['14s', 14n * S], ['15m', 15n * MIN], ['16h', 16n * H],
    ['3h30m', 3n * H + 30n * MIN], ['10.5s4m', 4n * MIN + 10n * S + 500n * MS], ['-2m3.4s', -(2n * MIN + 3n * S + 400n * MS)],
    ['1h2m3s4ms5us6ns', H + 2n * MIN + 3n * S + 4n * MS + 5n * US + 6n], ['39h9m14.425s', 39n * H + 9n * MIN + 14n * S + 425n * MS],
    ['52763797000ns', 52763797000n], ['0.3333333333333333333h', 20n * MIN], ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', MAX], ['9223372036854775.807us', MAX], ['9223372036s854ms775us807ns', MAX],
    ['-9223372036854775808ns', MIN_INT], ['-9223372036854775.808us', MIN_INT], ['-9223372036s854ms775us808ns', MIN_INT],
    ['-2562047h47m16.854775808s', MIN_INT], ['0.100000000000000000000h', 6n * MIN],
    ['0.830103483285477580700h', 49n * MIN + 48n * S + 372539827n],
  ])('parses %s', (text, want) => {
    expect(parseDurationNanos(text)).toBe(want);
  });

  it.each([
    ['', 'time: invalid duration ""'], ['3', 'time: missing unit in duration "3"'], ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'], ['.', 'time: invalid duration "."'], ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'], ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'], ['\ufffd', 'time: invalid duration "\\xef\\xbf\\xbd"'],
    ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['9223372036854776us', 'time: invalid duration "9223372036854776us"'], ['3000000h', 'time: invalid duration "3000000h"'],
    ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
    ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
  ])('rejects %j with Go\'s message', (text, message) => {
    expect(() => parseDurationNanos(text)).toThrow(message);
  });

  it('throws a WeirError with code lib.duration and a hint', () => {
    try {
      parseDuration('5 minutes');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(WeirError);
      expect((err as WeirError).code).toBe('lib.duration');
      expect((err as WeirError).hint).toMatch(/1h30m/);
    }
  });
});

describe('parseDuration', () => {
  it('returns milliseconds, fractional below a millisecond', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('250us')).toBe(0.25);
  });
});

describe('formatDurationNanos', () => {
  it.each<[string, bigint]>([
    ['0s', 0n], ['1ns', 1n], ['1.1\u00b5s', 1100n], ['2.2ms', 2200n * US], ['3.3s', 3300n * MS], ['4m5s', 4n * MIN + 5n * S],
    ['4m5.001s', 4n * MIN + 5001n * MS], ['5h6m7.001s', 5n * H + 6n * MIN + 7001n * MS], ['8m0.000000001s', 8n * MIN + 1n],
    ['2562047h47m16.854775807s', MAX], ['-2562047h47m16.854775808s', MIN_INT],
  ])('formats %s', (want, ns) => {
    expect(formatDurationNanos(ns)).toBe(want);
  });

  it('round-trips every int64 through parse', () => {
    fc.assert(fc.property(fc.bigInt({ min: MIN_INT, max: MAX }), (ns) => parseDurationNanos(formatDurationNanos(ns)) === ns));
  });
});

describe('formatDuration', () => {
  it('renders milliseconds the way Flux prints intervals', () => {
    expect(formatDuration(600_000)).toBe('10m0s');
    expect(formatDuration(3_600_000)).toBe('1h0m0s');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(90)).toBe('90ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(60_000)).toBe('1m0s');
    expect(formatDuration(-1500)).toBe('-1.5s');
  });

  it('refuses values that are not finite', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(WeirError);
  });
});
