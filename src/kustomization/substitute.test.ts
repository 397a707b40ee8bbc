import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseTemplate } from './envsubst.js';
import { SubstitutionError, substituteVariables } from './index.js';

const expand = (input: string, params: Record<string, string>, strict = false) =>
  evaluate(parseTemplate(input), (n) => (n in params ? params[n] : strict ? undefined : ''), strict);

// Cases from fluxcd/pkg envsubst eval_test.go (themselves from tldp.org's parameter substitution page).
const cases: [string, Record<string, string>, string][] = [
  ['abcdEFGH28ij', {}, 'abcdEFGH28ij'],
  ['${#var01}', { var01: 'abcdEFGH28ij' }, '12'],
  ['${var01^}', { var01: 'abcdEFGH28ij' }, 'AbcdEFGH28ij'],
  ['${var01^^}', { var01: 'abcdEFGH28ij' }, 'ABCDEFGH28IJ'],
  ['${var01,}', { var01: 'ABCDEFGH28IJ' }, 'aBCDEFGH28IJ'],
  ['${var01,,}', { var01: 'ABCDEFGH28IJ' }, 'abcdefgh28ij'],
  ['${path_name:11}', { path_name: '/home/bozo/ideas/thoughts.for.today' }, 'ideas/thoughts.for.today'],
  ['${path_name:11:5}', { path_name: '/home/bozo/ideas/thoughts.for.today' }, 'ideas'],
  ['${v:-3}', { v: 'abcdef' }, 'abcdef'],
  ['${v:1:-1}', { v: 'abcdef' }, 'bcde'],
  ['${v:4:-3}', { v: 'abcdef' }, ''],
  ['${v:x}', { v: 'abc' }, 'abc'],
  ['${v:9}', { v: 'abc' }, ''],
  ['${var=xyz}', { var: 'abc' }, 'abc'],
  ['${var=xyz}', {}, 'xyz'],
  ['${var:-xyz}', {}, 'xyz'],
  ['${var:+xyz}', {}, 'xyz'],
  ['something ${var=${default_var}}', { default_var: 'foo' }, 'something foo'],
  ['foo: ${var=${default_var}-suffix}', { default_var: 'foo1' }, 'foo: foo1-suffix'],
  ['foo: ${var=prefix${default_var}-suffix}', { default_var: 'foo1' }, 'foo: prefixfoo1-suffix'],
  ['${var:=xyz}', {}, 'xyz'],
  ['${stringZ/%abc/XYZ}', { stringZ: 'abcABC123ABCabc' }, 'abcABC123ABCXYZ'],
  ['${stringZ/#abc/XYZ}', { stringZ: 'abcABC123ABCabc' }, 'XYZABC123ABCabc'],
  ['${stringZ/#/prefix-}', { stringZ: 'somevalue' }, 'prefix-somevalue'],
  ['${stringZ/%/-suffix}', { stringZ: 'somevalue' }, 'somevalue-suffix'],
  ['${stringZ//abc/xyz}', { stringZ: 'abcABC123ABCabc' }, 'xyzABC123ABCxyz'],
  ['${stringZ/abc/xyz}', { stringZ: 'abcABC123ABCabc' }, 'xyzABC123ABCabc'],
  ['${filename#*.}', { filename: 'bash.string.txt' }, 'string.txt'],
  ['${filename#*/}', { filename: 'path/to/file' }, 'to/file'],
  ['${filename#*/}', { filename: '/path/to/file' }, 'path/to/file'],
  ['${filename##*.}', { filename: 'bash.string.txt' }, 'txt'],
  ['${filename##*/}', { filename: 'path/to/file' }, 'file'],
  ['${filename##*/}', { filename: '/path/to/file' }, 'file'],
  ['${filename%.*}', { filename: 'bash.string.txt' }, 'bash.string'],
  ['${filename%%.*}', { filename: 'bash.string.txt' }, 'bash'],
  ['${filename#[bc]a}', { filename: 'bash' }, 'sh'],
  ['${var=${var01^^}}', { var01: 'abcdEFGH28ij' }, 'ABCDEFGH28IJ'],
  ['$${var01}', { var01: 'abcdEFGH28ij' }, '${var01}'],
  ['some text ${var01}$${var$${var01}$var01${var01}', { var01: 'abcdEFGH28ij' }, 'some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij'],
  ['something $${var=${default_var}}', { default_var: 'foo' }, 'something ${var=foo}'],
  ['$$x and $var', {}, '$x and $var'],
  ['${stringZ/\\//-}', { stringZ: 'foo/bar' }, 'foo-bar'],
  ['${stringZ//\\//-}', { stringZ: 'foo/bar/baz' }, 'foo-bar-baz'],
  ['\\\\something ${var=${default_var}}', { default_var: 'foo' }, '\\\\something foo'],
  ['${stringZ/./}', { stringZ: 'foo.bar' }, 'foobar'],
];

