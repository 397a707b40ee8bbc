// What go-yaml's emitter (libyaml port, gopkg.in/yaml.v2 emitterc.go `yaml_emitter_analyze_scalar`)
// decides about one scalar before choosing its style: which styles are allowed, and the
// character classes those rules use. Kept separate so the writer stays a straight line.

/** The style go-yaml asks for or ends up using for one scalar. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** What the emitter's analysis allows for one scalar (names follow go-yaml's `scalar_data`). */
export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

/** go-yaml `is_printable` over code points: 4-byte UTF-8 (emoji) is NOT printable there. */
export function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** go-yaml `is_break`: CR, LF, NEL, LS, PS. */
export function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

const isBlank = (cp: number | undefined): boolean => cp === 0x20 || cp === 0x09;

const INDICATORS = '#,[]{}&*!|>\'"%@`';

const EMPTY: ScalarAnalysis = { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };

/**
 * Classifies a scalar the way go-yaml does. Works on UTF-16 units: a surrogate (a 4-byte UTF-8
 * character) is "not printable" for go-yaml either way, and is never a space or a break.
 */
export function analyzeScalar(s: string): ScalarAnalysis {
  const n = s.length;
  if (n === 0) return EMPTY;
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededByWs = true;
  if (n >= 3 && (s.startsWith('---') || s.startsWith('...'))) blockIndicators = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const followedByWs = i + 1 >= n || isBlank(s.charCodeAt(i + 1));
    if (i === 0) {
      // '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`'
      if (INDICATORS.includes(s[0]!)) blockIndicators = true;
      else if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByWs) blockIndicators = true; // '?', ':', '-'
    } else if (c === 0x3a && followedByWs) {
      blockIndicators = true;
    } else if (c === 0x23 && precededByWs) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlank(c) || isBreak(c) || c === 0;
  }
  let blockPlainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak);
  let singleQuotedAllowed = true;
  let blockAllowed = !trailingSpace;
  if (breakSpace) { blockPlainAllowed = false; singleQuotedAllowed = false; }
  if (spaceBreak || special) { blockPlainAllowed = false; singleQuotedAllowed = false; blockAllowed = false; }
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** The final style: go-yaml `yaml_emitter_select_scalar_style` for block context (flow level 0). */
export function selectStyle(requested: ScalarStyle, a: ScalarAnalysis, empty: boolean, simpleKey: boolean): ScalarStyle {
  let style = requested;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (empty && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}
