// The order yaml.v2 prints map keys in (gopkg.in/yaml.v2 sorter.go `keyList.Less`), which
// `kustomize build` inherits because it writes every resource through sigs.k8s.io/yaml
// JSONToYAML. It is not plain code-point order: digit runs compare as numbers ("x9" < "x10"),
// and at the first difference a non-letter sorts before a letter ("a_b" < "a0" < "aB").

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

const isLetter = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x80 && LETTER.test(String.fromCodePoint(c)));
const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x80 && DIGIT.test(String.fromCodePoint(c)));

/** Accumulates a digit run like Go's int64 arithmetic (exact; wraps only past int64, like Go). */
function digitRun(s: string, from: number, start: number): [number | bigint, number] {
  let i = from;
  while (i < s.length && isDigit(s.codePointAt(i)!)) i++;
  if (i - from <= 15) {
    let n = start;
    for (let j = from; j < i; j++) n = n * 10 + (s.charCodeAt(j) - 0x30);
    return [n, i];
  }
  let n = BigInt(start);
  for (let j = from; j < i; j++) n = BigInt.asIntN(64, n * 10n + BigInt(s.codePointAt(j)! - 0x30));
  return [n, i];
}

/** True when yaml.v2 prints key `a` before key `b`. */
export function keyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ac = a.charCodeAt(i);
    let bc = b.charCodeAt(i);
    if (ac === bc) continue;
    // Equal prefixes are equal runes; only the first difference needs real code points.
    if (ac >= 0xd800 && ac <= 0xdfff) ac = a.codePointAt(i)!;
    if (bc >= 0xd800 && bc <= 0xdfff) bc = b.codePointAt(i)!;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let start = 0;
    if (ac === 0x30 || bc === 0x30) {
      // A zero continuing a non-zero number ("10" vs "11") still counts as that number.
      for (let j = i - 1; j >= 0 && isDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 0x30) { start = 1; break; }
      }
    }
    const [an, ai] = digitRun(a, i, start);
    const [bn, bi] = digitRun(b, i, start);
    if (typeof an === typeof bn ? an !== bn : BigInt(an) !== BigInt(bn)) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return a.length < b.length;
}

/** Compare function for Array.prototype.sort in yaml.v2 key order. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : 1;
}
