// The structural schema of API objects: what strategic merge patch and server-side apply need
// to know about a field (how lists merge, which keys identify list items, which maps are atomic).

/** How the items of a list are identified when two versions are merged. */
export type ListType = 'atomic' | 'set' | 'map';

/** A type in the structural schema. Types may be shared and may form cycles (JSONSchemaProps). */
export type SchemaType = ScalarType | UntypedType | StructType | MapType | ListSchemaType;

/** The JSON a scalar is written as, where the schema says (OpenAPI and `kubectl explain` show it). */
export type ScalarFormat = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity';

/** A string, number, boolean or int-or-string: replaced whole. */
export interface ScalarType {
  readonly kind: 'scalar';
  /** Absent when unknown; merging never looks at it. */
  readonly format?: ScalarFormat;
}

/** Any JSON: the structure is deduced from the value (custom resources without a schema, RawExtension). */
export interface UntypedType {
  readonly kind: 'untyped';
}

/** An object with known fields (a Go struct). `atomic` structs are replaced whole (x-kubernetes-map-type: atomic). */
export interface StructType {
  readonly kind: 'struct';
  readonly fields: Readonly<Record<string, FieldSchema>>;
  /** Type of fields not listed in `fields` (x-kubernetes-preserve-unknown-fields or additionalProperties); absent = untyped. */
  readonly otherFields?: SchemaType;
  readonly atomic?: boolean;
}

/** A map from string keys to values of one type (map[string]T). */
export interface MapType {
  readonly kind: 'map';
  readonly values: SchemaType;
  readonly atomic?: boolean;
}

/** A list. `listType` and `mapKeys` follow x-kubernetes-list-type / x-kubernetes-list-map-keys, falling back to the patch strategy as the API server does. */
export interface ListSchemaType {
  readonly kind: 'list';
  readonly items: SchemaType;
  readonly listType: ListType;
  /** For `listType: map`: the item fields that together identify an item. */
  readonly mapKeys?: readonly string[];
}

/** A named field of a struct, with the strategic-merge-patch metadata declared on it. */
export interface FieldSchema {
  readonly type: SchemaType;
  /** x-kubernetes-patch-strategy split on commas: `merge`, `replace`, `retainKeys`. */
  readonly patchStrategies?: readonly string[];
  /** x-kubernetes-patch-merge-key. */
  readonly patchMergeKey?: string;
  /** The schema default; server-side apply uses it for list-map key fields a client left out. */
  readonly default?: unknown;
}

/** Identifies a kind: group ('' for core), version and kind. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}
