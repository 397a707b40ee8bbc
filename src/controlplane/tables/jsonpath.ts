// The JSONPath subset CRD printer columns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a['x.y']` and
// filters such as `.status.conditions[?(@.type=="Ready")].status` (every Flux CRD uses those).
// No JSONPath library on npm implements Kubernetes' dialect (filters on `@.field`, braces, `..`
// not needed), and this subset is small, so it is written here.

type Step = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'filter'; path: string[]; op: '==' | '!='; value: unknown };

function parseFilter(body: string): Step {
  const match = /^\?\(@((?:\.[\w-]+)+)\s*(==|!=)\s*(.+)\)$/.exec(body.trim());
  if (!match) throw new Error(`unsupported JSONPath filter: [${body}]`);
  const raw = match[3]!.trim();
  const value = /^["'].*["']$/.test(raw) ? raw.slice(1, -1) : raw === 'true' ? true : raw === 'false' ? false : Number(raw);
  return { kind: 'filter', path: match[1]!.slice(1).split('.'), op: match[2] as '==' | '!=', value };
}

/** Parses a printer-column JSONPath into steps. */
export function parseJsonPath(expression: string): Step[] {
  let text = expression.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  if (text.startsWith('$')) text = text.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') {
      const match = /^\.([^.[\]]+)/.exec(text.slice(i));
      if (!match) throw new Error(`invalid JSONPath ${expression}`);
      steps.push({ kind: 'field', name: match[1]! });
      i += match[0].length;
    } else if (text[i] === '[') {
      const end = text.indexOf(']', text[i + 1] === '?' ? text.indexOf(')', i) : i);
      if (end < 0) throw new Error(`invalid JSONPath ${expression}`);
      const body = text.slice(i + 1, end).trim();
      if (body === '*') steps.push({ kind: 'all' });
      else if (body.startsWith('?')) steps.push(parseFilter(body));
      else if (/^-?\d+$/.test(body)) steps.push({ kind: 'index', index: Number(body) });
      else if (/^['"].*['"]$/.test(body)) steps.push({ kind: 'field', name: body.slice(1, -1) });
      else throw new Error(`invalid JSONPath ${expression}`);
      i = end + 1;
    } else {
      throw new Error(`invalid JSONPath ${expression}`);
    }
  }
  return steps;
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const name of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[name] : undefined;
  return current;
}

/** Every value the path selects in `root`. */
export function evaluateJsonPath(steps: readonly Step[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'field') {
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && step.name in value) next.push((value as Record<string, unknown>)[step.name]);
      } else if (Array.isArray(value)) {
        if (step.kind === 'index') {
          const item = value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        } else if (step.kind === 'all') next.push(...value);
        else next.push(...value.filter((item) => (readPath(item, step.path) === step.value) === (step.op === '==')));
      }
    }
    current = next;
  }
  return current.filter((v) => v !== undefined);
}
