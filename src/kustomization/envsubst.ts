// A parser and evaluator for the `${…}` grammar of fluxcd/pkg/envsubst (a fork of drone/envsubst),
// behaving as the Go scanner does: it works on UTF-8 bytes, `$$` escapes a dollar everywhere,
// `\/` and `\\` escape inside replace patterns, and a malformed expression is an error.
// https://github.com/fluxcd/pkg/tree/main/envsubst
import { globMatch } from './glob.js';

/** A parse tree node: literal text, or a variable with an operator and argument trees. */
type Node = { text: string } | { param: string; op: string; args: Node[][] };

/** Why a `${…}` expression could not be parsed (the Go package's sentinel messages). */
export class EnvsubstSyntaxError extends Error {}
/** A variable referenced without a default operator is unset in strict mode. */
export class VariableNotSetError extends Error {
  constructor(readonly variable: string) {
    super(`variable not set (strict mode): ${JSON.stringify(variable)}`);
  }
}

const BAD = 'bad substitution';
const enc = new TextEncoder();
const dec = new TextDecoder();

const IDENT = 1, LBRACK = 2, RBRACK = 4, ESCAPE = 8;
type Accept = (r: number, i: number) => boolean;
type Token = 'eof' | 'lbrack' | 'rbrack' | 'ident' | 'illegal';
const ch = (c: string) => c.codePointAt(0)!;
const [DOLLAR, LBRACE, RBRACE, BSLASH, SLASH, COLON, HASH, PCT] = ['$', '{', '}', '\\', '/', ':', '#', '%'].map(ch) as number[];
const EOF = 0;

const acceptAny: Accept = () => true;
const acceptIdent: Accept = (r) => /[\p{L}\p{Nd}_]/u.test(String.fromCodePoint(r));
const acceptOneColon: Accept = (r, i) => i === 1 && r === COLON;
const acceptColon: Accept = (r) => r === COLON;
const acceptNotClosing: Accept = (r) => r !== RBRACE;
const rejectColonClose: Accept = (r) => r !== COLON && r !== RBRACE;
const acceptSlash: Accept = (r) => r === SLASH;
const acceptNotSlash: Accept = (r) => r !== SLASH;
const acceptOneEqual: Accept = (r, i) => i === 1 && r === ch('=');
const acceptDefault: Accept = (r, i) => (i === 1 && r === COLON) || (i === 2 && '=-?+'.includes(String.fromCodePoint(r)));
const acceptReplace: Accept = (r, i) => (i === 1 && r === SLASH) || (i === 2 && '/#%'.includes(String.fromCodePoint(r)));
const acceptCasing: Accept = (r, i) => (r === ch(',') || r === ch('^')) && i < 3;
const acceptHash: Accept = (r, i) => r === HASH && i < 3;
const acceptPercent: Accept = (r, i) => r === PCT && i < 3;
const acceptOneHash: Accept = (r, i) => r === HASH && i === 1;

/** Decodes one rune at `pos` as Go's utf8.DecodeRune does (invalid byte → U+FFFD, width 1). */
export function decodeRune(buf: Uint8Array, pos: number): [rune: number, width: number] {
  const b = buf[pos]!;
  if (b < 0x80) return [b, 1];
  const n = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
  if (n === 0 || pos + n > buf.length) return [0xfffd, 1];
  const s = dec.decode(buf.subarray(pos, pos + n));
  const r = s.codePointAt(0)!;
  return r === 0xfffd || s.length > (r > 0xffff ? 2 : 1) ? [0xfffd, 1] : [r, n];
}

class Scanner {
  pos = 0; start = 0; width = 0; mode = 0; escapeAll = false; accept: Accept = acceptAny;
  constructor(public buf: Uint8Array) {}
  read(): number {
    if (this.pos >= this.buf.length) { this.width = 0; return EOF; }
    const [r, w] = decodeRune(this.buf, this.pos);
    this.width = w; this.pos += w;
    return r;
  }
  unread(): void { this.pos -= this.width; }
  peek(): number { const r = this.read(); this.unread(); return r; }
  /** Drops the escape character just read from the buffer (Go's scanner.skip). */
  skip(): void {
    const next = new Uint8Array(this.buf.length - 1);
    next.set(this.buf.subarray(0, this.pos - 1)); next.set(this.buf.subarray(this.pos), this.pos - 1);
    this.buf = next;
  }
  string(): string { return dec.decode(this.buf.subarray(this.start, this.pos)); }
  scan(): Token {
    this.start = this.pos;
    const r = this.read();
    if (r === EOF) return 'eof';
    if (this.lbrack(r)) return 'lbrack';
    if (this.mode & RBRACK && r === RBRACE) return 'rbrack';
    return this.ident(r) ? 'ident' : 'illegal';
  }
  private lbrack(r: number): boolean {
    if (!(this.mode & LBRACK) || r !== DOLLAR) return false;
    if (this.read() === LBRACE) return true;
    this.unread();
    return false;
  }
  private escaped(r: number): boolean {
    if (!(this.mode & ESCAPE)) return false;
    if (r === DOLLAR && this.peek() === DOLLAR) return true;
    if (r === BSLASH && this.escapeAll) { const p = this.peek(); return p === SLASH || p === BSLASH; }
    return false;
  }
  private ident(r: number): boolean {
    if (!(this.mode & IDENT)) return false;
    if (this.escaped(r)) this.skip();
    else if (!this.accept(r, this.pos - this.start)) return false;
    for (;;) {
      const next = this.read();
      if (next === EOF) { this.unread(); break; }
      if (this.lbrack(next)) { this.unread(); this.unread(); break; }
      if (this.escaped(next)) { this.skip(); continue; }
      if (!this.accept(next, this.pos - this.start)) { this.unread(); break; }
    }
    return true;
  }
}

