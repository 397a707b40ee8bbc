// Secrets as the API server stores them: `stringData` is a write-only convenience merged into
// `data` (base64, a stringData key winning over the same data key) and never stored or returned;
// an empty `type` defaults to Opaque. Upstream does both when it decodes a v1 Secret
// (k8s.io/kubernetes pkg/apis/core/v1 conversion and defaults).
import type { KubeObject } from '../objects/index.js';

/** The type a Secret gets when it names none. */
export const DEFAULT_SECRET_TYPE = 'Opaque';

/** Folds stringData into data and defaults the type, in place. */
export function normalizeSecret(secret: KubeObject): void {
  const stringData = secret.stringData as Record<string, unknown> | null | undefined;
  if (stringData !== undefined && stringData !== null && typeof stringData === 'object') {
    const data = { ...(secret.data as Record<string, string> | undefined) };
    for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value ?? ''), 'utf8').toString('base64');
    secret.data = data;
  }
  delete secret.stringData;
  if (secret.type === undefined || secret.type === null || secret.type === '') secret.type = DEFAULT_SECRET_TYPE;
}
