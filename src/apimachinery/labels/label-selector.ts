// Kubernetes label-selector syntax (`a=b,c!=d,e in (x,y),f notin (z),g,!h`,
// k8s.io/apimachinery/pkg/labels.Parse): the API server's `labelSelector=` and kustomize's
// `labelSelector`/`annotationSelector` in patch and replacement targets.

/** One requirement of a selector (`key=value`, `key in (…)`, `!key`, …). */
export type Requirement =
  | { readonly op: 'eq' | 'neq'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'exists' | 'absent'; readonly key: string };

/** Splits on commas that are not inside `( … )`. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim());
}

function parseTerm(term: string): Requirement | string {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) return { op: set[2] as 'in' | 'notin', key: set[1]!, values: set[3]!.split(',').map((v) => v.trim()) };
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (cmp) return { op: cmp[2] === '!=' ? 'neq' : 'eq', key: cmp[1]!, value: cmp[3]! };
  if (/^!\s*[^=!\s()]+$/.test(term)) return { op: 'absent', key: term.slice(1).trim() };
  if (/^[^=!\s()]+$/.test(term)) return { op: 'exists', key: term };
  return `unable to parse requirement: ${JSON.stringify(term)}`;
}

/** Parses a label selector; returns the reason as a string when it does not parse. */
export function parseLabelSelector(selector: string): Requirement[] | string {
  if (selector.trim() === '') return [];
  const out: Requirement[] = [];
  for (const term of splitTerms(selector)) {
    const req = parseTerm(term);
    if (typeof req === 'string') return req;
    out.push(req);
  }
  return out;
}

function satisfies(req: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.op) {
    case 'eq':
      return has && value === req.value;
    case 'neq':
      return !has || value !== req.value;
    case 'in':
      return has && req.values.includes(value!);
    case 'notin':
      return !has || !req.values.includes(value!);
    case 'exists':
      return has;
    case 'absent':
      return !has;
  }
}

/** Whether a label (or annotation) map satisfies every requirement. */
export function matchesRequirements(reqs: readonly Requirement[], labels: Readonly<Record<string, string>>): boolean {
  return reqs.every((r) => satisfies(r, labels));
}