describe('envsubst operators', () => {
  it.each(cases)('expands %s', (input, params, output) => {
    expect(expand(input, params)).toBe(output);
  });

  it.each(['${', '${var', '${var+x}', '${var-x}', '${1a-}', '${var:?', '${}', '${v#}x'])('rejects the malformed %s', (input) => {
    expect(() => expand(input, { var: 'x', v: 'y' })).toThrow();
  });

  const missing = ['${missing}', '${#missing}', '${missing^}', '${missing,,}', '${missing:0:10}', '${missing/a/b}',
    '${missing//a/b}', '${missing/#a/b}', '${missing/%a/b}', '${missing#a}', '${missing##a}', '${missing%a}', '${missing%%a}'];
  it.each(missing)('fails on %s in strict mode', (input) => {
    expect(() => expand(input, {}, true)).toThrow('variable not set (strict mode): "missing"');
  });

  it.each([['${missing:-fallback}', 'fallback'], ['${missing:=assigned}', 'assigned'], ['${missing=assigned}', 'assigned'], ['${foo}', '']])(
    'accepts %s in strict mode', (input, output) => {
      expect(expand(input, { foo: '' }, true)).toBe(output);
    });

  it('leaves unset variables empty outside strict mode', () => {
    expect(expand('a${missing}b${#missing}', {})).toBe('ab0');
  });
});

const deployment = (extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'apps', ...meta }, spec: { ...extra },
});

describe('substituteVariables', () => {
  it('substitutes as text, so a number can replace a string', () => {
    const out = substituteVariables(deployment({ replicas: '${N}', image: 'nginx:${TAG:=1.27}' }), { N: '3' }, { strict: true });
    expect(out.spec).toEqual({ replicas: 3, image: 'nginx:1.27' });
  });

  it('reads YAML 1.1 booleans back as go-yaml v2 does', () => {
    const out = substituteVariables(deployment({ enabled: '${X}', kept: 'yes' }), { X: 'yes' }, { strict: true });
    expect(out.spec).toEqual({ enabled: true, kept: 'yes' });
  });

  it('keeps quoted values strings with the quote variable idiom', () => {
    const out = substituteVariables(deployment({ port: '${quote}${P}${quote}' }), { P: '80', quote: '"' }, { strict: true });
    expect(out.spec).toEqual({ port: '80' });
  });

  it('escapes $${var} to a literal ${var}', () => {
    expect(substituteVariables(deployment({ cmd: 'echo $${HOME}' }), { A: 'b' }, { strict: true }).spec).toEqual({ cmd: 'echo ${HOME}' });
  });

  it.each([['label', { labels: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } }],
    ['annotation', { annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } }]])(
    'skips a resource with the disable %s', (_kind, meta) => {
      const obj = deployment({ x: '${missing}' }, meta);
      expect(substituteVariables(obj, {}, { strict: true })).toBe(obj);
    });

  it('fails in strict mode naming the object and the variable, never a value', () => {
    const err = (() => {
      try { substituteVariables(deployment({ a: '${SECRET}', b: '${missing}' }), { SECRET: 'hunter2' }, { strict: true }); }
      catch (e) { return e; }
    })() as SubstitutionError;
    expect(err).toBeInstanceOf(SubstitutionError);
    expect(err.message).toBe('Deployment/apps/web variable substitution failed: variable not set (strict mode): "missing"');
    expect(err.variable).toBe('missing');
    expect(JSON.stringify({ m: err.message, h: err.hint })).not.toContain('hunter2');
  });

  it('leaves undefined variables empty outside strict mode', () => {
    expect(substituteVariables(deployment({ a: 'x${missing}' }), {}, { strict: false }).spec).toEqual({ a: 'x' });
  });

  it.each(['1abc', 'a-b', 'a.b', ''])('rejects the invalid variable name %j', (name) => {
    expect(() => substituteVariables(deployment(), { [name]: 'v' }, { strict: true }))
      .toThrow(`Deployment/apps/web '${name}' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'`);
  });

  it('does not echo a value that breaks the YAML', () => {
    expect(() => substituteVariables(deployment({ a: '${V}' }), { V: 'hunter2: [' }, { strict: true }))
      .toThrow(/^Deployment\/apps\/web YAMLToJSON: the substituted resource is not valid YAML$/);
  });

  it('leaves objects without a dollar sign unchanged', () => {
    const text = fc.string().filter((s) => !s.includes('$'));
    fc.assert(fc.property(fc.dictionary(fc.string().filter((s) => !s.includes('$')), text), (data) => {
      const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data };
      expect(substituteVariables(obj, { A: 'x' }, { strict: true })).toEqual(obj);
    }));
  });

  it('leaves text without a dollar sign unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('$') && !s.includes('\0')), (s) => {
      expect(expand(s, {}, true)).toBe(s);
    }));
  });
});
