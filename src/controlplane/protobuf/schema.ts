// The descriptor tables are written in a one-line-per-field notation so they stay
// readable next to the Go structs they mirror:
//
//   '<field number> <json name>[*][!] [type]'     e.g. '1 replicas* int32'
//   '<field number> ...<Message>'                 an inline (embedded) struct
//
// type: string (the default) | bool | int32 | int64 | bytes | <Message>,
// prefixed by [] for repeated fields or wrapped in map<...> for map<string, T>.
// Flags carry what protobuf cannot say but Go's JSON encoder needs:
//   *  the Go field is a pointer: a present zero value is kept (replicas: 0)
//   !  the Go field has no `omitempty`: a zero value is kept, and an absent
//      slice, map or pointer is written as null, as encoding/json would.

/** Scalar protobuf types that appear in Kubernetes descriptors. */
export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'bytes';

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'bool', 'int32', 'int64', 'bytes']);

/** One field of a message, compiled from the table notation. */
export interface FieldSpec {
  readonly number: number;
  /** JSON name; '' for an inline struct whose fields are merged into the parent. */
  readonly json: string;
  /** A scalar type or the name of another message (including the well-known ones). */
  readonly type: string;
  readonly scalar: boolean;
  readonly repeated: boolean;
  readonly map: boolean;
  readonly inline: boolean;
  readonly pointer: boolean;
  /** No `omitempty` on the Go field. */
  readonly required: boolean;
}

/** A message: its fields in Go struct order (the order JSON prints them), and by number. */
export interface MessageSpec {
  readonly name: string;
  readonly fields: readonly FieldSpec[];
  readonly byNumber: ReadonlyMap<number, FieldSpec>;
}

/** Tables as written in the messages-*.ts data files. */
export type MessageTable = Readonly<Record<string, readonly string[]>>;

const LINE = /^(\d+) (?:\.\.\.([A-Za-z]\w*)|([A-Za-z$][\w$-]*)(\*)?(!)?(?: (\[\])?(map<)?([A-Za-z]\w*)(>)?)?)$/;

/** Compiles one table line; throws on notation errors so a typo fails at load, not mid-request. */
export function parseField(message: string, line: string): FieldSpec {
  const m = LINE.exec(line);
  if (m === null) throw new Error(`protobuf descriptor ${message}: cannot parse '${line}'`);
  const [, num, inlineType, json, star, bang, rep, mapOpen, type, mapClose] = m;
  if (Boolean(mapOpen) !== Boolean(mapClose) || (rep !== undefined && mapOpen !== undefined)) {
    throw new Error(`protobuf descriptor ${message}: bad type in '${line}'`);
  }
  const resolved = inlineType ?? type ?? 'string';
  return {
    number: Number(num),
    json: json ?? '',
    type: resolved,
    scalar: SCALARS.has(resolved),
    repeated: rep !== undefined,
    map: mapOpen !== undefined,
    inline: inlineType !== undefined,
    pointer: star !== undefined,
    required: bang !== undefined,
  };
}

/** Compiles every table into one registry, checking duplicate numbers and dangling message references. */
export function compileMessages(tables: readonly MessageTable[], builtIn: ReadonlySet<string>): Map<string, MessageSpec> {
  const registry = new Map<string, MessageSpec>();
  for (const table of tables) {
    for (const [name, lines] of Object.entries(table)) {
      if (registry.has(name) || builtIn.has(name)) throw new Error(`protobuf descriptor ${name} defined twice`);
      const fields = lines.map((line) => parseField(name, line));
      const byNumber = new Map<number, FieldSpec>();
      for (const f of fields) {
        if (byNumber.has(f.number)) throw new Error(`protobuf descriptor ${name}: field ${f.number} defined twice`);
        byNumber.set(f.number, f);
      }
      registry.set(name, { name, fields, byNumber });
    }
  }
  for (const spec of registry.values()) {
    for (const f of spec.fields) {
      if (!f.scalar && !registry.has(f.type) && !builtIn.has(f.type)) {
        throw new Error(`protobuf descriptor ${spec.name}.${f.json || f.type}: unknown message ${f.type}`);
      }
    }
  }
  return registry;
}
