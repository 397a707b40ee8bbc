// kustomize/replacements: the `replacements` transformer — copy a field of one source resource
// into field paths of selected target resources, with kyaml's field-path syntax, delimiters,
// indices and `create`. It mutates the resources it is given in place and must never read files
// (the engine loads `path:` entries), parse YAML or reorder, add or remove resources.
export { applyReplacements, type ReplacementsPlace } from './apply-replacements.js';
export { splitFieldPath, lookupField } from './field-path.js';
export type { PreviousIdsOf } from './select.js';
