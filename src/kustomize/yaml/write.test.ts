// The writer against what `kubectl kustomize` (kustomize v5.5.0, kubectl 1.32) printed for the
// same values: each expected string below was recorded from a real build.
import { describe, expect, it } from 'vitest';
import { stringifyResourceStream } from './index.js';

/** The line(s) printed for `v: <value>` inside a resource (indentation as in `spec:`). */
const field = (value: unknown): string => stringifyResourceStream([{ spec: { v: value } }]).replace(/^spec:\n {2}/, '').replace(/\n$/, '');

describe('stringifyResourceStream scalars', () => {
  it.each([
    // strings that would read back as another type are double-quoted (yaml.v2 is YAML 1.1)
    ['yes', 'v: "yes"'], ['on', 'v: "on"'], ['y', 'v: "y"'], ['off', 'v: "off"'], ['true', 'v: "true"'],
    ['null', 'v: "null"'], ['~', 'v: "~"'], ['', 'v: ""'], ['0755', 'v: "0755"'], ['1.0', 'v: "1.0"'],
    ['1e5', 'v: "1e5"'], ['0x10', 'v: "0x10"'], ['1_0', 'v: "1_0"'], ['0b1', 'v: "0b1"'], ['-1', 'v: "-1"'],
    ['.5', 'v: ".5"'], ['1:30', 'v: "1:30"'], ['190:20:30.15', 'v: "190:20:30.15"'], ['2020-01-01', 'v: "2020-01-01"'],
    // ...but only when they really would
    ['2020-13-01', 'v: 2020-13-01'], ['1e400', 'v: 1e400'], ['2.5e', 'v: 2.5e'], ['0x1FFFFFFFFFFFFFFFFF', 'v: 0x1FFFFFFFFFFFFFFFFF'],
    ['.x', 'v: .x'], ['+x', 'v: +x'], ['-x', 'v: -x'], ['?x', 'v: ?x'], ['a:b', 'v: a:b'], ['a#b', 'v: a#b'],
    ['a,b', 'v: a,b'], ['a[b]', 'v: a[b]'], ['=', 'v: ='], ['é ü 中', 'v: é ü 中'], ['a\u00a0b', 'v: a\u00a0b'],
    // indicators and spaces force single quotes
    ['*', "v: '*'"], ['&x', "v: '&x'"], ['!x', "v: '!x'"], ['%x', "v: '%x'"], ['@x', "v: '@x'"], ['`x', "v: '`x'"],
    ['|x', "v: '|x'"], ['>x', "v: '>x'"], ["'x", "v: '''x'"], ['"x', `v: '"x'`], ['---', "v: '---'"], ['...', "v: '...'"],
    ['a:', "v: 'a:'"], ['? x', "v: '? x'"], ['- a', "v: '- a'"], ['a: b', "v: 'a: b'"], ['a #b', "v: 'a #b'"],
    ['#x', "v: '#x'"], [' lead', "v: ' lead'"], ['trail ', "v: 'trail '"],
    // unprintable characters force double quotes with escapes
    ['tab\there', 'v: "tab\\there"'], ['a\rb', 'v: "a\\rb"'], ['\u0001', 'v: "\\x01"'], ['\u0000', 'v: "\\0"'],
    ['\u001b', 'v: "\\e"'], ['😀 x', 'v: "\\U0001F600 x"'], ['\ufeffx', 'v: "\\uFEFF\\x78"'],
    ['line1\nline2 \n', 'v: "line1\\nline2 \\n"'], ['a\tb\nc', 'v: "a\\tb\\nc"'], ['abc\t', 'v: "abc\\t"'],
    // NEL is re-read as a folded line break after the JSON round trip
    ['x\u0085y', 'v: x y'], ['x\u0085', "v: 'x '"],
    // multi-line strings are literal blocks with chomping and indentation indicators
    ['multi\nline\n', 'v: |\n    multi\n    line'], ['line1\nline2', 'v: |-\n    line1\n    line2'],
    ['line1\n\n', 'v: |+\n    line1\n'], ['\nabc', 'v: |2-\n\n    abc'], ['  abc\ndef', 'v: |2-\n      abc\n    def'],
    ['\n', 'v: |2+\n'],
    // numbers as Go prints them after json.Marshal and yaml.v2
    [1000000, 'v: 1000000'], [1234567.5, 'v: 1.2345675e+06'], [123456.5, 'v: 123456.5'], [0.0000015, 'v: 1.5e-06'],
    [0.00001, 'v: 1e-05'], [0.0001, 'v: 0.0001'], [1e20, 'v: 1e+20'], [1e21, 'v: 1e+21'], [-1.5e-10, 'v: -1.5e-10'],
    [-0, 'v: 0'], [1.5, 'v: 1.5'], [9007199254740993n, 'v: 9007199254740993'], [18446744073709551615n, 'v: 18446744073709551615'],
    [-9223372036854775808n, 'v: -9223372036854775808'], [2 ** 63, 'v: 9223372036854776000'], [2 ** 64, 'v: 1.8446744073709552e+19'],
    [true, 'v: true'], [false, 'v: false'], [null, 'v: null'], [[], 'v: []'], [{}, 'v: {}'],
  ])('prints %o as %s', (value, want) => {
    expect(field(value)).toBe(want);
  });

  it('folds long plain and quoted strings at 80 columns, never long words', () => {
    const spec = {
      long: 'this is a very long string with spaces that goes beyond the eighty column limit of go-yaml emitter for sure',
      longnospace: 'a'.repeat(110),
      doublesp: `${'a'.repeat(83)}  ${'b'.repeat(15)}`,
      dqlong: `${'a'.repeat(81)}\t  ${'b'.repeat(15)}  cc`,
      sqlong: `${'a'.repeat(83)}: ${'b'.repeat(15)} cc`,
    };
    expect(stringifyResourceStream([{ spec }])).toBe([
      'spec:',
      `  doublesp: ${'a'.repeat(83)}  ${'b'.repeat(15)}`,
      `  dqlong: "${'a'.repeat(81)}\\t`,
      `    \\ ${'b'.repeat(15)}  cc"`,
      '  long: this is a very long string with spaces that goes beyond the eighty column',
      '    limit of go-yaml emitter for sure',
      `  longnospace: ${'a'.repeat(110)}`,
      `  sqlong: '${'a'.repeat(83)}:`,
      `    ${'b'.repeat(15)} cc'`,
      '',
    ].join('\n'));
  });

  it('refuses infinities and NaN like json.Marshal', () => {
    expect(() => field(Infinity)).toThrow(/unsupported value: \+Inf/);
    expect(() => field(NaN)).toThrow(/unsupported value: NaN/);
  });
});

