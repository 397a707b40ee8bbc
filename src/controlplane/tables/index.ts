// tables: server-side printing (meta.k8s.io/v1 Table) for `kubectl get`, for built-in kinds and
// CRD printer columns. Pure: objects in, Table out.
export { humanDuration, ageOf } from './human-duration.js';
export { evaluateJsonPath, parseJsonPath } from './jsonpath.js';
export { buildTable, columnsOf, wantsTable, type IncludeObject, type TableOptions } from './table.js';
