// Shell glob matching for the trim operators of fluxcd/pkg/envsubst (its fork of Go's path.Match,
// where `*` also matches `/`: `${f##*/}` of `path/to/file` is `file`).

/** Matches runes against a glob; 'error' for a malformed pattern (then Flux leaves the value alone). */
export function globMatch(pattern: string, runes: string[]): boolean | 'error' {
  const regex = compile(pattern);
  return regex === undefined ? 'error' : regex.test(runes.join(''));
}

const cache = new Map<string, RegExp | undefined>();
const quote = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function compile(pattern: string): RegExp | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
  const p = [...pattern];
  let out = '';
  let bad = false;
  for (let i = 0; i < p.length && !bad; i++) {
    const c = p[i]!;
    if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '\\') { if (i + 1 >= p.length) bad = true; else out += quote(p[++i]!); }
    else if (c === '[') {
      const close = classEnd(p, i);
      if (close < 0) bad = true;
      else { out += classRegex(p.slice(i + 1, close)) ?? ((bad = true), ''); i = close; }
    } else out += quote(c);
  }
  const regex = bad ? undefined : new RegExp(`^${out}$`, 'u');
  cache.set(pattern, regex);
  return regex;
}

function classEnd(p: string[], open: number): number {
  let i = open + 1;
  if (p[i] === '^') i++;
  for (let first = true; i < p.length; i++, first = false) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']' && !first) return i;
  }
  return -1;
}

function classRegex(body: string[]): string | undefined {
  let i = 0;
  const negate = body[0] === '^';
  if (negate) i++;
  let out = '';
  while (i < body.length) {
    let lo = body[i++]!;
    if (lo === '\\') lo = body[i++]!;
    if (body[i] === '-' && i + 1 < body.length) {
      i++;
      let hi = body[i++]!;
      if (hi === '\\') hi = body[i++]!;
      if (hi === undefined || hi.codePointAt(0)! < lo.codePointAt(0)!) return undefined;
      out += `${quote(lo)}-${quote(hi)}`;
    } else out += quote(lo);
  }
  return out === '' ? undefined : `[${negate ? '^' : ''}${out}]`;
}