/** Parses a template into a list of nodes, as fluxcd/pkg/envsubst/parse does. */
export function parseTemplate(text: string): Node[] {
  const s = new Scanner(enc.encode(text));
  const out: Node[] = [];
  for (;;) {
    s.accept = acceptAny; s.mode = IDENT | LBRACK | ESCAPE; s.escapeAll = false;
    const tok = s.scan();
    if (tok === 'eof') return out;
    if (tok === 'ident') out.push({ text: s.string() });
    else if (tok === 'lbrack') out.push(parseFunc(s));
    else throw new EnvsubstSyntaxError(BAD);
  }
}

function expect(s: Scanner, accept: Accept, error = BAD): string {
  s.accept = accept; s.mode = IDENT;
  if (s.scan() !== 'ident') throw new EnvsubstSyntaxError(error);
  return s.string();
}

function closeBrace(s: Scanner): void {
  s.mode = RBRACK;
  if (s.scan() !== 'rbrack') throw new EnvsubstSyntaxError(BAD);
}

function parseFunc(s: Scanner): Node {
  s.escapeAll = true;
  if (s.peek() === HASH) {
    const op = expect(s, acceptOneHash);
    const param = expect(s, acceptIdent);
    closeBrace(s);
    return { param, op, args: [] };
  }
  const param = expect(s, acceptIdent, 'unable to parse variable name');
  switch (String.fromCodePoint(s.peek())) {
    case ':': return parseDefaultOrSubstr(s, param);
    case '=': return parseDefault(s, param);
    case ',': case '^': { const op = expect(s, acceptCasing); closeBrace(s); return { param, op, args: [] }; }
    case '/': return parseReplace(s, param);
    case '#': return parseRemove(s, param, acceptHash);
    case '%': return parseRemove(s, param, acceptPercent);
  }
  s.accept = acceptIdent; s.mode = RBRACK;
  if (s.scan() !== 'rbrack') throw new EnvsubstSyntaxError('missing closing brace');
  return { param, op: '', args: [] };
}

/** One operator argument: a nested `${…}` or a run of accepted text. */
function parseParam(s: Scanner, accept: Accept, mode: number): Node {
  s.accept = accept; s.mode = mode | LBRACK;
  const tok = s.scan();
  if (tok === 'lbrack') return parseFunc(s);
  if (tok === 'ident' || tok === 'rbrack') return { text: s.string() };
  throw new EnvsubstSyntaxError('unable to parse substitution within function');
}

function parseDefaultOrSubstr(s: Scanner, param: string): Node {
  s.read();
  const r = s.peek();
  s.unread(); // Go unreads by the width of the peeked rune, not of the colon: kept as is
  return '=-?+'.includes(String.fromCodePoint(r)) && r !== EOF ? parseDefault(s, param) : parseSubstr(s, param);
}

function parseSubstr(s: Scanner, param: string): Node {
  const op = expect(s, acceptOneColon);
  const args = [[parseParam(s, rejectColonClose, IDENT)]];
  s.accept = acceptColon; s.mode = IDENT | RBRACK;
  const tok = s.scan();
  if (tok === 'rbrack') return { param, op, args };
  if (tok !== 'ident') throw new EnvsubstSyntaxError(BAD);
  args.push([parseParam(s, acceptNotClosing, IDENT)]);
  closeBrace(s);
  return { param, op, args };
}

function parseRemove(s: Scanner, param: string, accept: Accept): Node {
  const op = expect(s, accept);
  const args = [[parseParam(s, acceptNotClosing, IDENT)]];
  closeBrace(s);
  return { param, op, args };
}

function parseReplace(s: Scanner, param: string): Node {
  const op = expect(s, acceptReplace);
  const args: Node[][] = [[s.peek() === SLASH ? { text: '' } : parseParam(s, acceptNotSlash, IDENT | ESCAPE)]];
  expect(s, acceptSlash);
  if (s.peek() !== RBRACE) args.push([parseParam(s, acceptNotClosing, IDENT | ESCAPE)]);
  closeBrace(s);
  return { param, op, args };
}

