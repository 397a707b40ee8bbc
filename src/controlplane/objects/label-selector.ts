// Label selectors as the API server parses them from `labelSelector=`: equality (`a=b`, `a==b`,
// `a!=b`) and set-based (`a in (x,y)`, `a notin (x)`, `a`, `!a`) requirements, all of which must hold.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
import { ApiError } from '../api-error.js';

/** One requirement of a label selector. */
export type LabelRequirement =
  | { readonly key: string; readonly op: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'exists' | '!' };

/** Labels of an object (absent labels = empty). */
export type Labels = Readonly<Record<string, string>>;

const REQUIREMENT = /^\s*(!)?\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(?:(==|=|!=|\s+in\s+|\s+notin\s+)\s*(.*?))?\s*$/;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseRequirement(text: string, selector: string): LabelRequirement {
  const match = REQUIREMENT.exec(text);
  if (!match) throw ApiError.badRequest(`unable to parse requirement: invalid label selector "${selector}"`);
  const [, not, key, rawOp, rawValue] = match;
  if (not) {
    if (rawOp) throw ApiError.badRequest(`unable to parse requirement: invalid label selector "${selector}"`);
    return { key: key!, op: '!' };
  }
  if (!rawOp) return { key: key!, op: 'exists' };
  const op = rawOp.trim();
  const value = (rawValue ?? '').trim();
  if (op === 'in' || op === 'notin') {
    if (!value.startsWith('(') || !value.endsWith(')')) throw ApiError.badRequest(`unable to parse requirement: found '${value}', expected: '(' in label selector "${selector}"`);
    const values = value.slice(1, -1).split(',').map((v) => v.trim());
    return { key: key!, op, values };
  }
  return { key: key!, op: op === '!=' ? 'notin' : 'in', values: [value] };
}

/** Parses a `labelSelector` query value; empty means "everything". */
export function parseLabelSelector(selector: string | undefined): LabelRequirement[] {
  if (!selector || selector.trim() === '') return [];
  return splitTopLevel(selector).map((part) => parseRequirement(part, selector));
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(requirements: readonly LabelRequirement[], labels: Labels | undefined): boolean {
  for (const req of requirements) {
    const value = labels?.[req.key];
    switch (req.op) {
      case 'exists':
        if (value === undefined) return false;
        break;
      case '!':
        if (value !== undefined) return false;
        break;
      case 'in':
        if (value === undefined || !req.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && req.values.includes(value)) return false;
        break;
    }
  }
  return true;
}
