// meta.k8s.io/v1 Table replies for `kubectl get`: column definitions, one row per object, and
// the row's object as PartialObjectMetadata (kubectl reads NAMESPACE and LABELS from it).
import type { PrinterColumn, ResourceType } from '../registry/index.js';
import { BUILTIN_COLUMNS, DEFAULT_COLUMNS, type BuiltinColumn } from './builtin-columns.js';
import { ageOf } from './human-duration.js';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';

/** What a row carries besides its cells (`includeObject`). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Whether an Accept header asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  return accept?.includes('as=Table') ?? false;
}

const AGE_CRD_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function customColumns(type: ResourceType): BuiltinColumn[] {
  const declared = type.printerColumns ?? [AGE_CRD_COLUMN];
  const name: BuiltinColumn = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', cell: (o) => o.metadata?.name ?? '' };
  return [
    name,
    ...declared.map((column): BuiltinColumn => {
      const steps = parseJsonPath(column.jsonPath);
      return {
        name: column.name,
        type: column.type,
        ...(column.format ? { format: column.format } : {}),
        ...(column.priority ? { priority: column.priority } : {}),
        description: column.description ?? column.name,
        cell: (o, now) => {
          const values = evaluateJsonPath(steps, o);
          if (values.length === 0) return null;
          if (column.type === 'date') return ageOf(values[0], now);
          if (values.length === 1 && typeof values[0] !== 'object') return values[0];
          return values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
        },
      };
    }),
  ];
}

/** The columns a resource is printed with. */
export function columnsOf(type: ResourceType): readonly BuiltinColumn[] {
  if (type.custom) return customColumns(type);
  return BUILTIN_COLUMNS[type.kind] ?? DEFAULT_COLUMNS;
}

function rowObject(object: Record<string, unknown>, include: IncludeObject): Record<string, unknown> | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  const { managedFields: _managedFields, ...metadata } = (object.metadata ?? {}) as Record<string, unknown>;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

/** Options of a Table reply. */
export interface TableOptions {
  readonly include: IncludeObject;
  readonly resourceVersion?: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
  /** Watch events after the first leave the column definitions out, as the API server does. */
  readonly withColumns?: boolean;
  readonly now?: number;
}

/** Builds a Table of `objects`. */
export function buildTable(type: ResourceType, objects: readonly Record<string, unknown>[], options: TableOptions): Record<string, unknown> {
  const columns = columnsOf(type);
  const now = options.now ?? Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}),
      ...(options.continue ? { continue: options.continue } : {}),
      ...(options.remainingItemCount !== undefined ? { remainingItemCount: options.remainingItemCount } : {}),
    },
    columnDefinitions: options.withColumns === false ? null : columns.map(({ cell: _cell, ...definition }) => ({ format: '', priority: 0, ...definition })),
    rows: objects.map((object) => {
      const row = rowObject(object, options.include);
      return { cells: columns.map((c) => c.cell(object, now) ?? null), ...(row ? { object: row } : {}) };
    }),
  };
}
