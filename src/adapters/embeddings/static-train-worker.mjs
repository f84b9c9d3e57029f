// Bootstrap of the training worker thread: lets the worker load TypeScript sources through tsx
// (the main process registers tsx in bin/paperboy.js; worker threads start without it).
import { register } from 'tsx/esm/api';

register();
await import('./static-train-worker.ts');
