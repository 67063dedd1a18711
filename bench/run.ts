/** `npm run bench`: every benchmark, one after the other, in one process. */
import { benchOrbit } from './orbit.js';

benchOrbit();
