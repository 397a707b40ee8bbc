// Label selectors of lists and watches (`labelSelector=`): the shared parser of
// src/apimachinery, with a malformed selector answered as the API server answers it (400).
import { matchesRequirements, parseLabelSelector as parseRequirements, type Requirement } from '../../apimachinery/index.js';
import { ApiError } from '../api-error.js';

/** One requirement of a label selector. */
export type LabelRequirement = Requirement;

/** Labels of an object (absent labels = empty). */
export type Labels = Readonly<Record<string, string>>;

/** Parses a `labelSelector` query value; empty means "everything"; malformed is a 400. */
export function parseLabelSelector(selector: string | undefined): LabelRequirement[] {
  const parsed = parseRequirements(selector ?? '');
  if (typeof parsed === 'string') throw ApiError.badRequest(`${parsed}: invalid label selector "${selector}"`);
  return parsed;
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(requirements: readonly LabelRequirement[], labels: Labels | undefined): boolean {
  return matchesRequirements(requirements, labels ?? {});
}
