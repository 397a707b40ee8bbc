// kustomize/vars: the deprecated `vars` feature — find each var's value in the resource its
// objref names and substitute $(VAR) references in the varReference fields (kustomize's defaults
// plus `configurations`). It mutates the resources it is given in place and must never read
// files, parse YAML, log, or add, remove or reorder resources.
export { resolveVars } from './resolve-vars.js';
export { DEFAULT_VAR_REFERENCE_SPECS, type VarFieldSpec } from './default-specs.js';
export { expandVars } from './expand.js';
export { findVarTargets, type VarsPlace } from './var-values.js';
