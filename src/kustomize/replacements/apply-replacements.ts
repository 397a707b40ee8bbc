// kustomize `replacements` (api/filters/replacement): each entry, in order, reads one value from
// exactly one source resource and writes it into every selected target's field paths.
import type { JsonObject } from '../../apimachinery/index.js';
import { KustomizeError } from '../errors.js';
import { describeResource, type OpenApiSchema } from '../patch/index.js';
import { FieldPathError, lookupField, matchFieldSlots, splitFieldPath, type CreateKind } from './field-path.js';
import { formatSelectorId, isSource, isTarget, type PreviousIdsOf, type ReplacementSelector } from './select.js';
import { refineSourceValue, setFieldValue, SetValueError, type FieldOptions } from './set-value.js';

/** Where the replacements come from, and the earlier ids of resources (for selection by old names). */
export interface ReplacementsPlace {
  readonly file: string;
  readonly previous?: PreviousIdsOf;
  /** The build's OpenAPI data (which kinds are cluster-scoped); the built-in one when absent. */
  readonly openapi?: OpenApiSchema;
}

const DEFAULT_FIELD_PATH = 'metadata.name';

interface Ctx {
  readonly resources: readonly JsonObject[];
  readonly place: ReplacementsPlace;
  readonly field: string;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function fail(ctx: Ctx, message: string, cause?: unknown): never {
  throw new KustomizeError(message, { file: ctx.place.file, field: ctx.field }, { cause, code: 'kustomize.replacements' });
}

function sourceValue(ctx: Ctx, source: ReplacementSelector): unknown {
  const matches = ctx.resources.filter((r) => isSource(r, source, ctx.place));
  if (matches.length === 0) fail(ctx, `nothing selected by ${formatSelectorId(source)}: no resource matches the replacement source`);
  if (matches.length > 1) fail(ctx, `multiple matches for selector ${formatSelectorId(source)}: ${matches.map(describeResource).join(', ')}`);
  const fieldPath = typeof source.fieldPath === 'string' && source.fieldPath ? source.fieldPath : DEFAULT_FIELD_PATH;
  const value = lookupField(matches[0]!, splitFieldPath(fieldPath));
  const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
  if (empty) fail(ctx, `fieldPath \`${fieldPath}\` is missing for replacement source ${formatSelectorId(source)} (${describeResource(matches[0]!)})`);
  try {
    return refineSourceValue(value, obj(source.options) as FieldOptions | undefined);
  } catch (err) {
    return fail(ctx, `replacement source ${describeResource(matches[0]!)} ${fieldPath}: ${(err as Error).message}`, err);
  }
}

function createKindOf(value: unknown): CreateKind {
  return Array.isArray(value) ? 'list' : obj(value) ? 'map' : 'scalar';
}

function writeTarget(ctx: Ctx, resource: JsonObject, target: Record<string, unknown>, value: unknown): void {
  const options = obj(target.options) as FieldOptions | undefined;
  const fieldPaths = Array.isArray(target.fieldPaths) && target.fieldPaths.length > 0 ? (target.fieldPaths as string[]) : [DEFAULT_FIELD_PATH];
  const create = options?.create ? createKindOf(value) : undefined;
  for (const fieldPath of fieldPaths) {
    const what = `unable to find ${create ? 'or create ' : ''}field "${fieldPath}" in replacement target ${describeResource(resource)}`;
    try {
      const slots = matchFieldSlots(resource, splitFieldPath(String(fieldPath)), create);
      if (slots.length === 0) fail(ctx, what);
      for (const slot of slots) setFieldValue(slot, value, options);
    } catch (err) {
      if (err instanceof FieldPathError || err instanceof SyntaxError) fail(ctx, `${what}: ${err.message}`, err);
      if (err instanceof SetValueError) fail(ctx, `replacement target ${describeResource(resource)} ${fieldPath}: ${err.message}`, err);
      throw err;
    }
  }
}

function applyOne(ctx: Ctx, entry: unknown): void {
  const r = obj(entry);
  const source = obj(r?.source) as ReplacementSelector | undefined;
  if (!source || !Array.isArray(r?.targets)) fail(ctx, 'replacements must specify a source and at least one target');
  const value = sourceValue(ctx, source);
  (r.targets as unknown[]).forEach((t, i) => {
    const target = obj(t);
    const select = obj(target?.select) as ReplacementSelector | undefined;
    if (!target || !select) fail({ ...ctx, field: `${ctx.field}.targets[${i}]` }, 'target must specify resources to select');
    const reject = (Array.isArray(target.reject) ? target.reject.map(obj).filter(Boolean) : []) as ReplacementSelector[];
    for (const resource of ctx.resources) {
      if (isTarget(resource, select, reject, ctx.place)) writeTarget({ ...ctx, field: `${ctx.field}.targets[${i}]` }, resource, target, value);
    }
  });
}

/** Applies kustomize `replacements` (already loaded: inline entries, and entries read from `path:` files by the engine) to the resources in place, in order. */
export function applyReplacements(resources: JsonObject[], replacements: readonly unknown[], where: ReplacementsPlace): void {
  replacements.forEach((entry, i) => applyOne({ resources, place: where, field: `replacements[${i}]` }, entry));
}
