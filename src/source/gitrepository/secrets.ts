// Reading the Secrets a GitRepository names (auth, verification keys) as plain strings.
import { errorMessage } from '../../lib/index.js';
import type { KubeClient } from '../../kube/index.js';

/** The decoded data of Secret namespace/name; throws "failed to get secret 'ns/name': …" as Flux words it. */
export async function readSecretData(client: KubeClient, namespace: string, name: string): Promise<Record<string, string>> {
  let secret;
  try {
    secret = await client.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  } catch (err) {
    throw new Error(`failed to get secret '${namespace}/${name}': ${errorMessage(err)}`);
  }
  if (!secret) throw new Error(`failed to get secret '${namespace}/${name}': secrets "${name}" not found`);
  const data = (secret.data ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}
