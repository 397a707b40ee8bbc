// The one error type of the kustomize engine: it names the kustomization file, the field and,
// where the problem comes from a YAML document, the file and line.
import { WeirError } from '../lib/index.js';

/** Where a build error comes from. */
export interface KustomizeErrorPlace {
  /** The kustomization file (or resource file) at fault, relative to the build root. */
  readonly file?: string;
  /** The kustomization field, e.g. `patches[2].target`. */
  readonly field?: string;
  readonly line?: number;
}

/** A build that cannot go on. */
export class KustomizeError extends WeirError {
  readonly file: string | undefined;
  readonly field: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, place: KustomizeErrorPlace = {}, options: { hint?: string; cause?: unknown; code?: string } = {}) {
    const where = [place.file && (place.line ? `${place.file}:${place.line}` : place.file), place.field].filter(Boolean).join(': ');
    super(options.code ?? 'kustomize.build', where ? `${where}: ${message}` : message, options);
    this.file = place.file;
    this.field = place.field;
    this.line = place.line;
  }
}
