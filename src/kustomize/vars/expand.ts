// $(VAR) expansion as kustomize does it (api/internal/accumulator/expansion, after Kubernetes'
// container env expansion): `$$` is a literal `$`, an unknown or non-scalar variable stays as
// written, and a string that is exactly one reference takes the variable's own type.

/** A resolved var: a string, number or boolean (maps and lists are never substituted). */
export type VarValue = string | number | boolean;

// Go's fmt.Sprint of a float64 uses %g-like formatting for large and small numbers.
function sprint(value: VarValue): string {
  if (typeof value !== 'number' || Number.isInteger(value) || value === 0) return String(value);
  const abs = Math.abs(value);
  if (abs < 1e-4 || abs >= 1e21) return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(value);
}

/** Expands references in `input`; `use` is told each variable that was substituted. */
export function expandVars(input: string, vars: ReadonlyMap<string, unknown>, use: (name: string) => void): unknown {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    const close = next === '(' ? input.indexOf(')', i + 2) : -1;
    if (close < 0) {
      out += `$${next}`;
      i += 2;
      continue;
    }
    const name = input.slice(i + 2, close);
    const value = vars.get(name);
    const known = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (known) use(name);
    if (input === `$(${name})`) return known ? value : input;
    out += known ? sprint(value) : `$(${name})`;
    i = close + 1;
  }
  return out;
}
