/**
 * `npm run bench`: every benchmark, one after the other. The model benchmarks run in this process;
 * the HTTP ones start the service as `npm start` runs it, in processes of their own.
 */
import { benchLatency } from './latency.js';
import { benchHealthDuringCostliest, benchMixedLoad } from './load.js';
import { benchOrbit } from './orbit.js';
import { benchScripting } from './scripting.js';
import { benchThroughput } from './throughput.js';
import { benchUncertaintyService } from './uncertainty.js';

benchOrbit();
benchLatency();
await benchThroughput();
await benchHealthDuringCostliest();
await benchMixedLoad();
await benchScripting();
await benchUncertaintyService();
