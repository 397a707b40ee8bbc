// lib: small, dependency-free helpers shared by every folder (errors, durations, cancellation).
// It must never import another folder of Weir.
export { WeirError, errorMessage } from './errors.js';
export { formatDuration, formatDurationNanos, parseDuration, parseDurationNanos } from './durations.js';
