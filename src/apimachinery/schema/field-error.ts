// Field errors as k8s.io/apimachinery/pkg/util/validation/field words them: a type (the Status
// cause's reason), the field path and the body `ErrorBody()` prints — `Required value`,
// `Invalid value: "x": <detail>`, `Unsupported value: "c": supported values: "a", "b"`.

/** field.ErrorType: the `reason` of a Status cause. */
export type FieldErrorType =
  | 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueTypeInvalid' | 'FieldValueNotSupported'
  | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueForbidden';

/** One field error: `<field>: <message>` is its Error() text. */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  /** What ErrorBody() prints: the message without the field. */
  readonly message: string;
}

/** Go's strconv.Quote (what `%q` prints) for a string. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0)) out += ch;
    else out += ({ 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' } as Record<number, string>)[code] ?? (code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  }
  return `${out}"`;
}

/** A number as Go's `%v` prints a decoded JSON number: integers (int64) plainly, others (float64) in %g style. */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return String(n);
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

/** A bad value as ErrorBody() prints it: numbers and booleans plainly, strings quoted, the rest as JSON. */
export function badValue(value: unknown): string {
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  return JSON.stringify(value ?? null);
}

/** field.Required. */
export const required = (field: string): FieldError => ({ type: 'FieldValueRequired', field, message: 'Required value' });

/** field.Invalid. */
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${badValue(value)}: ${detail}` });

/** field.TypeInvalid (printed as `Invalid value` too). */
export const typeInvalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field, message: `Invalid value: ${badValue(value)}: ${detail}` });

/** field.NotSupported: the supported values are quoted whatever their type. */
export function notSupported(field: string, value: unknown, supported: readonly unknown[]): FieldError {
  const values = supported.map((v) => goQuote(typeof v === 'string' ? v : JSON.stringify(v)));
  return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${badValue(value)}${values.length > 0 ? `: supported values: ${values.join(', ')}` : ''}` };
}

/** field.TooLong (the value is never printed). */
export const tooLong = (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` });

/** field.TooMany. */
export const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}` });
