// `npm run bench`: every benchmark, each printing its figures against a peer measured in the same run.
import { benchControlPlane } from './controlplane.bench.js';
import { benchKustomize } from './kustomize.bench.js';
import { benchSource } from './source.bench.js';

const only = process.argv[2];
if (!only || only === 'controlplane') await benchControlPlane();
if (!only || only === 'kustomize') benchKustomize();
if (!only || only === 'source') await benchSource();
