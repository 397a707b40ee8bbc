// `npm run bench`: every benchmark, each printing its figures against a peer measured in the same run.
import { benchControlPlane } from './controlplane.bench.js';

await benchControlPlane();
