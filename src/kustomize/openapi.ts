// The `openapi:` field (api/types Kustomization.OpenAPI; kyaml/openapi SetSchema and initSchema)
// as data of one build. kyaml keeps one process-wide schema, and kustomize sets it from the
// kustomizations as it meets them:
// - the root kustomization first, always: `{path: file}` an OpenAPI document (JSON, or YAML when
//   the file does not start with `{`) that REPLACES the built-in schema, `{version: v1.21.2}` the
//   built-in schema (the only version kustomize v5.5 ships; any other is an error), both an error;
// - then each base or component, in accumulation order, only while nothing is set yet: the first
//   that names a schema wins for the rest of the build, the overlay's own patches included. Its
//   file is read either way, so a missing file is an error even where it would be ignored.
// The schema is parsed lazily, on first use: the id of a kind kyaml's precomputed scope table
// lacks, or a strategic merge (a malformed file only fails a build that uses it). A parse adds to
// what earlier parses indexed: a document a base sets after the built-in schema was used adds to
// it, later layers winning (see patch/openapi-schema.ts).
import { posix } from 'node:path';
import { KustomizeError } from './errors.js';
import type { Kustomization } from './kustomization.js';
import type { Loader } from './loader.js';
import { BUILTIN_OPENAPI, indexOpenApiDocument, layeredOpenApi, type MergeSchema, type OpenApiLayer, type OpenApiSchema, type ResourceGvk } from './patch/index.js';
import { isObject } from './resource.js';
import { parseYamlStream, YamlSyntaxError } from './yaml/index.js';

/** The one built-in schema version kustomize v5.5 accepts in `openapi: {version}`. */
export const BUILTIN_OPENAPI_VERSION = 'v1.21.2';

type Where = { readonly file: string; readonly field: string };

/** kyaml's settings: nothing set (the default), the built-in version, or a document. */
type Choice = { readonly kind: 'default' | 'version' } | { readonly kind: 'custom'; readonly text: string; readonly file: string; readonly where: Where };

/** The whole state, replaced (never changed) on each step, so that it can be saved and restored. */
export interface OpenApiSnapshot {
  readonly choice: Choice;
  /** The choice is not parsed yet (kyaml's `!schemaInit`). */
  readonly stale: boolean;
  readonly layers: readonly OpenApiLayer[];
  /** Names the layers, for `key()`. */
  readonly layerIds: readonly string[];
  readonly view: OpenApiSchema;
}

const DEFAULT: Choice = { kind: 'default' };

/** The OpenAPI schema of one build: set from kustomizations, parsed on first use. */
export class OpenApiState implements OpenApiSchema {
  private state: OpenApiSnapshot = { choice: DEFAULT, stale: true, layers: [], layerIds: [], view: BUILTIN_OPENAPI };

  /** kyaml SetSchema for one kustomization: the root always sets; a base or component only while nothing is set. */
  set(k: Kustomization, loader: Loader, root: boolean): void {
    const openapi = isObject(k.fields.openapi) ? k.fields.openapi : {};
    const where = { file: k.file, field: 'openapi' };
    let text: string | undefined;
    let file = '';
    if (Object.hasOwn(openapi, 'path')) {
      const path = typeof openapi.path === 'string' ? openapi.path : '';
      text = loader.readText(path, where);
      file = loader.display(posix.resolve(loader.dir, path));
    }
    if (this.state.choice.kind !== 'default' && !root) return;
    if (text !== undefined) {
      if (Object.hasOwn(openapi, 'version')) throw new KustomizeError('builtin version and custom schema provided, cannot use both', where, { code: 'kustomize.openapi' });
      this.state = { ...this.state, choice: { kind: 'custom', text, file, where }, stale: true };
      return;
    }
    const version = typeof openapi.version === 'string' ? openapi.version : '';
    if (version === '') {
      this.state = { ...this.state, choice: DEFAULT };
      return;
    }
    if (version !== BUILTIN_OPENAPI_VERSION) {
      throw new KustomizeError(`the specified OpenAPI version is not built in: ${JSON.stringify(version)}`, where, { code: 'kustomize.openapi', hint: `kustomize v5.5 ships ${BUILTIN_OPENAPI_VERSION} only; give your cluster's schema with openapi: {path: …}` });
    }
    this.state = { ...this.state, choice: { kind: 'version' }, stale: true };
  }

  /** The merge schema of a whole resource; the first use parses the schema. */
  resourceSchema(gvk: ResourceGvk): MergeSchema | undefined {
    return this.current().resourceSchema(gvk);
  }

  /** The scope the schema's API paths give a kind; the first use parses the schema. */
  namespaced(gvk: ResourceGvk): boolean | undefined {
    return this.current().namespaced(gvk);
  }

  /** The state now, to restore when a base's cached result is reused. */
  snapshot(): OpenApiSnapshot {
    return this.state;
  }

  /** Goes back to (or forward to) a saved state. */
  restore(snapshot: OpenApiSnapshot): void {
    this.state = snapshot;
  }

  /** Identifies the state: a base accumulated from equal states gives the same result. */
  key(): string {
    const { choice, stale, layerIds } = this.state;
    return `${choice.kind}:${choice.kind === 'custom' ? choice.file : ''}:${stale}:${layerIds.join(',')}`;
  }

  // kyaml's initSchema: parse the choice once, onto what earlier parses indexed.
  private current(): OpenApiSchema {
    if (!this.state.stale) return this.state.view;
    const { choice } = this.state;
    const layers = [...this.state.layers, choice.kind === 'custom' ? parseDocument(choice) : 'builtin'];
    const view = layers.every((l) => l === 'builtin') ? BUILTIN_OPENAPI : layeredOpenApi(layers);
    const layerIds = [...this.state.layerIds, choice.kind === 'custom' ? choice.file : 'builtin'];
    this.state = { ...this.state, stale: false, layers, layerIds, view };
    return view;
  }
}

// kyaml reads a file starting with `{` as JSON, anything else as YAML (its first document).
function parseDocument(choice: Extract<Choice, { kind: 'custom' }>): OpenApiLayer {
  const { text, file, where } = choice;
  const invalid = (detail: string, cause: unknown) => new KustomizeError(`invalid schema file ${detail}`, where, { code: 'kustomize.openapi', cause });
  let value: unknown;
  try {
    value = text.startsWith('{') || text === '' ? JSON.parse(text) : parseYamlStream(text, file)[0]?.value;
  } catch (err) {
    // YAML errors already start with file:line:col.
    throw invalid(err instanceof YamlSyntaxError ? err.message : `${file}: ${(err as Error).message}`, err);
  }
  try {
    return indexOpenApiDocument(value ?? {});
  } catch (err) {
    throw invalid(`${file}: ${(err as Error).message}`, err);
  }
}
