// kustomization: Weir's kustomization controller — building, decrypting, substituting and
// applying a Flux Kustomization's manifests. It must never import the control plane (it meets it
// over HTTP) and never write plaintext secrets (decrypted data, substitution values) to logs or errors.
export {
  SUBSTITUTE_KEY, VAR_NAME_PATTERN, SubstitutionError, isSubstitutionDisabled, objectSubject, substituteVariables,
  type SubstituteOptions,
} from './substitute.js';
