/** `npm run bench`: every benchmark, one after the other, in one process. */
import { benchLatency } from './latency.js';
import { benchOrbit } from './orbit.js';

benchOrbit();
benchLatency();
