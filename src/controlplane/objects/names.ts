// Object name rules as the API server applies them, with its exact messages (kubectl shows them).
import { randomInt } from 'node:crypto';
import type { StatusCause } from '../api-error.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Which rule a kind's names follow. */
export type NameRule = 'label' | 'subdomain' | 'path-segment';

const LABEL_KINDS = new Set(['Namespace', 'Service']);
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The name rule of a built-in kind; custom resources use subdomains. */
export function nameRuleOf(kind: string): NameRule {
  if (LABEL_KINDS.has(kind)) return 'label';
  if (PATH_SEGMENT_KINDS.has(kind)) return 'path-segment';
  return 'subdomain';
}

/** Field causes for an invalid name (empty when the name is valid). */
export function validateName(name: string, rule: NameRule, field = 'metadata.name'): StatusCause[] {
  const invalid = (detail: string): StatusCause[] => [{ field, message: `Invalid value: ${JSON.stringify(name)}: ${detail}` }];
  if (rule === 'path-segment') {
    if (name === '.' || name === '..') return invalid(`may not be '${name}'`);
    for (const bad of ['/', '%']) if (name.includes(bad)) return invalid(`may not contain '${bad}'`);
    return [];
  }
  const max = rule === 'label' ? 63 : 253;
  if (name.length > max) return invalid(`must be no more than ${max} characters`);
  const ok = rule === 'label' ? DNS1123_LABEL.test(name) : DNS1123_SUBDOMAIN.test(name);
  return ok ? [] : invalid(rule === 'label' ? LABEL_MESSAGE : SUBDOMAIN_MESSAGE);
}

// The API server's alphabet for generated suffixes: no vowels (no words), no look-alike digits.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A name from `generateName`: the prefix (cut to leave room) plus five random characters. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return prefix.slice(0, 63 - 5) + suffix;
}