describe('stringifyResourceStream structure', () => {
  it('sorts keys in yaml.v2 order and quotes keys that read as other types', () => {
    const spec = Object.fromEntries(['é', 'z10a', 'z9z', 'b', 'B', '10', '2', '1', 'a01', 'a00', 'a0', 'a_b', 'a.b', 'a-b', 'aB', '_a', '-', '', 'n', 'Y', 'on']
      .map((k) => [k, 1]));
    expect(stringifyResourceStream([{ spec }])).toBe([
      'spec:', '  "": 1', "  '-': 1", '  _a: 1', '  "1": 1', '  "2": 1', '  "10": 1', '  B: 1', '  "Y": 1', '  a-b: 1', '  a.b: 1',
      '  a_b: 1', '  a0: 1', '  a00: 1', '  a01: 1', '  aB: 1', '  b: 1', '  "n": 1', '  "on": 1', '  z9z: 1', '  z10a: 1', '  é: 1', '',
    ].join('\n'));
  });

  it('indents sequences at the parent key and nests sequences and mappings in items', () => {
    const doc = { list: ['x\n', ' y', ['a', ['b']], { a: 'z', b: 'c' }, [], {}, null, 1.5] };
    expect(stringifyResourceStream([doc])).toBe(
      "list:\n- |\n  x\n- ' y'\n- - a\n  - - b\n- a: z\n  b: c\n- []\n- {}\n- null\n- 1.5\n",
    );
  });

  it('writes long and multi-line keys as complex keys', () => {
    const long = `a very long key ${'a'.repeat(120)}`;
    expect(stringifyResourceStream([{ [long]: 'v', 'multi\nkey': 'v' }])).toBe(`? ${long}\n: v\n? |-\n  multi\n  key\n: v\n`);
  });

  it('joins resources with ---, drops undefined fields and prints nothing for no resources', () => {
    expect(stringifyResourceStream([{ a: 1, b: undefined }, { c: 'd' }])).toBe('a: 1\n---\nc: d\n');
    expect(stringifyResourceStream([])).toBe('');
  });
});
