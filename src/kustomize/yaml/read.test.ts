// The reader: documents and their lines, kyaml's (go-yaml v3) typing of plain scalars, anchors,
// and refusing bad or hostile input with file:line:column.
import { describe, expect, it } from 'vitest';
import { parseYamlStream, scalarSourceText, YamlSyntaxError } from './index.js';

const values = (text: string): unknown[] => parseYamlStream(text, 'f.yaml').map((d) => d.value);
const one = (yaml: string): unknown => (values(`v: ${yaml}\n`)[0] as { v: unknown }).v;

describe('parseYamlStream documents', () => {
  it('reports the line where each document content starts', () => {
    const docs = parseYamlStream('# head\n---\n\n# c\na: 1\n---\n- x\n...\n---\nb: 2\n', 'f.yaml');
    expect(docs).toEqual([
      { value: { a: 1 }, line: 5 },
      { value: ['x'], line: 7 },
      { value: { b: 2 }, line: 10 },
    ]);
  });

  it('skips empty, comment-only and null documents', () => {
    expect(values('---\n---\n# only a comment\n---\n~\n---\na: 1\n---\n')).toEqual([{ a: 1 }]);
    expect(values('')).toEqual([]);
    expect(values('\n\n# nothing\n')).toEqual([]);
  });

  it('starts a document on the marker line when content follows the marker', () => {
    expect(parseYamlStream('--- |\n  text\n', 'f')).toEqual([{ value: 'text\n', line: 1 }]);
  });

  it('reads a document without a leading marker, directives and CRLF line ends', () => {
    expect(parseYamlStream('%YAML 1.2\n---\na: 1\n', 'f')).toEqual([{ value: { a: 1 }, line: 3 }]);
    expect(values('a: 1\r\nb: |\r\n  x\r\n')).toEqual([{ a: 1, b: 'x\n' }]);
  });
});

describe('parseYamlStream scalars (go-yaml v3 as kyaml resolves them)', () => {
  it.each([
    ['yes', 'yes'], ['on', 'on'], ['y', 'y'], ['No', 'No'], ['off', 'off'],
    ['true', true], ['True', true], ['FALSE', false],
    ['~', null], ['null', null], ['Null', null], ['', null],
    ['0755', 493], ['0o17', 15], ['0x1F', 31], ['-0x10', -16], ['0b101', 5], ['1_000', 1000], ['08', 8], ['09.5', 9.5],
    ['1.0', 1], ['1e3', 1000], ['+.5', 0.5], ['1.', 1], ['.5', 0.5], ['-0', 0],
    ['.inf', Infinity], ['-.Inf', -Infinity],
    ['1e400', '1e400'], ['2.5e', '2.5e'], ['0x', '0x'], ['1:20', '1:20'], ['=', '='],
    ['9007199254740993', 9007199254740993n], ['18446744073709551615', 18446744073709551615n],
    ['99999999999999999999', 1e20], ['0x1FFFFFFFFFFFFFFFFF', '0x1FFFFFFFFFFFFFFFFF'],
    ['2001-12-14', '2001-12-14T00:00:00Z'], ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.1-05:00'],
    ['2001-12-14 21:59:43.10', '2001-12-14T21:59:43.1Z'], ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.10 -5'],
    ['2020-02-30', '2020-02-30'], ['"0755"', '0755'], ["'true'", 'true'],
    ['!!str 0755', '0755'], ['!!int "12"', 12], ['!!float 3', 3], ['!Ref x', 'x'], ['!!binary aGVsbG8=', 'hello'],
  ])('reads %s as %o', (yaml, want) => {
    const got = one(yaml);
    if (typeof want === 'number' && Number.isNaN(want)) expect(got).toBeNaN();
    else expect(got).toEqual(want);
  });

  it('keeps the source text of plain scalars that print differently, and for keys', () => {
    const [doc] = values('a: 0755\nb: 1.0\nc: plain\nd: 7\n0755: k\n~: n\n') as [Record<string, unknown>];
    expect(doc).toEqual({ a: 493, b: 1, c: 'plain', d: 7, '0755': 'k', '~': 'n' });
    expect(scalarSourceText(doc, 'a')).toBe('0755');
    expect(scalarSourceText(doc, 'b')).toBe('1.0');
    expect(scalarSourceText(doc, 'c')).toBeUndefined();
    expect(scalarSourceText(doc, 'd')).toBeUndefined();
    const [nulls] = values('a: null\nb: ~\nc:\n') as [Record<string, unknown>];
    expect(nulls).toEqual({ a: null, b: null, c: null });
    expect([scalarSourceText(nulls, 'a'), scalarSourceText(nulls, 'b'), scalarSourceText(nulls, 'c')]).toEqual(['null', '~', undefined]);
  });

  it('rejects a value that does not fit its explicit tag', () => {
    expect(() => values('v: !!bool yes\n')).toThrow(YamlSyntaxError);
  });
});

describe('parseYamlStream folded scalars (kustomize round-trips them through go-yaml v3)', () => {
  it('gains the newline go-yaml adds before more-indented lines, as kubectl kustomize prints', () => {
    const [doc] = values([
      'a: >', '  x', '    more', '  y',
      'c: >', '  p', '  q', '', '    r', '  s',
      'd: >-', '  one', '  two',
      'e: >+', '  keep', '    indented', '',
      'f: >2', '    starts indented', '  then normal',
      'l:', '- >', '  in a', '    sequence',
      'j: >  # comment', '  commented', '    header', '',
    ].join('\n')) as [Record<string, unknown>];
    expect(doc).toEqual({
      a: 'x\n\n  more\ny\n', c: 'p q\n\n\n  r\ns\n', d: 'one two', e: 'keep\n\n  indented\n\n',
      f: '  starts indented\nthen normal\n', l: ['in a\n\n  sequence\n'], j: 'commented\n\n  header\n',
    });
  });
});

describe('parseYamlStream anchors, merge keys and duplicates', () => {
  it('expands aliases into independent copies and applies merge keys', () => {
    const [doc] = values('base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nal: *b\n') as [Record<string, Record<string, number>>];
    expect(doc).toEqual({ base: { x: 1, y: 2 }, m: { x: 1, y: 3 }, al: { x: 1, y: 2 } });
    doc.al!.x = 9;
    expect(doc.base!.x).toBe(1);
  });

  it('rejects duplicate keys like kyaml, with the position of the second one', () => {
    expect(() => values('a: 1\nb: 2\na: 3\n')).toThrow(/^f\.yaml:3:1: duplicated mapping key/);
  });
});

describe('parseYamlStream errors and hostile input', () => {
  it('names file, line and column of a syntax error, counted in the whole stream', () => {
    let err: unknown;
    try { values('a: 1\n---\nb: 2\nkey: [unclosed\n'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(YamlSyntaxError);
    expect(err).toMatchObject({ file: 'f.yaml', line: 5, code: 'kustomize.yaml.syntax' });
    expect((err as Error).message).toMatch(/^f\.yaml:5:\d+: /);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(97 + i - 1);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${p}`).join(',')}]`);
    }
    const started = Date.now();
    expect(() => values(levels.join('\n') + '\n')).toThrow(/too many nodes/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses deeply nested flow collections', () => {
    expect(() => values('a: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n')).toThrow(YamlSyntaxError);
  });

  it('refuses a stream larger than 64 MiB without parsing it', () => {
    const huge = 'a'.repeat(64 * 1024 * 1024 + 1);
    expect(() => values(huge)).toThrow(/larger than 64 MiB/);
  });
});
