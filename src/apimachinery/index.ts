// apimachinery: what Kubernetes' own apimachinery provides and several Weir folders need — the
// structural schema of built-in kinds (generated from the Kubernetes API schema) and of CRDs, the
// schema engine of CRDs (pruning, structural defaulting, validation with the API server's field
// errors), the patch engines (JSON merge patch, JSON patch, strategic merge patch) and label
// selectors. Pure: no I/O.
export * from './schema/index.js';
export * from './merge/index.js';
export { matchesRequirements, parseLabelSelector, type Requirement } from './labels/label-selector.js';
