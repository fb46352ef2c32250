// Entry of an upload inspection thread: registers tsx (the thread's code is TypeScript, as the
// worker process's is), then loads the thread itself. Plain JavaScript so Node can start it as is.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./take-inspection.thread.ts', import.meta.url).href);
