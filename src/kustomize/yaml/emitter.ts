// A block-style YAML emitter that reproduces gopkg.in/yaml.v2's output byte for byte for
// JSON-like trees (the libyaml emitter state: column, indent, `whitespace`, `indention`).
// Only what `kustomize build` can produce is covered: block mappings and sequences, `{}`/`[]`
// for empty ones, and scalars in plain, single-quoted, double-quoted or literal style.
import { scalarEvent, sortedKeys, stringEvent } from './encode.js';
import { analyzeScalar, isBreak, isPrintable, selectStyle, type ScalarStyle } from './scalar-analysis.js';

const BEST_WIDTH = 80; // yaml.v2 default line width; longer plain and quoted scalars fold
const BEST_INDENT = 2;

/** A scalar as yaml.v2's encoder hands it to the emitter: its text and the style it asks for. */
export interface ScalarEvent {
  readonly text: string;
  readonly style: ScalarStyle;
}

// No spaces, breaks, quotes or non-ASCII; no indicator first; ':' only followed by more text.
const ORDINARY = /^[A-Za-z0-9_/$(][-A-Za-z0-9_./=+:@$(){}#,;~^]*$/;

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escapeCodePoint(v: number): string {
  const named = ESCAPES[v];
  if (named !== undefined) return '\\' + named;
  const hex = v.toString(16).toUpperCase();
  if (v <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (v <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}

/** Emits one JSON-like value as one document (one `yaml.Marshal` call), ending in a newline. */
export function emitDocument(root: unknown): string {
  const e = new Emitter();
  e.node(root, false);
  e.writeIndent(); // document end
  return e.parts.join('');
}

/** The libyaml emitter state for one document (a class so V8 keeps it in one hidden shape). */
class Emitter {
  readonly parts: string[] = [];
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;

  private put(s: string, width = s.length): void { this.parts.push(s); this.column += width; }
  private putBreak(): void { this.parts.push('\n'); this.column = 0; }

  writeIndent(): void {
    const target = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > target || (this.column === target && !this.whitespace)) this.putBreak();
    if (this.column < target) this.put(indentSpaces(target - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(s: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void { this.indent = this.indents.pop()!; }

  private writePlain(cps: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (!allowBreaks || this.column + cps.length <= BEST_WIDTH || !cps.includes(' ')) {
      this.put(cps); // fast path: nothing can fold
    } else {
      let spaces = false;
      for (let i = 0; i < cps.length; i++) {
        const c = cps.charCodeAt(i);
        if (c === 0x20) {
          if (!spaces && this.column > BEST_WIDTH && cps.charCodeAt(i + 1) !== 0x20) this.writeIndent();
          else this.put(' ');
          spaces = true;
        } else {
          this.put(String.fromCodePoint(c), 1);
          this.indention = false;
          spaces = false;
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(cps: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps.charCodeAt(i);
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps.charCodeAt(i + 1) !== 0x20) this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        if (c === 0x0a) this.putBreak(); else { this.put(String.fromCodePoint(c), 1); this.column = 0; }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c === 0x27 ? "''" : String.fromCodePoint(c), c === 0x27 ? 2 : 1);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(cps: readonly number[], allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    // go-yaml's `is_bom` looks at the start of the value, not at i: a leading BOM escapes everything.
    const bom = cps[0] === 0xfeff;
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (bom || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
        const e = escapeCodePoint(c);
        this.put(e);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else {
          this.put(' ');
        }
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c), 1);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(cps: string): void {
    this.indicator('|', true, false, false);
    const first = cps.charCodeAt(0);
    if (first === 0x20 || isBreak(first)) this.indicator(String(BEST_INDENT), false, false, false);
    const n = cps.length;
    let chomp = '';
    if (n === 0 || !isBreak(cps.charCodeAt(n - 1))) chomp = '-';
    else if (n === 1 || isBreak(cps.charCodeAt(n - 2))) chomp = '+';
    if (chomp !== '') this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < n; ) {
      const c = cps.charCodeAt(i);
      if (isBreak(c)) {
        if (c === 0x0a) this.putBreak(); else { this.put(cps[i]!, 1); this.column = 0; }
        this.indention = true;
        breaks = true;
        i++;
      } else {
        if (breaks) this.writeIndent();
        // Copy the rest of the line at once; a line never holds a break.
        let j = i + 1;
        while (j < n && !isBreak(cps.charCodeAt(j))) j++;
        this.put(cps.slice(i, j));
        this.indention = false;
        breaks = false;
        i = j;
      }
    }
  }

  private emitScalar(ev: ScalarEvent, simpleKey: boolean): void {
    const t = ev.text;
    // Most Kubernetes strings (names, labels, images) are plain without any analysis.
    const style = ev.style === 'plain' && ORDINARY.test(t) && t.charCodeAt(t.length - 1) !== 0x3a
      ? 'plain' : selectStyle(ev.style, analyzeScalar(t), t.length === 0, simpleKey);
    this.increaseIndent(true, false);
    // Plain, single-quoted and literal scalars never hold surrogates (those force double quotes),
    // so only the double-quoted writer needs code points.
    if (style === 'plain') this.writePlain(ev.text, !simpleKey);
    else if (style === 'single') this.writeSingle(ev.text, !simpleKey);
    else if (style === 'double') this.writeDouble(toCodePoints(ev.text), !simpleKey);
    else this.writeLiteral(ev.text);
    this.popIndent();
  }

  node(node: unknown, mappingContext: boolean): void {
    if (node === null || typeof node !== 'object' || node instanceof Date) {
      this.emitScalar(scalarEvent(node), false);
    } else if (Array.isArray(node)) {
      if (node.length === 0) {
        this.indicator('[', true, true, false);
        this.indicator(']', false, false, false);
        return;
      }
      this.increaseIndent(false, mappingContext && !this.indention);
      for (const item of node) {
        this.writeIndent();
        this.indicator('-', true, false, true);
        this.node(item, false);
      }
      this.popIndent();
    } else {
      const obj = node as Record<string, unknown>;
      const keys = sortedKeys(obj);
      if (keys.length === 0) {
        this.indicator('{', true, true, false);
        this.indicator('}', false, false, false);
        return;
      }
      this.increaseIndent(false, false);
      for (const key of keys) {
        this.writeIndent();
        if (isSimpleKey(key)) {
          this.emitScalar(stringEvent(key), true);
          this.indicator(':', false, false, false);
        } else {
          this.indicator('?', true, false, true);
          this.emitScalar(stringEvent(key), false);
          this.writeIndent();
          this.indicator(':', true, false, true);
        }
        this.node(obj[key], true);
      }
      this.popIndent();
    }
  }
}

const SPACES: string[] = [];
const indentSpaces = (n: number): string => (SPACES[n] ??= ' '.repeat(n));

function toCodePoints(s: string): number[] {
  const cps: number[] = new Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { cps[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000; i++; continue; }
    }
    cps[n++] = c;
  }
  cps.length = n;
  return cps;
}

/** go-yaml `check_simple_key`: single-line and at most 128 UTF-8 bytes. */
function isSimpleKey(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isBreak(text.charCodeAt(i))) return false;
  if (text.length <= 42) return true;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return bytes <= 128;
}
