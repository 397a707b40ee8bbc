// Kustomization defaults and validation: first what the CRD schema does on the API server, then
// the defaults kustomize-controller computes in code (GetTimeout, GetRetryInterval,
// GetDeletionPolicy in kustomization_types.go).
import { formatDuration, parseDuration } from '../lib/index.js';
import type { Kustomization } from './kustomization-types.js';
import { KUSTOMIZATION_RULES, kustomizationSchema } from './kustomization-schema.js';
import { applySchemaDefaults, validateSchema } from '../apimachinery/index.js';

const SCHEMA = kustomizationSchema();
const THIRTY_SECONDS = 30_000;

/** The timeout in ms: spec.timeout, else interval - 30s; never below 30s (GetTimeout). */
export function kustomizationTimeoutMs(ks: Kustomization): number {
  const ms = ks.spec.timeout !== undefined ? parseDuration(ks.spec.timeout) : parseDuration(ks.spec.interval) - THIRTY_SECONDS;
  return Math.max(ms, THIRTY_SECONDS);
}

/** The delay after a failure in ms: spec.retryInterval, else the interval (GetRetryInterval). */
export function kustomizationRetryIntervalMs(ks: Kustomization): number {
  return parseDuration(ks.spec.retryInterval ?? ks.spec.interval);
}

/** Spec with Flux's defaults applied: the schema's (force false, substituteFrom optional false, status) and the controller's (deletionPolicy MirrorPrune, retryInterval = interval, timeout per GetTimeout). */
export function kustomizationWithDefaults(ks: Kustomization): Kustomization {
  const out = applySchemaDefaults(SCHEMA, ks);
  out.spec.deletionPolicy ??= 'MirrorPrune';
  out.spec.retryInterval ??= out.spec.interval;
  // Written Go-style, as Flux prints it. A given timeout is kept as written: kustomizationTimeoutMs
  // applies GetTimeout's 30s floor to it when it is used.
  out.spec.timeout ??= formatDuration(kustomizationTimeoutMs(out));
  return out;
}

/** Validation the CRD does (required fields, duration patterns, enums, lengths, kubeConfig one-of) → field path + message. */
export function validateKustomization(obj: unknown): string[] {
  return validateSchema(SCHEMA, obj, { rules: KUSTOMIZATION_RULES });
}
