// Entry of a sweep worker process. It registers the tsx loader itself
// (the main process may have been started without it, through bin/sim.js)
// before loading the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