function parseDefault(s: Scanner, param: string): Node {
  const op = expect(s, s.peek() === ch('=') ? acceptOneEqual : acceptDefault, 'unable to parse default function');
  const args: Node[][] = [];
  while (s.peek() !== RBRACE) args.push([parseParam(s, acceptNotClosing, IDENT)]);
  closeBrace(s);
  return { param, op, args };
}

/** Looks a variable up: its value, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

const DEFAULT_OPS = new Set(['-', '+', '=', '?', ':-', ':+', ':=', ':?']);

/** Evaluates a parsed template; in strict mode an unset variable without a default operator throws. */
export function evaluate(nodes: Node[], lookup: Lookup, strict: boolean): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) { out += node.text; continue; }
    const args = node.args.map((arg) => evaluate(arg, lookup, strict));
    const value = lookup(node.param);
    if (value === undefined && strict && !DEFAULT_OPS.has(node.op)) throw new VariableNotSetError(node.param);
    out += applyOperator(node.op, value ?? '', args);
  }
  return out;
}

/** Applies one operator to a value, with the semantics of fluxcd/pkg/envsubst funcs.go. */
function applyOperator(op: string, value: string, args: string[]): string {
  switch (op) {
    case ',': return mapFirstRune(value, (c) => c.toLowerCase());
    case ',,': return mapRunes(value, (c) => c.toLowerCase());
    case '^': return mapFirstRune(value, (c) => c.toUpperCase());
    case '^^': return mapRunes(value, (c) => c.toUpperCase());
    case '#': return args.length === 0 ? String(enc.encode(value).length) : trimPrefix(value, args[0]!, false);
    case '##': return trimPrefix(value, args[0] ?? '', true, args.length === 0);
    case '%': return trimSuffix(value, args[0] ?? '', false, args.length === 0);
    case '%%': return trimSuffix(value, args[0] ?? '', true, args.length === 0);
    case ':': return substring(value, args);
    case '/#': return args.length === 2 && value.startsWith(args[0]!) ? args[1]! + value.slice(args[0]!.length) : value;
    case '/%': return args.length === 2 && value.endsWith(args[0]!) ? value.slice(0, value.length - args[0]!.length) + args[1]! : value;
    case '/': return args.length === 0 ? value : value.replace(args[0]!, () => args[1] ?? '');
    case '//': return args.length === 0 ? value : replaceAll(value, args[0]!, args[1] ?? '');
    default: return value === '' && args.length > 0 ? args.join('') : value;
  }
}

/** Go's strings.Replace(s, old, new, -1): an empty `old` inserts `new` between every rune. */
function replaceAll(value: string, from: string, to: string): string {
  if (from !== '') return value.split(from).join(to);
  return to + [...value].map((c) => c + to).join('');
}

/** Case-maps each rune on its own, as Go's unicode.ToUpper does (never `ß` → `SS`). */
function mapRune(c: string, f: (c: string) => string): string {
  const m = f(c);
  return [...m].length === 1 ? m : c;
}
function mapRunes(value: string, f: (c: string) => string): string {
  return [...value].map((c) => mapRune(c, f)).join('');
}
function mapFirstRune(value: string, f: (c: string) => string): string {
  const [first, ...rest] = [...value];
  return first === undefined ? value : mapRune(first, f) + rest.join('');
}

/** `${v:pos}` and `${v:pos:len}` on bytes, as Go slices strings; unparsable numbers return the value. */
function substring(value: string, args: string[]): string {
  const bytes = enc.encode(value);
  const n = bytes.length;
  let pos = goAtoi(args[0] ?? '');
  if (pos === undefined) return value;
  if (pos < 0) pos = Math.max(0, n + pos);
  if (args.length === 1) return pos < n ? dec.decode(bytes.subarray(pos)) : '';
  const len = goAtoi(args[1]!);
  if (len === undefined) return value;
  if (len < 0) return n + len < pos ? '' : dec.decode(bytes.subarray(pos, n + len));
  if (pos + len >= n) return pos < n ? dec.decode(bytes.subarray(pos)) : '';
  return dec.decode(bytes.subarray(pos, pos + len));
}

/** strconv.Atoi: optional sign and decimal digits only. */
function goAtoi(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

/** `#`/`##`: strip the shortest or longest glob match from the start (funcs.go trimShortest/Longest). */
function trimPrefix(value: string, pattern: string, longest: boolean, noArgs = false): string {
  if (noArgs) return value;
  const runes = [...value];
  let match = -1;
  // Go tries s[0:len-i] for i < len, so the empty prefix is never tried.
  for (let end = runes.length; end > 0; end--) {
    const result = globMatch(pattern, runes.slice(0, end));
    if (result === 'error') return value;
    if (result) { match = end; if (longest) break; }
  }
  return match > 0 ? runes.slice(match).join('') : value;
}

/** `%`/`%%`: the same on the reversed value and reversed pattern, as funcs.go does. */
function trimSuffix(value: string, pattern: string, longest: boolean, noArgs: boolean): string {
  if (noArgs) return value;
  const reverse = (s: string) => [...s].reverse().join('');
  return reverse(trimPrefix(reverse(value), reverse(pattern), longest));
}
