// Entry of a sweep worker thread. Worker threads do not inherit the tsx
// loader of the main thread, so this plain-JS file registers it before
// loading the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
