// Post-build substitution of one resource, as kustomize-controller runs it (fluxcd/pkg
// kustomize/kustomize_varsub.go): the resource is written as YAML, substituted as text and read
// back — so `replicas: ${N}` becomes a number. Pure: no I/O; variable values never reach errors.
//
// YAML: the `yaml` package with the YAML 1.1 schema, because Flux writes and reads the text with
// sigs.k8s.io/yaml (go-yaml v2, YAML 1.1): `enabled: ${X}` with X=yes reads back as `true`, and
// strings such as "yes" are quoted on the way out. Lines are never folded, so an expression is
// never split across lines (go-yaml folds plain scalars past 80 columns).
import { parse, stringify } from 'yaml';
import { WeirError } from '../lib/index.js';
import { EnvsubstSyntaxError, VariableNotSetError, evaluate, parseTemplate } from './envsubst.js';

/** The label or annotation that turns substitution off for one resource, with value `disabled`. */
export const SUBSTITUTE_KEY = 'kustomize.toolkit.fluxcd.io/substitute';
/** Flux's rule for variable names (varsubRegex). */
export const VAR_NAME_PATTERN = /^[_\p{L}][_\p{L}\p{Nd}]*$/u;
const FLUX_VAR_NAME_REGEX = '^[_[:alpha:]][_[:alpha:][:digit:]]*$';

type JsonObject = Record<string, unknown>;

/** Options of one substitution: strict fails on unset variables (gate StrictPostBuildSubstitutions). */
export interface SubstituteOptions {
  strict: boolean;
}

/** A substitution that failed for one resource; never carries a variable's value. */
export class SubstitutionError extends WeirError {
  constructor(readonly subject: string, message: string, options: { variable?: string; cause?: unknown } = {}) {
    super('kustomization.substitute', `${subject} ${message}`, {
      hint: 'set the variable in spec.postBuild.substitute or substituteFrom, or give it a default with ${var:=default}',
      cause: options.cause,
    });
    this.variable = options.variable;
  }
  /** The variable that failed, when there is one. */
  readonly variable: string | undefined;
}

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects), the subject of errors. */
export function objectSubject(obj: JsonObject): string {
  const meta = (obj.metadata ?? {}) as JsonObject;
  const parts = [obj.kind, meta.namespace, meta.name].filter((p) => typeof p === 'string' && p !== '');
  return parts.join('/');
}

/** Whether the resource opts out with `kustomize.toolkit.fluxcd.io/substitute: disabled`. */
export function isSubstitutionDisabled(obj: JsonObject): boolean {
  const meta = (obj.metadata ?? {}) as { labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
  return meta.labels?.[SUBSTITUTE_KEY] === 'disabled' || meta.annotations?.[SUBSTITUTE_KEY] === 'disabled';
}

/** Substitutes `${…}` expressions in one resource with Flux's grammar; returns a new object. */
export function substituteVariables(obj: JsonObject, vars: Readonly<Record<string, string>>, options: SubstituteOptions): JsonObject {
  if (isSubstitutionDisabled(obj)) return obj;
  const subject = objectSubject(obj);
  for (const name of Object.keys(vars)) {
    if (!VAR_NAME_PATTERN.test(name)) {
      throw new SubstitutionError(subject, `'${name}' var name is invalid, must match '${FLUX_VAR_NAME_REGEX}'`, { variable: name });
    }
  }
  const text = stringify(obj, { version: '1.1', lineWidth: 0, minContentWidth: 0 });
  const lookup = (name: string) => (Object.hasOwn(vars, name) ? vars[name] : options.strict ? undefined : '');
  let output: string;
  try {
    output = evaluate(parseTemplate(text), lookup, options.strict);
  } catch (err) {
    if (err instanceof VariableNotSetError) {
      throw new SubstitutionError(subject, `variable substitution failed: ${err.message}`, { variable: err.variable });
    }
    if (err instanceof EnvsubstSyntaxError) throw new SubstitutionError(subject, `variable substitution failed: ${err.message}`);
    throw err;
  }
  try {
    return parse(output, { version: '1.1' }) as JsonObject;
  } catch {
    // The parser's message quotes the substituted text, which may hold a secret value.
    throw new SubstitutionError(subject, 'YAMLToJSON: the substituted resource is not valid YAML');
  }
}
