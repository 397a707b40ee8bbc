// images and replicas (api/filters/imagetag, replicacount): rewrite container images by name,
// with tags and digests, and set replica counts by resource name.
import { specSelects, visitFields, type FieldSpec } from '../field-spec.js';
import { idOf, isObject, type Resource } from '../resource.js';

/** One `images:` entry. */
export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Splits an image reference into name, tag and digest, ignoring a registry port. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, at + offset), tag: '', digest: image.slice(at + offset + 1) };
  if (at >= 0 && colon >= 0) {
    return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1, at + offset), digest: image.slice(at + offset + 1) };
  }
  return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1), digest: '' };
}

/** An image matches a rule when its name without tag and digest equals the rule's name. */
function imageMatches(image: string, name: string): boolean {
  return splitImage(image).name === name;
}

/** The image after applying a rule, or undefined when the rule does not match. */
export function applyImageRule(image: string, rule: ImageRule): string | undefined {
  if (!imageMatches(image, rule.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (rule.newName) name = rule.newName;
  if (rule.newTag && rule.digest) [tag, digest] = [rule.newTag, rule.digest];
  else if (rule.newTag) [tag, digest] = [rule.newTag, ''];
  else if (rule.digest) [tag, digest] = ['', rule.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/** Reads the `images:` field. */
export function toImageRules(value: unknown): ImageRule[] {
  if (!Array.isArray(value)) return [];
  const s = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return value.filter(isObject).map((v) => ({ name: s(v.name) ?? '', newName: s(v.newName), newTag: s(v.newTag), digest: s(v.digest) }));
}

/** Every `containers`/`initContainers` list anywhere in the object (kustomize's legacy walk). */
function walkContainers(node: unknown, rule: ImageRule): void {
  if (Array.isArray(node)) return node.forEach((n) => walkContainers(n, rule));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        if (isObject(c) && typeof c.image === 'string') c.image = applyImageRule(c.image, rule) ?? c.image;
      }
    }
    walkContainers(value, rule);
  }
}

/** Applies image rules: the legacy container walk, then the configured image field specs. */
export function transformImages(resources: readonly Resource[], rules: readonly ImageRule[], specs: readonly FieldSpec[]): void {
  for (const res of resources) {
    for (const rule of rules) {
      walkContainers(res.obj, rule);
      // kustomize never creates image fields, whatever the spec's `create` says.
      visitFields(res.obj, specs.map((s) => ({ ...s, create: false })), (v) => (typeof v === 'string' ? applyImageRule(v, rule) : undefined), 'string');
    }
  }
}

/** Sets replica counts on resources named in `replicas:` (current or earlier names). */
export function transformReplicas(resources: readonly Resource[], entries: unknown, specs: readonly FieldSpec[]): void {
  if (!Array.isArray(entries)) return;
  const byName = new Map<string, number>();
  for (const e of entries.filter(isObject)) byName.set(String(e.name ?? ''), Number(e.count ?? 0));
  if (byName.size === 0) return;
  for (const res of resources) {
    const names = new Set([idOf(res.obj).name, ...res.prevIds.map((p) => p.name)]);
    for (const [name, count] of byName) {
      if (!names.has(name)) continue;
      // Other kinds sharing the name (a Service beside its Deployment) are left alone.
      visitFields(res.obj, specs.filter((s) => specSelects(s, res.obj)), () => count, 'string');
    }
  }
}
