// Substituting $(VAR) references in the fields the varReference field specs name (kustomize's
// RefVarTransformer and api/filters/refvar): a string field is expanded; in a map every string
// value is; in a list every item is, and every item must be a string. Vars never referenced only
// produce a warning in kustomize, and unknown references stay as written: neither is an error.
import type { JsonObject } from '../../apimachinery/index.js';
import { KustomizeError } from '../errors.js';
import { describeResource, gvkOf } from '../patch/index.js';
import { DEFAULT_VAR_REFERENCE_SPECS, type VarFieldSpec } from './default-specs.js';
import { expandVars } from './expand.js';
import { readVars, varValues, type VarsPlace } from './var-values.js';

interface Ctx {
  readonly vars: ReadonlyMap<string, unknown>;
  readonly used: Set<string>;
  readonly resource: string;
  readonly path: string;
  readonly place: VarsPlace;
}

function fail(ctx: Ctx, message: string): never {
  throw new KustomizeError(`${ctx.resource}: ${ctx.path}: ${message}`, { file: ctx.place.file, field: 'vars' }, { code: 'kustomize.vars' });
}

function expand(ctx: Ctx, value: string): unknown {
  return expandVars(value, ctx.vars, (name) => ctx.used.add(name));
}

// The value a field spec reaches, expanded (non-strings are left alone).
function substitute(ctx: Ctx, value: unknown): unknown {
  if (typeof value === 'string') return expand(ctx, value);
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'string' ? expand(ctx, item) : fail(ctx, `invalid value type: expected every item of the list to be a string, got ${JSON.stringify(item)}`)));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? expand(ctx, v) : v]));
  }
  return value;
}

// Walks a field spec path; lists on the way apply the rest of the path to each item.
function walk(ctx: Ctx, node: unknown, parts: readonly string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(ctx, item, parts);
    return;
  }
  if (node === null || typeof node !== 'object') fail(ctx, 'expected sequence or mapping node');
  const map = node as JsonObject;
  const key = parts[0]!;
  const value = map[key];
  if (value === undefined || value === null) return;
  if (parts.length > 1) walk(ctx, value, parts.slice(1));
  else map[key] = substitute(ctx, value);
}

function specSelects(spec: VarFieldSpec, resource: JsonObject): boolean {
  const gvk = gvkOf(resource);
  return (!spec.kind || spec.kind === gvk.kind) && (!spec.group || spec.group === gvk.group) && (!spec.version || spec.version === gvk.version);
}

function readSpecs(extra: readonly unknown[]): VarFieldSpec[] {
  const all = [...DEFAULT_VAR_REFERENCE_SPECS, ...(extra.filter((s) => s !== null && typeof s === 'object') as VarFieldSpec[])];
  const seen = new Set<string>();
  return all.filter((s) => {
    const key = `${s.group ?? ''}|${s.version ?? ''}|${s.kind ?? ''}|${s.path}`;
    return typeof s.path === 'string' && !seen.has(key) && seen.add(key);
  });
}

function splitPath(path: string): string[] {
  return path.split(/(?<!\\)\//).map((p) => p.replace(/\\\//g, '/').replace(/\[\]$/, '')).filter((p) => p !== '');
}

/** Resolves deprecated `vars` ($(VAR) references) in place. `extraFieldSpecs`: varReference field specs from `configurations`. Unused vars or unresolvable references error as kustomize does. Returns the names of vars never referenced (kustomize only warns about them). */
export function resolveVars(resources: JsonObject[], vars: readonly unknown[], extraFieldSpecs: readonly unknown[], where: VarsPlace): string[] {
  const defs = readVars(vars, where);
  if (defs.length === 0) return [];
  const values = varValues(resources, defs, where);
  const specs = readSpecs(extraFieldSpecs);
  const used = new Set<string>();
  for (const resource of resources) {
    for (const spec of specs.filter((s) => specSelects(s, resource))) {
      walk({ vars: values, used, resource: describeResource(resource), path: spec.path, place: where }, resource, splitPath(spec.path));
    }
  }
  return defs.map((d) => d.name).filter((n) => !used.has(n));
}
